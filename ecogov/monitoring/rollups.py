"""Air rollups over a period (month, quarter, year-to-date, year) for a station,
a district or the city: area daily values, coverage, good-day ratio, PM2.5
mean, HJ 663 statistics, composite index, year-on-year change and rankings.

An area's daily value is the mean of its stations' daily values (HJ 663 city
mean, rounded half-even), and its daily AQI is computed from those means.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from ecogov.core.params import int_param, month_param, year_param
from ecogov.standards import (
    annual_statistics_array,
    aqi_daily_array,
    change_rate,
    composite_index,
    good_day_ratio,
    heavy_pollution_days,
    primary_names,
    rank_with_ties,
    version_for_date,
)
from ecogov.standards.gb3095 import DECIMALS
from ecogov.standards.hj663 import city_mean_array
from ecogov.standards.rounding import round_half_even_array

from .models import StationDaily

DAILY_FIELDS = ("so2", "no2", "co", "pm10", "pm25", "o3_8h", "o3_1h_max")
STAT_KEY = {"so2": "so2", "no2": "no2", "co": "co", "pm10": "pm10", "pm25": "pm25", "o3_8h": "o3"}


def period_bounds(period: str, year: int, number: int = 1, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """``month`` (number = month), ``quarter`` (1-4), ``ytd`` (to ``today``) or ``year``.

    A year outside 2000-2100, a month outside 1-12 or a quarter outside 1-4 is a ``ValidationFailed`` (422).
    """
    year_param(year)
    if period == "month":
        month_param(number)
        start = dt.date(year, number, 1)
        end = (dt.date(year + (number == 12), number % 12 + 1, 1)) - dt.timedelta(days=1)
    elif period == "quarter":
        int_param("quarter", number, lo=1, hi=4)
        start = dt.date(year, 3 * number - 2, 1)
        end = dt.date(year + (number == 4), (3 * number) % 12 + 1, 1) - dt.timedelta(days=1)
    elif period == "ytd":
        start, end = dt.date(year, 1, 1), min(today or dt.date(year, 12, 31), dt.date(year, 12, 31))
    elif period == "year":
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    else:
        raise ValueError(f"unknown period {period!r}")
    return start, end


def shift_year(day: dt.date, years: int = -1) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def area_daily(station_ids: list[int], start: dt.date, end: dt.date) -> dict:
    """Area daily values: ``{"dates", <pollutant>: array, "aqi", "primary"}`` (NaN / -1 = none)."""
    dates = [start + dt.timedelta(days=j) for j in range((end - start).days + 1)]
    index = {sid: i for i, sid in enumerate(station_ids)}
    grid = {f: np.full((len(station_ids), len(dates)), np.nan) for f in DAILY_FIELDS}
    rows = StationDaily.objects.filter(station_id__in=station_ids, date__gte=start, date__lte=end).values_list(
        "station_id", "date", *DAILY_FIELDS
    )
    for sid, day, *vals in rows:
        for f, v in zip(DAILY_FIELDS, vals, strict=True):
            if v is not None:
                grid[f][index[sid], (day - start).days] = v
    out: dict = {"dates": dates}
    for f in DAILY_FIELDS:
        mean = city_mean_array(grid[f], axis=0) if station_ids else np.full(len(dates), np.nan)
        out[f] = round_half_even_array(mean, DECIMALS.get(STAT_KEY.get(f, "o3"), 0))
    out["aqi"], out["primary"] = _aqi(out, dates)
    return out


def _aqi(values: dict, dates: list[dt.date]) -> tuple[np.ndarray, list[str]]:
    aqi = np.full(len(dates), -1, dtype=np.int16)
    primary = [""] * len(dates)
    versions = [version_for_date(d) for d in dates]
    for version in set(versions):
        cols = np.array([j for j, v in enumerate(versions) if v == version])
        res = aqi_daily_array(
            {
                **{f"{p}_24h": values[p][cols] for p in ("so2", "no2", "co", "pm10", "pm25")},
                "o3_8h": values["o3_8h"][cols], "o3_1h": values["o3_1h_max"][cols],
            },
            version=version,
        )
        for k, j in enumerate(cols):
            if res.published[k] and res.aqi[k] >= 0:
                aqi[j] = res.aqi[k]
                primary[j] = ",".join(primary_names(int(res.primary[k])))
    return aqi, primary


@dataclass
class PeriodStats:
    start: dt.date
    end: dt.date
    days: int
    valid_days: int
    good_days: int
    good_ratio: float | None
    heavy_days: int
    coverage: float
    stats: dict[str, float | None] = field(default_factory=dict)  # so2,no2,pm10,pm25 means; co p95; o3 p90
    composite: float | None = None
    daily: dict = field(default_factory=dict, repr=False)

    @property
    def pm25(self) -> float | None:
        return self.stats.get("pm25")


def period_stats(station_ids: list[int], start: dt.date, end: dt.date) -> PeriodStats:
    """Statistics of an area (or one station) over ``start..end``."""
    daily = area_daily(station_ids, start, end)
    aqi = [None if a < 0 else int(a) for a in daily["aqi"]]
    good, valid, ratio = good_day_ratio(aqi)
    annual = annual_statistics_array({STAT_KEY[f]: daily[f] for f in STAT_KEY}, dates=daily["dates"], date=end)
    stats: dict[str, float | None] = {}
    for key, item in annual.items.items():
        value = item.mean[0] if key in ("so2", "no2", "pm10", "pm25") else item.percentile[0]
        stats[key] = None if np.isnan(value) else float(value)
    composite = None
    if all(stats.get(k) is not None for k in ("so2", "no2", "pm10", "pm25", "co", "o3")):
        composite = composite_index(stats).total
    return PeriodStats(
        start, end, len(daily["dates"]), valid, good, ratio, heavy_pollution_days(aqi),
        100.0 * valid / len(daily["dates"]) if daily["dates"] else 0.0, stats, composite, daily,
    )


def year_on_year(station_ids: list[int], start: dt.date, end: dt.date) -> dict:
    """This period, the same period last year, and the changes (PM2.5 µg/m³ and %, ratio points, index %)."""
    now = period_stats(station_ids, start, end)
    before = period_stats(station_ids, shift_year(start), shift_year(end))
    out = {"current": now, "previous": before, "pm25_change": None, "pm25_change_pct": None,
           "good_ratio_change": None, "composite_change_pct": None}
    if now.pm25 is not None and before.pm25:
        out["pm25_change"] = round(now.pm25 - before.pm25, 1)
        out["pm25_change_pct"] = change_rate(now.pm25, before.pm25, decimals=1)
    if now.good_ratio is not None and before.good_ratio is not None:
        out["good_ratio_change"] = round(now.good_ratio - before.good_ratio, 1)
    if now.composite is not None and before.composite:
        out["composite_change_pct"] = change_rate(now.composite, before.composite)
    return out


def ranking(groups: dict[object, list[int]], start: dt.date, end: dt.date) -> list[dict]:
    """Rank groups of stations (stations, districts) by composite index, best first, ties shared."""
    stats = {key: period_stats(ids, start, end) for key, ids in groups.items()}
    ranks = rank_with_ties({k: s.composite for k, s in stats.items()}, ascending=True)
    rows = [{"key": k, "stats": s, "rank": ranks.get(k)} for k, s in stats.items()]
    rows.sort(key=lambda r: (r["rank"] is None, r["rank"] or 0, str(r["key"])))
    return rows
