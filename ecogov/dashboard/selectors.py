"""Dashboard reads: the layers a user may draw, one layer's features (aggregated per zoom),
and the rings around a control station with the sources inside them."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import timezone

from ecogov.complaints import selectors as complaints
from ecogov.core import contrib
from ecogov.core import selectors as core
from ecogov.core.errors import NotFound, ValidationFailed
from ecogov.core.geo import haversine_m
from ecogov.inventory import selectors as inventory
from ecogov.rectification import selectors as rectification
from ecogov.registry import selectors as registry

from . import cluster, datum, rings
from .layers import COMPLAINT_DAYS

#: Layers whose features are the centres of rings (``properties.rings`` true).
RING_GROUP = "stations"
#: A complaint this close to a source [m] flags the source.
COMPLAINT_FLAG_M = 300


def may_see(user, layer: contrib.MapLayer) -> bool:
    return bool(user.is_superuser or getattr(user, "role", "") in layer.roles)


def layers_for(user) -> list[contrib.MapLayer]:
    return [layer for layer in contrib.map_layers if may_see(user, layer)]


def _layer(user, key: str) -> contrib.MapLayer:
    layer = contrib.map_layers.get(key)
    if layer is None or not may_see(user, layer):
        raise NotFound("图层", "layer", detail={"layer": key})
    return layer


def _zoom(raw: Any) -> int:
    try:
        return max(0, min(20, int(raw)))
    except (TypeError, ValueError):
        return 12


def layer_collection(user, key: str, params: dict[str, Any]) -> dict[str, Any]:
    """The FeatureCollection of layer ``key`` for ``user``, with points aggregated at ``params["zoom"]``."""
    layer = _layer(user, key)
    zoom = _zoom(params.get("zoom"))
    shift = params.get("datum") == "gcj02"
    args = {k: v for k, v in params.items() if k != "datum"}
    data = cluster.cluster(contrib.resolve(layer.provider)(user, **{**args, "zoom": zoom}), zoom)
    return datum.shift_collection(data) if shift else data


#: A station without a wind sensor takes the wind of the nearest station within this distance [m].
WIND_FALLBACK_M = 10_000


def _nearest_wind(provider, user, lon: float, lat: float) -> dict[str, Any] | None:
    best = None
    for f in provider(user)["features"]:
        p = f["properties"]
        if p.get("wind_from") is None:
            continue
        d = haversine_m(lon, lat, *f["geometry"]["coordinates"][:2])
        if d <= WIND_FALLBACK_M and (best is None or d < best[0]):
            best = (d, p)
    return best[1] if best else None


#: The layers of the public map (read as an anonymous user, through each model's public filter).
PUBLIC_LAYERS = ("monitoring-stations", "monitoring-sections", "public-penalties")


def public_collection(key: str, params: dict[str, Any]) -> dict[str, Any]:
    """A public layer (or the boundaries) for anyone; KeyError for any other key."""
    from django.contrib.auth.models import AnonymousUser

    from . import layers

    anonymous = AnonymousUser()
    zoom = _zoom(params.get("zoom"))
    if key == "boundaries":
        return layers.public_boundaries()
    if key == "public-penalties":
        return cluster.cluster(layers.public_penalties(), zoom)
    if key not in PUBLIC_LAYERS or contrib.map_layers.get(key) is None:
        raise KeyError(key)
    layer = contrib.map_layers.get(key)
    assert layer is not None
    return cluster.cluster(contrib.resolve(layer.provider)(anonymous, zoom=zoom), zoom)


def ring_centre(user, station_id: int) -> dict[str, Any]:
    """The station's feature from the station layers, if it carries rings, with the current hour's
    wind: its own, else that of the nearest station measuring wind within WIND_FALLBACK_M."""
    for layer in layers_for(user):
        if layer.group != RING_GROUP:
            continue
        provider = contrib.resolve(layer.provider)
        for f in provider(user, station=station_id)["features"]:
            p = f["properties"]
            if p.get("id") != station_id or not p.get("rings"):
                continue
            p["wind_station"] = p.get("name") if p.get("wind_from") is not None else ""
            if p.get("wind_from") is None:
                near = _nearest_wind(provider, user, *f["geometry"]["coordinates"][:2])
                if near is not None:
                    p["wind_from"], p["wind_station"] = near["wind_from"], near["name"]
            return f
    raise NotFound("站点", "station", detail={"station": station_id})


@dataclass
class RingRow:
    ring: int
    radius_m: float
    kind: str
    kind_label: str
    code: str
    name: str
    street: str
    distance_m: float
    bearing_deg: float
    sector: int
    upwind: bool
    ledger: bool
    complaints: int
    url: str
    state: str = ""
    lon: float = 0.0
    lat: float = 0.0

    @property
    def ring_label(self) -> str:
        return rings.ring_label(self.radius_m)

    @property
    def sector_label(self) -> str:
        return rings.SECTOR_NAMES_ZH[self.sector]

    @property
    def flagged(self) -> bool:
        return self.ledger or self.complaints > 0


def _streets(user) -> dict[int, str]:
    """Jurisdiction id -> the name of its street (itself for a street, its parent for a grid cell)."""
    nodes = {j.pk: j for j in core.jurisdictions_for(user).only("pk", "name", "level", "parent_id")}
    out = {}
    for pk, node in nodes.items():
        if node.level == "street":
            out[pk] = node.name
        elif node.level == "grid" and node.parent_id in nodes:
            out[pk] = nodes[node.parent_id].name
    return out


def _template(name: str) -> str:
    return reverse(name, args=[0]).replace("/0/", "/{id}/")


def _candidates(user, lon: float, lat: float, radius: float):
    """(kind, kind label, code, name, jurisdiction id, lon, lat, distance, ledger?, state, url, object id,
    bearing)."""
    src_url, obj_url = _template("inventory:source_detail"), _template("registry:object_detail")
    kind_labels = {k: label for k, label, _colour in inventory.kinds()}
    state_labels = inventory.state_labels()
    for s in inventory.near_rows(user, lon=lon, lat=lat, radius_m=radius):
        yield (s.kind, kind_labels[s.kind], s.code, s.name, s.jurisdiction_id, s.lon, s.lat, s.distance_m,
               s.state == "problem", state_labels.get(s.state, s.state), src_url.replace("{id}", str(s.pk)), None,
               inventory.bearing_deg(lon, lat, s.lon, s.lat))
    box = inventory.search_box(lon, lat, radius)
    objects = registry.objects_for(user).select_related(None).filter(
        lon__gte=box[0], lon__lte=box[2], lat__gte=box[1], lat__lte=box[3]).only(
        "pk", "uscc", "name", "jurisdiction_id", "lon", "lat", "supervision_class")
    for o in objects:
        d = haversine_m(lon, lat, o.lon, o.lat)
        if d <= radius:
            label = f"企业（{o.supervision_class or '—'}类）"
            yield ("enterprise", label, o.uscc, o.name, o.jurisdiction_id, o.lon, o.lat, d, False, "",
                   obj_url.replace("{id}", str(o.pk)), o.pk, inventory.bearing_deg(lon, lat, o.lon, o.lat))


def _open_ledger_objects(user, ids: list[int]) -> set[int]:
    if not ids:
        return set()
    qs = rectification.items_for(user).filter(supervised_object_id__in=ids).exclude(state="closed")
    return set(qs.values_list("supervised_object_id", flat=True))


def _complaint_points(user, lon: float, lat: float, radius: float) -> list[tuple[float, float]]:
    box = inventory.search_box(lon, lat, radius + COMPLAINT_FLAG_M)
    since = timezone.now() - dt.timedelta(days=COMPLAINT_DAYS)
    return list(complaints.complaints_for(user).filter(
        lon__gte=box[0], lon__lte=box[2], lat__gte=box[1], lat__lte=box[3], received_at__gte=since,
    ).values_list("lon", "lat"))


def _near_counter(points: list[tuple[float, float]], radius_m: float, lat0: float):
    """``count(lon, lat)``: how many of ``points`` lie within ``radius_m`` (grid cells of the radius,
    so each call looks at the 3 x 3 cells around it, not at every point)."""
    dlat = math.degrees(radius_m / 6371008.8)
    dlon = dlat / math.cos(math.radians(lat0))
    cells: dict[tuple[int, int], list[tuple[float, float]]] = defaultdict(list)
    for lon, lat in points:
        cells[(int(lon // dlon), int(lat // dlat))].append((lon, lat))

    def count(lon: float, lat: float) -> int:
        cx, cy = int(lon // dlon), int(lat // dlat)
        return sum(1 for i in (-1, 0, 1) for j in (-1, 0, 1) for plon, plat in cells.get((cx + i, cy + j), ())
                   if haversine_m(lon, lat, plon, plat) <= radius_m)

    return count


def station_rings(user, station_id: int, radii=None) -> dict[str, Any]:
    """The rings around station ``station_id``: every source inside the outer ring (the user's
    own only), its ring, bearing and sector, upwind or not, and its flags."""
    try:
        radii = rings.parse_radii(radii)
    except rings.RadiiError as exc:
        raise ValidationFailed("bad_radii", exc.zh, exc.en) from exc
    centre = ring_centre(user, station_id)
    lon, lat = centre["geometry"]["coordinates"][:2]
    wind = centre["properties"].get("wind_from")
    rows_raw = list(_candidates(user, lon, lat, radii[-1]))
    ledger = _open_ledger_objects(user, [r[11] for r in rows_raw if r[11]])
    near_complaints = _near_counter(_complaint_points(user, lon, lat, radii[-1]), COMPLAINT_FLAG_M, lat)
    streets = _streets(user)
    rows = []
    for kind, label, code, name, jur, slon, slat, dist, problem, state, url, obj_id, bearing in rows_raw:
        ring = rings.ring_of(dist, radii)
        near_c = near_complaints(slon, slat)
        rows.append(RingRow(ring + 1, radii[ring], kind, label, code, name, streets.get(jur, ""), round(dist, 1),
                            round(bearing, 1), rings.sector_of(bearing), rings.is_upwind(bearing, wind),
                            problem or (obj_id in ledger), near_c, url, state, slon, slat))
    rows.sort(key=lambda r: (r.distance_m, r.code))
    return {"station": centre["properties"], "lon": lon, "lat": lat, "radii": radii, "wind_from": wind,
            "wind_station": centre["properties"].get("wind_station", ""),
            "upwind_sector": rings.sector_of(wind) if wind is not None else None,
            "upwind_polygon": rings.sector_polygon(lon, lat, rings.sector_of(wind), radii[-1]) if wind is not None
            else None, "rows": rows, "counts": counts(rows, radii)}


def counts(rows: list[RingRow], radii) -> list[dict[str, Any]]:
    """Per kind: sources within each ring (cumulative: the 2 km count includes the 1 km ring)."""
    kinds: dict[str, dict[str, Any]] = {}
    for r in rows:
        entry = kinds.setdefault(r.kind, {"kind": r.kind, "label": r.kind_label, "by_ring": [0] * len(radii),
                                          "upwind": 0, "flagged": 0})
        for i in range(r.ring - 1, len(radii)):
            entry["by_ring"][i] += 1
        entry["upwind"] += r.upwind
        entry["flagged"] += r.flagged
    return sorted(kinds.values(), key=lambda e: e["kind"])
