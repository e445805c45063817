"""Pollutant rose of exceedances: one station's hours by the direction the wind came from.

For every hour with both a valid value of the pollutant (quality flags honoured, as in the daily
values) and a wind reading, the hour falls in one of 16 sectors of 22.5° centred on N, NNE, ...
(N = [348.75°, 11.25°)), or in *calm* when the speed is below 0.3 m/s (Beaufort force 0), whatever
the direction. An hour *exceeds* when the pollutant's 1-hour IAQI of the real-time report is above
100 (HJ 633 of the version in force that day, the same breakpoints as ``realtime``): the rose shows,
per sector, the hours, the exceeding hours and the mean concentration.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from ecogov.standards import iaqi_array, version_for_date

from .models import POLLUTANTS, Station, WindReading
from .processing import day_bounds, hour_index, hourly_cube
from .realtime import INDICATOR_1H

SECTORS = ("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW")
WIDTH = 360 / len(SECTORS)
#: Below this speed [m/s] an hour is calm (Beaufort force 0: 0.0-0.2 m/s).
CALM_BELOW = 0.3
#: IAQI above which an hour exceeds (the upper bound of "good").
EXCEEDS_IAQI = 100


def sector_of(direction: np.ndarray) -> np.ndarray:
    """Sector index 0..15 (0 = N) of directions in degrees from north."""
    return (np.floor((np.mod(direction, 360) + WIDTH / 2) / WIDTH).astype(np.int64)) % len(SECTORS)


@dataclass
class Rose:
    pollutant: str
    sectors: list[dict]  # name, hours, exceed, mean (None without hours)
    calm: dict  # hours, exceed
    hours: int  # hours with a value and a wind reading
    without_wind: int  # hours with a value but no wind reading


def rose_counts(values: np.ndarray, exceed: np.ndarray, direction: np.ndarray, speed: np.ndarray) -> tuple[
        list[dict], dict]:
    """Per-sector ``hours / exceed / mean`` and the calm counts for paired hourly arrays (NaN = missing).
    An hour is counted when its value is present and it is calm or has a direction."""
    present = ~np.isnan(values)
    calm = present & (speed < CALM_BELOW)
    directed = present & ~calm & ~np.isnan(direction)
    sector = sector_of(np.where(directed, direction, 0.0))
    sectors = []
    for k, name in enumerate(SECTORS):
        inside = directed & (sector == k)
        n = int(inside.sum())
        sectors.append({"name": name, "hours": n, "exceed": int((inside & exceed).sum()),
                        "mean": round(float(values[inside].mean()), 1) if n else None})
    return sectors, {"hours": int(calm.sum()), "exceed": int((calm & exceed).sum())}


def exceeding(values: np.ndarray, days: list[dt.date], pollutant: str) -> np.ndarray:
    """``(days, 24)`` values -> True where the 1-hour IAQI of the day's HJ 633 version is above 100."""
    out = np.zeros(values.shape, dtype=bool)
    versions = np.array([version_for_date(d) for d in days])
    for version in set(versions.tolist()):
        rows = versions == version
        iaqi = iaqi_array(INDICATOR_1H[pollutant], values[rows], version=version)
        out[rows] = iaqi > EXCEEDS_IAQI
    return out


def wind_cube(station: Station, start: dt.date, end: dt.date) -> tuple[np.ndarray, np.ndarray]:
    """Direction and speed as ``(days, 24)`` arrays on the hour grid of ``processing.hourly_cube``."""
    n_days = (end - start).days + 1
    direction, speed = np.full((n_days * 24,), np.nan), np.full((n_days * 24,), np.nan)
    first, last = day_bounds(start, end)
    rows = list(WindReading.objects.filter(station=station, time__gte=first, time__lte=last).values_list(
        "time", "direction", "speed"))
    if rows:
        times, wd, ws = zip(*rows, strict=True)
        k = hour_index(first, times)
        direction[k] = np.array(wd, dtype=np.float64)  # None -> NaN
        speed[k] = np.array(ws, dtype=np.float64)
    return direction.reshape(n_days, 24), speed.reshape(n_days, 24)


def pollutant_rose(station: Station, start: dt.date, end: dt.date, pollutant: str = "pm25") -> Rose:
    """The rose of ``pollutant`` at ``station`` over the days ``start..end``."""
    if pollutant not in POLLUTANTS:
        raise ValueError(f"unknown pollutant {pollutant!r}")
    values = hourly_cube([station.pk], start, end)[pollutant][0]
    direction, speed = wind_cube(station, start, end)
    days = [start + dt.timedelta(days=d) for d in range(values.shape[0])]
    exceed = exceeding(values, days, pollutant)
    sectors, calm = rose_counts(values.ravel(), exceed.ravel(), direction.ravel(), speed.ravel())
    paired = sum(s["hours"] for s in sectors) + calm["hours"]
    return Rose(pollutant=pollutant, sectors=sectors, calm=calm, hours=paired,
                without_wind=int((~np.isnan(values)).sum()) - paired)
