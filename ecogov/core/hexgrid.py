"""Hexagonal grids for hotspots and densities (pure, no Django).

Points [WGS-84 degrees] are projected to a local plane (equirectangular about
the reference latitude ``lat0``: x = R·λ·cos φ0, y = R·φ, R = 6,371,008.8 m),
binned into pointy-top hexagons of circumradius ``size_m`` using axial
coordinates and cube rounding (Red Blob Games, "Hexagonal Grids"), and the
cells are returned with their count, centre and corner polygon.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

R = 6371008.8
SQRT3 = math.sqrt(3.0)


def _to_xy(lon: float, lat: float, lat0: float) -> tuple[float, float]:
    return R * math.radians(lon) * math.cos(math.radians(lat0)), R * math.radians(lat)


def _to_lonlat(x: float, y: float, lat0: float) -> tuple[float, float]:
    return math.degrees(x / (R * math.cos(math.radians(lat0)))), math.degrees(y / R)


def hex_of(x: float, y: float, size: float) -> tuple[int, int]:
    """Axial (q, r) of the pointy-top hexagon containing plane point (x, y) [m]."""
    qf = (SQRT3 / 3 * x - y / 3) / size
    rf = (2 / 3 * y) / size
    sf = -qf - rf
    q, r, s = round(qf), round(rf), round(sf)
    dq, dr, ds = abs(q - qf), abs(r - rf), abs(s - sf)
    if dq > dr and dq > ds:
        q = -r - s
    elif dr > ds:
        r = -q - s
    return int(q), int(r)


def hex_centre(q: int, r: int, size: float) -> tuple[float, float]:
    return size * SQRT3 * (q + r / 2), size * 1.5 * r


def hex_corners(q: int, r: int, size: float) -> list[tuple[float, float]]:
    cx, cy = hex_centre(q, r, size)
    return [(cx + size * math.cos(math.radians(60 * i - 30)), cy + size * math.sin(math.radians(60 * i - 30)))
            for i in range(6)]


def hexbin(points: Iterable[tuple[float, float]], size_m: float = 1000.0, lat0: float | None = None,
           min_count: int = 1) -> list[dict]:
    """Cells with at least ``min_count`` points, most populated first.

    Each cell: ``{"q", "r", "count", "lon", "lat", "polygon": [[lon, lat], ...7 points, closed]}``.
    """
    pts = [(lon, lat) for lon, lat in points if lon is not None and lat is not None]
    if not pts:
        return []
    lat0 = lat0 if lat0 is not None else sum(p[1] for p in pts) / len(pts)
    counts = Counter(hex_of(*_to_xy(lon, lat, lat0), size_m) for lon, lat in pts)
    cells = []
    for (q, r), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if n < min_count:
            continue
        lon, lat = _to_lonlat(*hex_centre(q, r, size_m), lat0)
        ring = [list(_to_lonlat(x, y, lat0)) for x, y in hex_corners(q, r, size_m)]
        cells.append({"q": q, "r": r, "count": n, "lon": lon, "lat": lat, "polygon": ring + [ring[0]]})
    return cells
