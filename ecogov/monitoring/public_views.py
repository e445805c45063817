"""Public pages (no login, Chinese by default): real-time and daily air quality
of every station and the city, the monthly district ranking, water quality of
sections and drinking-water sources, and the warning in force."""

from __future__ import annotations

from ecogov.core.params import month_param, year_param

from . import selectors, water
from .public_cache import page
from .rollups import period_bounds


def air(request):
    return page(request, "monitoring/public_air.html", _air)


def _air() -> dict:
    day = selectors.latest_complete_day()
    city = selectors.city_of(None)
    stations = selectors.stations_for_user(None).exclude(kind="micro")
    return {
        "latest": selectors.latest_for(stations), "city_latest": selectors.city_latest(city),
        "daily": selectors.daily_table(stations, day),
        "city_daily": selectors.city_daily(city, day) if day else None,
        "city": city, "warning": selectors.current_warning(),
    }


def ranking(request):
    year = year_param(request.GET.get("year"))
    month = month_param(request.GET.get("month"))
    return page(request, "monitoring/public_ranking.html", lambda: _ranking(year, month))


def _ranking(year: int | None, month: int | None) -> dict:
    day = selectors.latest_day()
    year, month = year or day.year, month or day.month
    start, end = period_bounds("month", year, month)
    city = selectors.city_of(None)
    return {"year": year, "month": month, "rows": selectors.district_ranking(city, start, end) if city else []}


def water_quality(request):
    return page(request, "monitoring/public_water.html", _water)


def _water() -> dict:
    day = selectors.latest_water_day()
    return {"summary": water.water_summary(day.year, day.month)}


def warning(request):
    return page(request, "monitoring/public_warning.html", lambda: {"warning": selectors.current_warning()})
