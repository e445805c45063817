"""Map layers of the inventory: one per kind, ``provider(user, **params) -> FeatureCollection``.

``params``: ``bbox`` ("min_lon,min_lat,max_lon,max_lat", WGS-84) keeps the sources whose
extent meets the box (the map asks for its view only).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from .choices import SourceKind, SourceState
from .models import Source


def parse_bbox(raw: Any) -> tuple[float, float, float, float] | None:
    if not raw:
        return None
    try:
        x0, y0, x1, y1 = (float(v) for v in str(raw).split(","))
    except ValueError:
        return None
    return x0, y0, x1, y1


FIELDS = ("pk", "code", "name", "kind", "state", "holder", "geometry")


def feature(row: tuple, url: str) -> dict[str, Any]:
    """A feature from a ``FIELDS`` row; ``url`` is the detail URL with ``{id}`` for the id."""
    pk, code, name, kind, state, holder, geometry = row
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {
            "id": pk, "code": code, "name": name, "kind": kind, "label": SourceKind.label(kind), "state": state,
            "state_label": SourceState.label(state),
            "colour": "#d62728" if state == SourceState.PROBLEM else SourceKind.colour(kind),
            "url": url.replace("{id}", str(pk)), "note": holder,
        },
    }


#: Above this many sources in view, below DETAIL_ZOOM, a layer sends each source as its anchor point
#: (for the map's aggregation) instead of its line or polygon.
LIGHT_ABOVE = 500
#: Kinds drawn as areas at every zoom up to this many in view (the control zones' "one map").
LIGHT_ABOVE_BY_KIND = {SourceKind.DISCHARGE_ZONE: 3000}
DETAIL_ZOOM = 15


def _zoom(raw: Any) -> int:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return DETAIL_ZOOM


def light_feature(row: tuple) -> dict[str, Any]:
    pk, kind, state, lon, lat = row
    colour = "#d62728" if state == SourceState.PROBLEM else SourceKind.colour(kind)
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"id": pk, "kind": kind, "colour": colour}}


def kind_layer(user, *, kind: str, bbox: Any = None, zoom: Any = None, **params) -> dict[str, Any]:
    qs = Source.objects.for_user(user).filter(kind=kind).exclude(state=SourceState.CLOSED).order_by()
    box = parse_bbox(bbox)
    if box:
        qs = qs.filter(max_lon__gte=box[0], min_lon__lte=box[2], max_lat__gte=box[1], min_lat__lte=box[3])
    if _zoom(zoom) < DETAIL_ZOOM and qs.count() > LIGHT_ABOVE_BY_KIND.get(kind, LIGHT_ABOVE):
        rows = qs.values_list("pk", "kind", "state", "lon", "lat")
        return {"type": "FeatureCollection", "features": [light_feature(r) for r in rows], "light": True}
    url = reverse("inventory:source_detail", args=[0]).replace("/0/", "/{id}/")
    return {"type": "FeatureCollection", "features": [feature(row, url) for row in qs.values_list(*FIELDS)]}


def _provider(kind: str):
    def provider(user, **params):
        return kind_layer(user, kind=kind, **params)

    provider.__name__ = kind
    provider.__doc__ = f"The {kind} sources of the inventory."
    return provider


construction = _provider(SourceKind.CONSTRUCTION)
road = _provider(SourceKind.ROAD)
bare_land = _provider(SourceKind.BARE_LAND)
restaurant = _provider(SourceKind.RESTAURANT)
filling_station = _provider(SourceKind.FILLING_STATION)
car_repair = _provider(SourceKind.CAR_REPAIR)
congested_road = _provider(SourceKind.CONGESTED_ROAD)
discharge_zone = _provider(SourceKind.DISCHARGE_ZONE)
outfall = _provider(SourceKind.OUTFALL)
