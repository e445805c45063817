"""The official air assessment of a year or a year to date (HJ 663): per station,
district and city, the six parameters against Grade II (annual means and the
percentiles the standard names), compliance per item and overall, good-day
ratio, heavy-pollution days, data capture, year-on-year change and ranks.

Monitoring data is read through ``ecogov.monitoring.selectors`` only; every
figure is computed by ``ecogov.standards`` on whole arrays (one row per
station or area).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from ecogov.monitoring import selectors as monitoring
from ecogov.standards import annual_statistics_array, composite_index, rank_with_ties
from ecogov.standards.hj663 import ANNUAL_MEAN_ITEMS
from ecogov.standards.hj663_period import (
    capture_rate_array,
    good_day_ratio_array,
    heavy_pollution_days_array,
    period_data_valid_array,
)
from ecogov.standards.ranking import change_rate, rank_change

#: Daily field of each assessed parameter (O3: daily maximum 8-hour mean).
FIELDS = {"so2": "so2", "no2": "no2", "co": "co", "pm10": "pm10", "pm25": "pm25", "o3": "o3_8h"}
PARAMS = tuple(FIELDS)
LEVELS = ("station", "district", "city")


def period_of(year: int, period: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """``year``: the calendar year; ``ytd``: 1 January to ``today`` (or the year's end)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (start, min(end, today)) if period == "ytd" else (start, end)


def shift_year(day: dt.date, years: int = -1) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass
class AirResult:
    """The assessment of one station or area over one period."""

    key: object
    name: str
    code: str
    start: dt.date
    end: dt.date
    items: dict[str, dict] = field(default_factory=dict)
    compliant: bool | None = None
    n_items_compliant: int = 0
    valid_days: int = 0
    good_days: int = 0
    good_ratio: float | None = None
    heavy_days: int = 0
    capture: float = 0.0
    data_valid: bool = False
    composite: float | None = None
    previous: AirResult | None = None
    rank: int | None = None
    rank_previous: int | None = None
    url: str = ""

    def stat(self, param: str) -> float | None:
        """The statistic of the composite index: mean (SO2, NO2, PM10, PM2.5) or percentile (CO, O3)."""
        item = self.items.get(param) or {}
        return item.get("mean") if param in ANNUAL_MEAN_ITEMS else item.get("percentile")

    @property
    def pm25(self) -> float | None:
        return self.stat("pm25")

    @property
    def rank_change(self) -> int | None:
        return rank_change(self.rank_previous, self.rank)

    def change(self, name: str) -> float | None:
        """Year-on-year change: ``pm25`` in µg/m³, ``pm25_pct`` and ``composite_pct`` in %, ``good_ratio`` in points."""
        prev = self.previous
        if prev is None:
            return None
        if name == "good_ratio":
            a, b = self.good_ratio, prev.good_ratio
            return None if a is None or b is None else round(a - b, 1)
        attr = {"pm25": "pm25", "pm25_pct": "pm25", "composite_pct": "composite"}[name]
        a, b = getattr(self, attr), getattr(prev, attr)
        if a is None or b is None:
            return None
        if name == "pm25":
            return round(a - b, 1)
        return change_rate(a, b, decimals=1) if b else None


def _float(x) -> float | None:
    return None if x is None or np.isnan(x) else float(x)


def _flag(x) -> bool | None:
    return None if x < 0 else bool(x)


def assess_arrays(daily: dict, keys: list, names: list[str], codes: list[str], *, whole_year: bool) -> list[AirResult]:
    """The HJ 663 assessment of ``m`` rows at once from daily arrays ``(m, days)``.

    ``daily``: ``dates``, ``so2 no2 co pm10 pm25 o3_8h`` (NaN = none) and ``aqi`` (-1 = none).
    """
    dates = daily["dates"]
    stats = annual_statistics_array({p: daily[f] for p, f in FIELDS.items()}, date=dates[-1])
    aqi = np.atleast_2d(daily["aqi"])
    good, valid, ratio = good_day_ratio_array(aqi)
    heavy = heavy_pollution_days_array(aqi)
    has_aqi = aqi >= 0
    capture = capture_rate_array(has_aqi)
    data_valid = period_data_valid_array(has_aqi, dates, whole_year=whole_year)
    out = []
    for i, key in enumerate(keys):
        items = {}
        for p, it in stats.items.items():
            x = np.atleast_2d(daily[FIELDS[p]])[i]
            items[p] = {
                "n": int(it.n_valid[i]), "mean": _float(it.mean[i]) if p in ANNUAL_MEAN_ITEMS else None,
                "percentile": _float(it.percentile[i]), "p": it.percentile_p, "mean_limit": it.mean_limit,
                "percentile_limit": it.percentile_limit, "mean_ok": _flag(it.mean_compliant[i]),
                "percentile_ok": _flag(it.percentile_compliant[i]), "ok": _flag(it.compliant[i]),
                "valid": bool(period_data_valid_array(~np.isnan(x), dates, whole_year=whole_year)[0]),
            }
        r = AirResult(key, names[i], codes[i], dates[0], dates[-1], items, _flag(stats.compliant[i]),
                      sum(1 for v in items.values() if v["ok"]), int(valid[i]), int(good[i]), _float(ratio[i]),
                      int(heavy[i]), float(capture[i]), bool(data_valid[i]))
        values = {p: r.stat(p) for p in PARAMS}
        if all(v is not None for v in values.values()):
            r.composite = composite_index(values).total  # type: ignore[arg-type]
        out.append(r)
    return out


def _stack(areas: list[dict]) -> dict:
    out = {"dates": areas[0]["dates"]}
    for f in [*FIELDS.values(), "aqi"]:
        out[f] = np.stack([np.asarray(a[f]) for a in areas])
    return out


def _areas(user, level: str) -> list[tuple[object, str, str, list[int]]]:
    """(key, name, code, station ids) of each assessed unit of ``level``."""
    city = monitoring.city_of(user)
    if level == "station":
        return [(s.pk, s.name, s.code, [s.pk]) for s in monitoring.assessment_stations(user)]
    if city is None:
        return []
    if level == "district":
        return [(d.pk, d.name, d.code, ids) for d, ids in monitoring.district_groups(city).items() if ids]
    return [(city.pk, city.name, city.code, monitoring.evaluation_station_ids(city))]


def _compute(units, start: dt.date, end: dt.date, level: str, whole_year: bool) -> list[AirResult]:
    if not units:
        return []
    if level == "station":
        daily = monitoring.air_daily_cube([u[3][0] for u in units], start, end)
    else:
        daily = _stack([monitoring.air_area_daily(u[3], start, end) for u in units])
    return assess_arrays(daily, [u[0] for u in units], [u[1] for u in units], [u[2] for u in units],
                         whole_year=whole_year)


def _ranks(results: list[AirResult]) -> dict:
    return rank_with_ties({r.key: r.composite for r in results}, ascending=True)


def assessment(user, *, year: int, period: str = "ytd", level: str = "city", today: dt.date | None = None) -> list[AirResult]:
    """The assessment of every unit of ``level`` for ``year`` (``period`` ``year`` or ``ytd``), with the same
    period of the year before, ranked by composite index (best first, ties shared) with the rank change."""
    today = today or monitoring.latest_day()
    start, end = period_of(year, period, today)
    whole = period == "year"
    units = _areas(user, level)
    now = _compute(units, start, end, level, whole)
    before = _compute(units, shift_year(start), shift_year(end), level, whole)
    ranks, ranks_before = _ranks(now), _ranks(before)
    for r, b in zip(now, before, strict=True):
        r.previous, r.rank, r.rank_previous = b, ranks.get(r.key), ranks_before.get(b.key)
    now.sort(key=lambda r: (r.rank is None, r.rank or 0, r.code))
    return now


def city_result(user, *, year: int, period: str = "ytd", today: dt.date | None = None) -> AirResult | None:
    rows = assessment(user, year=year, period=period, level="city", today=today)
    return rows[0] if rows else None
