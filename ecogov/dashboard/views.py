"""The one map (挂图作战), its layers as GeoJSON, the rings of a control station, and the
leader's dashboard (驾驶舱)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.gzip import gzip_page

from ecogov.core.errors import DomainError, NotFound
from ecogov.core.pages import error_text, table_response

from . import cockpit, datum, rings, selectors
from .tables import RING_COLUMNS

#: The largest id a database integer column holds.
MAX_ID = 2**63 - 1


def _tiles() -> dict:
    """The optional tile layer (none by default: the base map is drawn from the boundaries).

    Settings: ``MAP_TILE_URL`` (a template with {z}/{x}/{y}, and {key} for Tianditu),
    ``MAP_TILE_KEY``, ``MAP_TILE_ATTRIBUTION``, ``MAP_TILE_DATUM`` ("wgs84" for Tianditu's
    CGCS2000, "gcj02" for Gaode-style tiles: the overlays are then shifted on the server).
    """
    url = getattr(settings, "MAP_TILE_URL", "").replace("{key}", getattr(settings, "MAP_TILE_KEY", ""))
    tile_datum = getattr(settings, "MAP_TILE_DATUM", "wgs84")
    return {"url": url, "attribution": getattr(settings, "MAP_TILE_ATTRIBUTION", ""),
            "datum": tile_datum if tile_datum in datum.DATUMS else "wgs84"}


def _group_labels() -> dict[str, str]:
    return {"base": _("Base map"), "stations": _("Air"), "water": _("Water"), "sources": _("Pollution sources"),
            "inventory": _("Source inventory"), "cases": _("Cases"), "rectification": _("Rectification")}


@login_required
def map_page(request):
    groups = _group_labels()
    layers = [{"key": layer.key, "label": str(layer.label), "group": groups.get(layer.group, layer.group),
               "url": reverse("dashboard:layer", args=[layer.key])} for layer in selectors.layers_for(request.user)]
    radii = getattr(settings, "MAP_RING_RADII_M", rings.DEFAULT_RADII_M)
    config = {"layers": layers, "tiles": _tiles(), "radii": list(radii),
              "rings_url": reverse("dashboard:rings", args=[0]).replace("/0/", "/{id}/")}
    return render(request, "dashboard/map.html", {"config": config})


@login_required
@gzip_page  # GeoJSON compresses about fivefold; a layer holds no secret a compression oracle could guess
def layer(request, key: str):
    try:
        data = selectors.layer_collection(request.user, key, request.GET.dict())
    except NotFound as exc:
        raise Http404 from exc
    return JsonResponse(data)


def _ring_json(data, shift: bool) -> dict:
    """The rings for the map panel; positions in GCJ-02 when the tiles are (``shift``)."""
    move = datum.shift_point if shift else (lambda lon, lat: (lon, lat))
    lon, lat = move(data["lon"], data["lat"])
    polygon = data["upwind_polygon"]
    rows = []
    for r in data["rows"]:
        rlon, rlat = move(r.lon, r.lat)
        rows.append({c.key: c.value(r) for c in RING_COLUMNS}
                    | {"url": r.url, "ring": r.ring, "flagged": r.flagged, "lon": rlon, "lat": rlat})
    return {
        "station": data["station"], "lon": lon, "lat": lat, "radii": data["radii"], "wind_from": data["wind_from"],
        "wind_station": data["wind_station"], "upwind_sector": data["upwind_sector"], "counts": data["counts"], "rows": rows,
        "upwind_polygon": datum.shift_geometry(polygon) if shift and polygon else polygon,
    }


@login_required
def station_rings(request, pk: int):
    """The ring table of one station (HTML, ``?export=xlsx`` or ``?format=json`` for the map)."""
    station_id = pk
    if station_id > MAX_ID:
        raise Http404
    try:
        radii = request.GET.get("radii") or getattr(settings, "MAP_RING_RADII_M", None)
        data = selectors.station_rings(request.user, station_id, radii)
    except NotFound as exc:
        raise Http404 from exc
    except DomainError as exc:
        return JsonResponse({"code": exc.code, "message": error_text(exc)}, status=422)
    if request.GET.get("format") == "json":
        return JsonResponse(_ring_json(data, request.GET.get("datum") == "gcj02"))
    title = _("Sources around %(name)s") % {"name": data["station"]["name"]}
    return table_response(request, data["rows"], RING_COLUMNS, title=title, filename=f"rings-{data['station']['code']}",
                          template="dashboard/rings.html", page_size=200, dated=True,
                          extra={"data": data, "ring_labels": [rings.ring_label(r) for r in data["radii"]]})


def _charts(data) -> dict:
    air = data["air"] or {}
    return {
        "ranking": [{"name": r["name"], "pm25": r["pm25"], "mine": r["mine"]} for r in air.get("ranking", [])],
        "kinds": [{"name": k["label"], "kind": k["kind"], "value": k["value"], "colour": k["colour"]} for k in data["kinds"]],
        "children": [{"name": c["name"], "value": c["sources"], "url": c["url"]} for c in data["children"]],
        "water": (data["water"] or {}).get("by_class", []),
    }


@login_required
def cockpit_page(request):
    """The leader's dashboard for the user's area, or (``?area=CODE``) one inside it."""
    try:
        data = cockpit.build(request.user, request.GET.get("area"))
    except NotFound as exc:
        raise Http404 from exc
    return render(request, "dashboard/cockpit.html", {"data": data, "charts": _charts(data)})
