"""Coordinates: WGS-84 <-> GCJ-02 (the obfuscated datum of Chinese web maps),
point-in-polygon on GeoJSON boundaries, and distances.

Everything is stored in WGS-84. GCJ-02 input (from Amap/Tencent map clicks) is
converted on entry with ``gcj02_to_wgs84``, which inverts the forward transform
iteratively to better than 1e-7 degrees (about 1 cm).
"""

from __future__ import annotations

import math

_A = 6378245.0  # Krasovsky 1940 semi-major axis [m]
_EE = 0.00669342162296594323  # eccentricity squared


def outside_china(lon: float, lat: float) -> bool:
    """True outside the rough bounding box where GCJ-02 applies (no shift there)."""
    return not (72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _transform_lat(x: float, y: float) -> float:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _transform_lon(x: float, y: float) -> float:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return ret


def wgs84_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    """Forward transform [degrees] -> [degrees]."""
    if outside_china(lon, lat):
        return lon, lat
    dlat = _transform_lat(lon - 105.0, lat - 35.0)
    dlon = _transform_lon(lon - 105.0, lat - 35.0)
    radlat = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(radlat) ** 2
    sqrtmagic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrtmagic) * math.pi)
    dlon = (dlon * 180.0) / (_A / sqrtmagic * math.cos(radlat) * math.pi)
    return lon + dlon, lat + dlat


def gcj02_to_wgs84(lon: float, lat: float, tol: float = 1e-9) -> tuple[float, float]:
    """Inverse transform by fixed-point iteration [degrees] -> [degrees]."""
    if outside_china(lon, lat):
        return lon, lat
    wlon, wlat = lon, lat
    for _ in range(30):
        glon, glat = wgs84_to_gcj02(wlon, wlat)
        dlon, dlat = glon - lon, glat - lat
        wlon, wlat = wlon - dlon, wlat - dlat
        if abs(dlon) < tol and abs(dlat) < tol:
            break
    return wlon, wlat


def to_wgs84(lon: float, lat: float, datum: str = "wgs84") -> tuple[float, float]:
    """Normalise a coordinate given in ``datum`` ("wgs84" or "gcj02") to WGS-84."""
    datum = (datum or "wgs84").lower().replace("-", "")
    if datum == "gcj02":
        return gcj02_to_wgs84(lon, lat)
    if datum != "wgs84":
        from .errors import field_error

        raise field_error("datum", "坐标系只支持 WGS-84 或 GCJ-02", "datum must be WGS-84 or GCJ-02")
    return lon, lat


def haversine_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance [m] on a sphere of radius 6,371,008.8 m."""
    r = 6371008.8
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(h))


def _ring_contains(ring: list[list[float]], lon: float, lat: float) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def geojson_contains(geometry: dict | None, lon: float, lat: float) -> bool:
    """True when (lon, lat) lies inside a GeoJSON Polygon or MultiPolygon (holes honoured)."""
    if not geometry:
        return False
    if geometry.get("type") == "Feature":
        geometry = geometry.get("geometry") or {}
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    polygons = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
    for rings in polygons:
        if rings and _ring_contains(rings[0], lon, lat) and not any(_ring_contains(h, lon, lat) for h in rings[1:]):
            return True
    return False
