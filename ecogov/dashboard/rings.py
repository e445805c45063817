"""Rings around a control station: which ring a distance falls in, the 16 wind sectors and
the upwind sector. Pure (no Django).

Ring edges are inclusive: a source exactly 1000 m away is inside the 1 km ring. Wind
directions are meteorological (the direction the wind blows *from*, degrees clockwise from
north), so the upwind sector of a station is the sector containing the wind direction, and a
source lies upwind when its bearing from the station falls in that sector. Sectors follow the
pollutant rose: 16 sectors of 22.5 degrees, sector 0 centred on north (348.75..11.25).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

DEFAULT_RADII_M = (1000, 2000, 3000)
MAX_RADIUS_M = 10_000
MAX_RINGS = 5
SECTORS = 16
SECTOR_DEG = 360 / SECTORS
EARTH_RADIUS_M = 6371008.8
SECTOR_NAMES_ZH = ("北", "北东北", "东北", "东东北", "东", "东东南", "东南", "南东南",
                   "南", "南西南", "西南", "西西南", "西", "西西北", "西北", "北西北")
SECTOR_NAMES_EN = ("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW")


class RadiiError(ValueError):
    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en


def parse_radii(raw: str | Sequence[float] | None) -> tuple[float, ...]:
    """Radii [m] from "1000,2000,3000" (or a list); ascending, 1..5 of them, each in (0, 10 km]."""
    if raw in (None, "", ()):
        return DEFAULT_RADII_M
    try:
        parts = raw.split(",") if isinstance(raw, str) else list(raw)
        radii = tuple(float(p) for p in parts if str(p).strip())
    except ValueError as exc:
        raise RadiiError("半径应为逗号分隔的米数，如 1000,2000,3000",
                         "Radii must be metres separated by commas, e.g. 1000,2000,3000") from exc
    if not 1 <= len(radii) <= MAX_RINGS:
        raise RadiiError(f"半径个数应为 1 到 {MAX_RINGS} 个", f"Give 1 to {MAX_RINGS} radii")
    if any(not (0 < r <= MAX_RADIUS_M) for r in radii) or list(radii) != sorted(set(radii)):
        raise RadiiError(f"半径应递增且在 0 到 {MAX_RADIUS_M} 米之间",
                         f"Radii must increase and lie in (0, {MAX_RADIUS_M}] m")
    return radii


def ring_of(distance_m: float, radii: Sequence[float]) -> int | None:
    """Index of the innermost ring holding ``distance_m`` (edge inclusive), None beyond the last."""
    for i, r in enumerate(radii):
        if distance_m <= r:
            return i
    return None


def ring_label(radius_m: float) -> str:
    return f"{radius_m / 1000:g} km"


def sector_of(direction_deg: float) -> int:
    """The 16-sector index (0 = N, 4 = E, 8 = S, 12 = W) of a direction [degrees]."""
    return int(((direction_deg % 360) + SECTOR_DEG / 2) // SECTOR_DEG) % SECTORS


def is_upwind(bearing_deg: float, wind_from_deg: float | None) -> bool:
    """True when a source at ``bearing_deg`` from the station lies in the sector the wind blows from."""
    if wind_from_deg is None:
        return False
    return sector_of(bearing_deg) == sector_of(wind_from_deg)


def _destination(lon: float, lat: float, bearing: float, distance_m: float) -> list[float]:
    d = distance_m / EARTH_RADIUS_M
    p1, l1, b = math.radians(lat), math.radians(lon), math.radians(bearing)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return [round(math.degrees(l2), 7), round(math.degrees(p2), 7)]


def sector_polygon(lon: float, lat: float, sector: int, radius_m: float, steps: int = 8) -> dict:
    """The GeoJSON Polygon of ``sector`` out to ``radius_m`` around (lon, lat)."""
    start = sector * SECTOR_DEG - SECTOR_DEG / 2
    arc = [_destination(lon, lat, start + SECTOR_DEG * i / steps, radius_m) for i in range(steps + 1)]
    centre = [lon, lat]
    return {"type": "Polygon", "coordinates": [[centre, *arc, centre]]}
