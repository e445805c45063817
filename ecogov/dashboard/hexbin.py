"""Hexagon density: count points in regular hexagons of a given size. Pure (no Django).

Points are projected to metres with an equirectangular projection about the reference
latitude ``lat0`` (x = R lon cos lat0, y = R lat, angles in radians), binned in pointy-top
hexagons of circumradius ``size_m`` (axial coordinates with cube rounding), and each hexagon
is returned as a GeoJSON Polygon in degrees with its count.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

R = 6371008.8
SQRT3 = math.sqrt(3)


def _project(lon: float, lat: float, k: float) -> tuple[float, float]:
    return math.radians(lon) * R * k, math.radians(lat) * R


def _unproject(x: float, y: float, k: float) -> list[float]:
    return [round(math.degrees(x / (R * k)), 7), round(math.degrees(y / R), 7)]


def _round(q: float, r: float) -> tuple[int, int]:
    s = -q - r
    rq, rr, rs = round(q), round(r), round(s)
    dq, dr, ds = abs(rq - q), abs(rr - r), abs(rs - s)
    if dq > dr and dq > ds:
        rq = -rr - rs
    elif dr > ds:
        rr = -rq - rs
    return int(rq), int(rr)


def hex_of(lon: float, lat: float, size_m: float, lat0: float) -> tuple[int, int]:
    """Axial (q, r) of the hexagon holding (lon, lat)."""
    x, y = _project(lon, lat, math.cos(math.radians(lat0)))
    return _round((SQRT3 / 3 * x - y / 3) / size_m, (2 / 3 * y) / size_m)


def hex_polygon(q: int, r: int, size_m: float, lat0: float) -> dict:
    k = math.cos(math.radians(lat0))
    cx, cy = size_m * (SQRT3 * q + SQRT3 / 2 * r), size_m * 1.5 * r
    ring = [_unproject(cx + size_m * math.cos(math.radians(30 + 60 * i)),
                       cy + size_m * math.sin(math.radians(30 + 60 * i)), k) for i in range(6)]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def density(points: Iterable[tuple[float, float]], size_m: float = 500, lat0: float | None = None) -> list[dict]:
    """``[{"geometry", "count"}]`` for every hexagon holding at least one point."""
    pts = list(points)
    if not pts:
        return []
    ref = lat0 if lat0 is not None else sum(p[1] for p in pts) / len(pts)
    counts = Counter(hex_of(lon, lat, size_m, ref) for lon, lat in pts)
    return [{"geometry": hex_polygon(q, r, size_m, ref), "count": n} for (q, r), n in sorted(counts.items())]
