"""Source geometries: checking and converting GeoJSON, and distances to a point.

Pure (no Django, no I/O). A source's location is a GeoJSON ``Point``,
``LineString`` or ``Polygon`` stored in WGS-84 (longitude, latitude in
degrees). Input in GCJ-02 (the datum of Gaode/Tencent map clicks) is converted
vertex by vertex with :func:`ecogov.core.geo.gcj02_to_wgs84`.

Distances are on the sphere of radius 6,371,008.8 m (the mean Earth radius,
IUGG): point to point by the haversine formula; point to a line or polygon
edge in a local equirectangular projection centred on the point, which at
3 km differs from the great-circle distance by well under a metre.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from ecogov.core.geo import gcj02_to_wgs84, haversine_m

EARTH_RADIUS_M = 6371008.8
TYPES = ("Point", "LineString", "Polygon")
DATUMS = ("wgs84", "gcj02")
DIGITS = 7  # 1e-7 degree is about 1 cm


class GeometryError(ValueError):
    """A geometry that cannot be stored; ``zh`` and ``en`` say why."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en


def _datum(datum: str | None) -> str:
    value = (datum or "wgs84").lower().replace("-", "").replace("_", "")
    if value not in DATUMS:
        raise GeometryError("坐标系只支持 WGS-84 或 GCJ-02", "The datum must be WGS-84 or GCJ-02")
    return value


def _position(raw, datum: str) -> list[float]:
    try:
        lon, lat = float(raw[0]), float(raw[1])
    except (TypeError, ValueError, IndexError) as exc:
        raise GeometryError("坐标应为 [经度, 纬度] 数值", "A position must be [longitude, latitude]") from exc
    if not (-180 <= lon <= 180 and -90 <= lat <= 90) or math.isnan(lon) or math.isnan(lat):
        raise GeometryError(f"坐标超出范围：{lon}, {lat}", f"Position out of range: {lon}, {lat}")
    if datum == "gcj02":
        lon, lat = gcj02_to_wgs84(lon, lat)
    return [round(lon, DIGITS), round(lat, DIGITS)]


def _line(raw, datum: str, *, ring: bool = False) -> list[list[float]]:
    if not isinstance(raw, (list, tuple)):
        raise GeometryError("线的坐标应为坐标数组", "A line must be an array of positions")
    line = [_position(p, datum) for p in raw]
    if ring:
        if len(line) >= 3 and line[0] != line[-1]:
            line.append(list(line[0]))
        if len(line) < 4:
            raise GeometryError("面至少需要 3 个不同的顶点", "A polygon needs at least 3 distinct vertices")
    elif len(line) < 2:
        raise GeometryError("线至少需要 2 个点", "A line needs at least 2 positions")
    return line


def normalise(geometry: dict, datum: str | None = "wgs84") -> dict:
    """The WGS-84 GeoJSON geometry for ``geometry`` given in ``datum`` ("wgs84" or "gcj02").

    Rings are closed when the input leaves them open; positions are rounded to 1e-7 degree.
    Raises :class:`GeometryError` for anything else.
    """
    d = _datum(datum)
    if isinstance(geometry, dict) and geometry.get("type") == "Feature":
        geometry = geometry.get("geometry") or {}
    if not isinstance(geometry, dict) or geometry.get("type") not in TYPES:
        raise GeometryError("位置应为 GeoJSON 点、线或面", "The location must be a GeoJSON Point, LineString or Polygon")
    kind, coords = geometry["type"], geometry.get("coordinates")
    if kind == "Point":
        return {"type": "Point", "coordinates": _position(coords, d)}
    if kind == "LineString":
        return {"type": "LineString", "coordinates": _line(coords, d)}
    if not isinstance(coords, (list, tuple)) or not coords:
        raise GeometryError("面的坐标应为环的数组", "A polygon must be an array of rings")
    return {"type": "Polygon", "coordinates": [_line(r, d, ring=True) for r in coords]}


def point(lon: float, lat: float, datum: str | None = "wgs84") -> dict:
    """A normalised GeoJSON Point."""
    return normalise({"type": "Point", "coordinates": [lon, lat]}, datum)


def vertices(geometry: dict) -> list[list[float]]:
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "Point":
        return [coords]
    if kind == "LineString":
        return list(coords)
    return [p for ring in coords for p in ring]


def bbox(geometry: dict) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat)."""
    pts = vertices(geometry)
    lons, lats = [p[0] for p in pts], [p[1] for p in pts]
    return min(lons), min(lats), max(lons), max(lats)


def anchor(geometry: dict) -> tuple[float, float]:
    """A representative point for labels and markers: the point itself, the middle vertex of a
    line, the mean of a polygon's outer-ring vertices (its closing vertex counted once)."""
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "Point":
        return coords[0], coords[1]
    if kind == "LineString":
        mid = coords[len(coords) // 2]
        return mid[0], mid[1]
    ring = coords[0][:-1]
    return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)


def _local(lon: float, lat: float, lon0: float, lat0: float) -> tuple[float, float]:
    """Equirectangular projection [m] around (lon0, lat0)."""
    k = math.pi / 180 * EARTH_RADIUS_M
    return (lon - lon0) * k * math.cos(math.radians(lat0)), (lat - lat0) * k


def _segment_m(a, b, lon0: float, lat0: float) -> float:
    ax, ay = _local(a[0], a[1], lon0, lat0)
    bx, by = _local(b[0], b[1], lon0, lat0)
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length2))
    return math.hypot(ax + t * dx, ay + t * dy)


def _inside(ring: list[list[float]], lon: float, lat: float) -> bool:
    inside, j = False, len(ring) - 1
    for i in range(len(ring)):
        (xi, yi), (xj, yj) = ring[i][:2], ring[j][:2]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _segments(lines: Iterable[list[list[float]]]):
    for line in lines:
        yield from zip(line, line[1:], strict=False)


def distance_m(geometry: dict, lon: float, lat: float) -> float:
    """The shortest distance [m] from (lon, lat) to ``geometry``: 0 inside a polygon (outside its holes)."""
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "Point":
        return haversine_m(lon, lat, coords[0], coords[1])
    rings = [coords] if kind == "LineString" else coords
    if kind == "Polygon" and _inside(coords[0], lon, lat) and not any(_inside(h, lon, lat) for h in coords[1:]):
        return 0.0
    return min(_segment_m(a, b, lon, lat) for a, b in _segments(rings))


def search_box(lon: float, lat: float, radius_m: float) -> tuple[float, float, float, float]:
    """A (min lon, min lat, max lon, max lat) box that holds every point within ``radius_m``."""
    dlat = math.degrees(radius_m / EARTH_RADIUS_M)
    dlon = dlat / max(math.cos(math.radians(min(abs(lat) + dlat, 89.9))), 1e-6)
    return lon - dlon, lat - dlat, lon + dlon, lat + dlat


def bearing_deg(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Initial great-circle bearing [degrees clockwise from north, 0..360) from point 1 to point 2."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(x, y)) % 360.0
