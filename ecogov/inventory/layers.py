"""Map layers of the inventory: one per kind, ``provider(user, **params) -> FeatureCollection``.

``params``: ``bbox`` ("min_lon,min_lat,max_lon,max_lat", WGS-84) keeps the sources whose
extent meets the box (the map asks for its view only).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from .choices import SourceKind, SourceState
from .selectors import sources_for


def parse_bbox(raw: Any) -> tuple[float, float, float, float] | None:
    if not raw:
        return None
    try:
        x0, y0, x1, y1 = (float(v) for v in str(raw).split(","))
    except ValueError:
        return None
    return x0, y0, x1, y1


def feature(source) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": source.geometry,
        "properties": {
            "id": source.pk, "code": source.code, "name": source.name, "kind": source.kind,
            "label": source.kind_label, "state": source.state, "state_label": source.state_label,
            "colour": "#d62728" if source.state == SourceState.PROBLEM else SourceKind.colour(source.kind),
            "url": reverse("inventory:source_detail", args=[source.pk]),
            "note": source.holder,
        },
    }


def kind_layer(user, *, kind: str, bbox: Any = None, **params) -> dict[str, Any]:
    qs = sources_for(user).filter(kind=kind).exclude(state=SourceState.CLOSED)
    box = parse_bbox(bbox)
    if box:
        qs = qs.filter(max_lon__gte=box[0], min_lon__lte=box[2], max_lat__gte=box[1], min_lat__lte=box[3])
    return {"type": "FeatureCollection", "features": [feature(s) for s in qs]}


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
