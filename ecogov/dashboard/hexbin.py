"""Hexagon density for the one map: count points in regular hexagons of a given size. Pure (no Django).

The cells are those of ``ecogov.core.hexgrid`` (pointy-top hexagons of circumradius ``size_m`` on an
equirectangular plane about the reference latitude ``lat0``); each is returned as a GeoJSON Polygon in
degrees (7 decimals, the first vertex at 30 degrees) with its count, ordered by axial coordinates.
"""

from __future__ import annotations

from collections.abc import Iterable

from ecogov.core.hexgrid import hexbin


def density(points: Iterable[tuple[float, float]], size_m: float = 500, lat0: float | None = None) -> list[dict]:
    """``[{"geometry", "count"}]`` for every hexagon holding at least one point."""
    pts = list(points)
    if not pts:
        return []
    ref = lat0 if lat0 is not None else sum(p[1] for p in pts) / len(pts)
    out = []
    for cell in sorted(hexbin(pts, size_m, ref), key=lambda c: (c["q"], c["r"])):
        corners = cell["polygon"][:-1]
        ring = [[round(lon, 7), round(lat, 7)] for lon, lat in corners[1:] + corners[:1]]
        out.append({"geometry": {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}, "count": cell["count"]})
    return out
