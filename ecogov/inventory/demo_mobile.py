"""Demo mobile-monitoring run (走航): one vehicle over a few demo roads two days before the anchor day.

Drawn from its own generator (``random.Random(f"mobile-run:{seed}")``), never ``ctx.rng``, so every
other demo figure stays as it was. The roads are chosen among those patrolled in the last 30 days
(so none becomes "due for a patrol" or stops being one) and each road's readings are drawn inside the
band of its demo dust level, so the run confirms the levels the map already shows.
"""

from __future__ import annotations

import datetime as dt
import math
import random

from . import geometry as geo
from . import mobile
from .choices import DustLevel, SourceKind
from .models import MobileRun, MobileRunRoad, Source

ROADS = 4
READINGS_PER_ROAD = 60
EN_ROUTE = 40  # readings between roads, 300 m off them: matched to no road (unless another road is there)
PM10_RANGE = {DustLevel.LOW: (80, 140), DustLevel.MEDIUM: (160, 240), DustLevel.HIGH: (260, 380)}
VEHICLE = "走航监测车 赣A·H0001"


def _offset(lon: float, lat: float, north_m: float, east_m: float) -> tuple[float, float]:
    dlat = math.degrees(north_m / geo.EARTH_RADIUS_M)
    dlon = math.degrees(east_m / geo.EARTH_RADIUS_M) / math.cos(math.radians(lat))
    return lon + dlon, lat + dlat


def _along(rng: random.Random, road: Source, n: int) -> list[tuple[float, float, float]]:
    """``n`` (lon, lat, pm10) points along the road, at most 15 m off it, PM10 in its level's band."""
    (x0, y0), (x1, y1) = road.geometry["coordinates"][0], road.geometry["coordinates"][-1]
    low, high = PM10_RANGE.get(road.dust_level, PM10_RANGE[DustLevel.LOW])
    out = []
    for i in range(n):
        t = (i + 0.5) / n
        lon, lat = _offset(x0 + t * (x1 - x0), y0 + t * (y1 - y0), rng.uniform(-15, 15), rng.uniform(-15, 15))
        out.append((lon, lat, rng.uniform(low, high)))
    return out


def _readings(rng: random.Random, roads: list[Source], day: dt.date) -> list[mobile.Reading]:
    points: list[tuple[float, float, float]] = []
    for road in roads:
        points += _along(rng, road, READINGS_PER_ROAD)
        lon, lat = road.lon, road.lat
        points += [(*_offset(lon, lat, 300, rng.uniform(-50, 50)), rng.uniform(60, 160))
                   for _ in range(EN_ROUTE // len(roads))]
    start = dt.datetime.combine(day, dt.time(9, 0))
    return [mobile.Reading(start + dt.timedelta(seconds=10 * i), round(lon, 7), round(lat, 7), round(pm10, 1),
                           round(pm10 * rng.uniform(0.35, 0.5), 1), None, "wgs84")
            for i, (lon, lat, pm10) in enumerate(points)]


def load(ctx) -> None:
    rng = random.Random(f"mobile-run:{ctx.seed}")
    day = ctx.today - dt.timedelta(days=2)
    recent = [s for s in ctx.data.get("inventory_sources", [])
              if s.kind == SourceKind.ROAD and s.last_checked and day - dt.timedelta(days=28) <= s.last_checked <= day]
    roads = sorted(recent, key=lambda s: s.code)[:ROADS]
    if not roads:
        return
    readings = _readings(rng, roads, day)
    matched, sums = mobile.match(Source.objects.all(), readings)
    n_matched = sum(1 for m in matched if m is not None)
    run = MobileRun.objects.create(
        reference=mobile.reference_of(readings), vehicle=VEHICLE, date=day, datum="wgs84",
        note="演示数据 / demo", jurisdiction=ctx.data["jurisdictions"]["city"][0], n_readings=len(readings),
        n_matched=n_matched, n_unmatched=len(readings) - n_matched, n_roads=len(sums),
        readings=[[*r.key(), m] for r, m in zip(readings, matched, strict=True)])
    for acc in sums.values():
        level = mobile.dust_level(acc.mean_pm10)
        MobileRunRoad.objects.create(run=run, source=acc.source, n_readings=acc.n, mean_pm10=acc.mean_pm10,
                                     mean_pm25=acc.mean_pm25, dust_level=level)
        Source.objects.filter(pk=acc.source.pk).update(dust_level=level, last_checked=day)
    ctx.log(f"  inventory: 1 mobile-monitoring run, {len(readings)} readings over {len(sums)} roads")
