"""Air and water indicators for scorecards (``contrib.indicators``): each computed by the
official assessment over the unit's own stations or sections, with its coverage and the rows
it used."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.urls import reverse

from ecogov.core.contrib import IndicatorValue
from ecogov.monitoring import selectors as monitoring
from ecogov.standards.water_eval import good_water_ratio

from . import air, water

_MEMO: ContextVar[dict | None] = ContextVar("assessment_indicator_memo", default=None)


@contextmanager
def batch() -> Iterator[None]:
    """Within the block, the same assessment for the same user, unit and period is computed once
    (a scorecard asks several indicators of one unit, and every unit the same water assessment)."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def _memo(key: tuple, compute: Callable[[], Any]) -> Any:
    memo = _MEMO.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def _station_ids(user, jurisdiction) -> list[int]:
    """The unit's stations: its national/provincial/city stations, or its micro stations if it has none."""
    inside = [s for s in monitoring.assessment_stations(user, include_micro=True)
              if s.jurisdiction is not None and s.jurisdiction.path.startswith(jurisdiction.path)]
    main = [s.pk for s in inside if s.kind != "micro"]
    return main or [s.pk for s in inside]


def _air(user, jurisdiction, start: dt.date, end: dt.date, *, previous: bool = False) -> air.AirResult | None:
    return _memo(("air", user.pk, jurisdiction.pk, start, end, previous),
                 lambda: _air_compute(user, jurisdiction, start, end, previous=previous))


def _air_compute(user, jurisdiction, start: dt.date, end: dt.date, *, previous: bool) -> air.AirResult | None:
    ids = _station_ids(user, jurisdiction)
    if not ids:
        return None
    if previous:
        start, end = air.shift_year(start), air.shift_year(end)
    daily = air._stack([monitoring.air_area_daily(ids, start, end)])
    return air.assess_arrays(daily, [jurisdiction.pk], [jurisdiction.name], [jurisdiction.code],
                             whole_year=(start.month, start.day, end.month, end.day) == (1, 1, 12, 31))[0]


def _detail(r: air.AirResult, rule: str, n_stations: int) -> dict:
    return {"rule": rule, "rows": r.valid_days, "stations": n_stations, "url": reverse("assessment:air"),
            "period": f"{r.start}..{r.end}"}


def air_pm25(user, *, jurisdiction, start, end) -> IndicatorValue:
    r = _air(user, jurisdiction, start, end)
    if r is None:
        return IndicatorValue(None, 0.0, {"rule": "no station in the unit"})
    return IndicatorValue(r.pm25, r.capture / 100.0, _detail(r, "HJ 663 PM2.5 mean of daily area means", 1))


def air_good_ratio(user, *, jurisdiction, start, end) -> IndicatorValue:
    r = _air(user, jurisdiction, start, end)
    if r is None:
        return IndicatorValue(None, 0.0, {"rule": "no station in the unit"})
    return IndicatorValue(r.good_ratio, r.capture / 100.0, _detail(r, "good days (AQI <= 100) / valid days", 1))


def air_composite(user, *, jurisdiction, start, end) -> IndicatorValue:
    r = _air(user, jurisdiction, start, end)
    if r is None:
        return IndicatorValue(None, 0.0, {"rule": "no station in the unit"})
    return IndicatorValue(r.composite, r.capture / 100.0, _detail(r, "composite index, 2018 ranking rules", 1))


def air_pm25_change(user, *, jurisdiction, start, end) -> IndicatorValue:
    """PM2.5 change against the same period last year [%] (lower is better)."""
    r = _air(user, jurisdiction, start, end)
    b = _air(user, jurisdiction, start, end, previous=True)
    if r is None or b is None or r.pm25 is None or not b.pm25:
        return IndicatorValue(None, 0.0, {"rule": "no PM2.5 in one of the two periods"})
    r.previous = b
    detail = _detail(r, "(PM2.5 - PM2.5 a year before) / PM2.5 a year before x 100", 1)
    detail.update({"pm25": r.pm25, "pm25_previous": b.pm25})
    return IndicatorValue(r.change("pm25_pct"), min(r.capture, b.capture) / 100.0, detail)


def _sections(user, jurisdiction, start, end):
    results = _memo(("water", user.pk, start.year, end),
                    lambda: water.evaluate_sites(user, year=start.year, period="ytd", today=end))
    return [r for r in results if r.site.jurisdiction.path.startswith(jurisdiction.path)]


def water_good_ratio(user, *, jurisdiction, start, end) -> IndicatorValue:
    sections = _sections(user, jurisdiction, start, end)
    if not sections:
        return IndicatorValue(None, 0.0, {"rule": "no section in the unit"})
    good, bad, n, ratio = good_water_ratio([r.klass for r in sections])
    return IndicatorValue(ratio, n / len(sections), {
        "rule": "I-III sections / evaluated sections, class of the period means", "rows": n, "good": good,
        "bad": bad, "sections": [r.code for r in sections], "url": reverse("assessment:water")})


def water_target(user, *, jurisdiction, start, end) -> IndicatorValue:
    sections = _sections(user, jurisdiction, start, end)
    rated = [r for r in sections if r.compliant is not None]
    if not rated:
        return IndicatorValue(None, 0.0, {"rule": "no evaluated section in the unit"})
    ok = sum(1 for r in rated if r.compliant)
    return IndicatorValue(100.0 * ok / len(rated), len(rated) / len(sections), {
        "rule": "sections meeting their target class / evaluated sections", "rows": len(rated), "met": ok,
        "url": reverse("assessment:water")})
