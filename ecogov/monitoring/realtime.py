"""Real-time (hourly) AQI of stored readings, versioned by date.

Every figure is computed by ``ecogov.standards`` (numpy path) from the stored
1-hour values: AQI = max IAQI of the six 1-hour values, PM read on the 24-hour
breakpoints (the national publication's method, HJ 633-2026 Table 5;
../shared/standards.md §11). Which station-hours with a missing item get an
AQI is a dated rule (``MISSING_POLICY_PERIODS``; overridable with the setting
``MONITORING_REALTIME_MISSING_POLICY``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from django.conf import settings

from ecogov.standards import aqi_hourly_array, primary_names, version_for_date

from .ingest.rows import local_tz
from .models import POLLUTANTS

#: Canonical pollutant -> standards indicator of the real-time report.
INDICATOR_1H = {"so2": "so2_1h", "no2": "no2_1h", "co": "co_1h", "o3": "o3_1h", "pm10": "pm10_1h", "pm25": "pm25_1h"}

#: (first day, policy): the national centre published a partial AQI in 2019 and
#: none in 2022 (standards.md §14; the switch date between them is not known,
#: 2020-01-01 is an assumption); HJ 633-2026 §5.3 from 2026-03-01.
MISSING_POLICY_PERIODS: tuple[tuple[dt.date, str], ...] = (
    (dt.date(2000, 1, 1), "partial"),
    (dt.date(2020, 1, 1), "complete_only"),
    (dt.date(2026, 3, 1), "hj633_2026"),
)


def hour_date(time: dt.datetime) -> dt.date:
    """Local calendar date of an hour given by its END (12:00 -> the hour 11-12 of that day; 00:00 -> day before)."""
    return (time.astimezone(local_tz()) - dt.timedelta(hours=1)).date()


def missing_policy_for(day: dt.date) -> str:
    periods = getattr(settings, "MONITORING_REALTIME_MISSING_POLICY", MISSING_POLICY_PERIODS)
    policy = periods[0][1]
    for start, name in periods:
        if day >= start:
            policy = name
    return policy


def realtime_aqi(
    times: Sequence[dt.datetime], values: dict[str, Sequence[float | None]]
) -> tuple[list[int | None], list[str]]:
    """Published real-time AQI and primary pollutants for many station-hours.

    Parameters
    ----------
    times : sequence of datetime
        Hour ends (aware).
    values : dict of str to sequence
        Canonical pollutant -> 1-hour values [µg/m³; co mg/m³], None = missing.

    Returns
    -------
    (list of int or None, list of str)
        The AQI to publish (None = none) and primary pollutants ("PM10,PM2.5"; "" when AQI <= 50).
    """
    n = len(times)
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, t in enumerate(times):
        day = hour_date(t)
        groups[(version_for_date(day), missing_policy_for(day))].append(i)
    aqi: list[int | None] = [None] * n
    primary = [""] * n
    arrays = {p: np.array([np.nan if v is None else v for v in values[p]], dtype=np.float64) for p in POLLUTANTS}
    for (version, policy), idx in groups.items():
        ix = np.array(idx)
        res = aqi_hourly_array(
            {INDICATOR_1H[p]: arrays[p][ix] for p in POLLUTANTS}, version=version, missing_policy=policy
        )
        for j, i in enumerate(idx):
            if res.published[j] and res.aqi[j] >= 0:
                aqi[i] = int(res.aqi[j])
                primary[i] = ",".join(primary_names(int(res.primary[j])))
    return aqi, primary


def readings_aqi(readings: Sequence) -> list[tuple[int | None, str]]:
    """``(aqi, primary)`` for ``Reading`` objects (or rows with ``time`` and pollutant attributes)."""
    times = [r.time for r in readings]
    values = {p: [getattr(r, p) for r in readings] for p in POLLUTANTS}
    aqi, primary = realtime_aqi(times, values)
    return list(zip(aqi, primary, strict=True))
