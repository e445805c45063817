"""Muck-truck track checks (pure functions, no database): a GPS track against the truck's
approved route, and its body cover (sealed lid) sensor.

- off-route: a run of fixes farther than ``corridor_m`` from every segment of the route is one
  violation, at its first fix;
- unsealed: a run of fixes with the lid open while the truck moves (at least ``MOVING_M`` from the
  previous fix) is one violation, at its first fix.
Distances on a local equirectangular projection (error well under 1 % over a city's extent).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

EARTH_M = 6_371_008.8
MOVING_M = 20.0


@dataclass(frozen=True)
class Fix:
    at: dt.datetime
    lon: float
    lat: float
    lid_closed: bool = True


@dataclass(frozen=True)
class Violation:
    kind: str
    at: dt.datetime
    lon: float
    lat: float
    detail: str


def _xy(lon: float, lat: float, lat0: float) -> tuple[float, float]:
    return (math.radians(lon) * EARTH_M * math.cos(math.radians(lat0)), math.radians(lat) * EARTH_M)


def distance_to_route_m(lon: float, lat: float, route: Sequence[Sequence[float]]) -> float:
    """The shortest distance [m] from a point to a polyline of ``[lon, lat]`` vertices."""
    if not route:
        return math.inf
    px, py = _xy(lon, lat, lat)
    best = math.inf
    pts = [_xy(x, y, lat) for x, y in route]
    if len(pts) == 1:
        return math.hypot(px - pts[0][0], py - pts[0][1])
    for (ax, ay), (bx, by) in zip(pts, pts[1:], strict=False):
        dx, dy = bx - ax, by - ay
        seg = dx * dx + dy * dy
        t = 0.0 if seg == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / seg))
        best = min(best, math.hypot(px - (ax + t * dx), py - (ay + t * dy)))
    return best


def off_route(track: Sequence[Fix], route: Sequence[Sequence[float]], corridor_m: float) -> list[Violation]:
    """One violation per run of fixes farther than ``corridor_m`` [m] from ``route``, at its first fix."""
    out: list[Violation] = []
    outside = False
    for f in sorted(track, key=lambda f: f.at):
        d = distance_to_route_m(f.lon, f.lat, route)
        if d > corridor_m and not outside:
            out.append(Violation("off_route", f.at, f.lon, f.lat, f"偏离核准路线 {d:.0f} 米（允许 {corridor_m:.0f} 米）"))
        outside = d > corridor_m
    return out


def unsealed(track: Sequence[Fix]) -> list[Violation]:
    """One violation per run of moving fixes with the lid open, at its first fix."""
    out: list[Violation] = []
    open_run = False
    prev: Fix | None = None
    for f in sorted(track, key=lambda f: f.at):
        moving = prev is not None and distance_to_route_m(f.lon, f.lat, [[prev.lon, prev.lat]]) >= MOVING_M
        bad = not f.lid_closed and moving
        if bad and not open_run:
            out.append(Violation("unsealed", f.at, f.lon, f.lat, "行驶中车厢未密闭"))
        open_run = bad or (open_run and not f.lid_closed)
        prev = f
    return out
