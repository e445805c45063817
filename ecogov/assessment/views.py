"""Assessment pages: the official air and water assessment (year or year to date), the province
and national (168 key cities) rankings, and the scorecards (see ``views_scorecards``). Every table exports to .xlsx."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required

from ecogov.core.pages import table_response
from ecogov.core.params import year_param

from . import air, selectors, water
from .tables import CITY_COLUMNS, SECTION_COLUMNS, SOURCE_COLUMNS, air_columns

LEVEL_TITLES = {"station": "监测站点", "district": "区县", "city": "全市"}
PERIOD_TITLES = {"ytd": "年累计", "year": "全年"}


def _params(request) -> tuple[int, str]:
    year = year_param(request.GET.get("year")) or selectors.default_year()
    period = request.GET.get("period") if request.GET.get("period") in PERIOD_TITLES else "ytd"
    return year, period


@login_required
def air_assessment(request):
    year, period = _params(request)
    level = request.GET.get("level") if request.GET.get("level") in air.LEVELS else "district"
    rows = air.assessment(request.user, year=year, period=period, level=level)
    title = f"环境空气质量考核评价 {year} {PERIOD_TITLES[period]}（{LEVEL_TITLES[level]}）"
    return table_response(request, rows, air_columns(), title=title, filename=f"air-assessment-{year}-{level}",
                          template="assessment/air.html", page_size=100,
                          extra={"year": year, "period": period, "level": level, "levels": LEVEL_TITLES,
                                 "periods": PERIOD_TITLES,
                                 "city": air.city_result(request.user, year=year, period=period)})


@login_required
def province_ranking(request):
    year, period = _params(request)
    rows = selectors.province_ranking(request.user, year=year, period=period)
    return table_response(request, rows, CITY_COLUMNS, title=f"全省城市环境空气质量排名 {year} {PERIOD_TITLES[period]}",
                          filename=f"province-ranking-{year}", template="assessment/air.html", page_size=50,
                          extra={"year": year, "period": period, "periods": PERIOD_TITLES, "ranking_page": True})


@login_required
def national_ranking(request):
    year, period = _params(request)
    rows = selectors.national_ranking(request.user, year=year, period=period)
    return table_response(request, rows, CITY_COLUMNS,
                          title=f"全国168个重点城市环境空气质量排名 {year} {PERIOD_TITLES[period]}",
                          filename=f"national-ranking-{year}", template="assessment/air.html", page_size=50,
                          extra={"year": year, "period": period, "periods": PERIOD_TITLES, "ranking_page": True})


@login_required
def water_assessment(request):
    year, period = _params(request)
    level = request.GET.get("level", "")
    results = water.evaluate_sites(request.user, year=year, period=period)
    shown = [r for r in results if not level or r.level == level]
    return table_response(request, shown, SECTION_COLUMNS,
                          title=f"地表水环境质量考核评价 {year} {PERIOD_TITLES[period]}",
                          filename=f"water-assessment-{year}", template="assessment/water.html", page_size=100,
                          extra={"year": year, "period": period, "periods": PERIOD_TITLES, "level": level,
                                 "summary": water.level_summary(results), "water_levels": {"national": "国考", "provincial": "省考", "city": "市考"}, "rivers": water.rivers(results),
                                 "lakes": water.lakes(results)})


@login_required
def drinking_water(request):
    year, period = _params(request)
    results = water.evaluate_sites(request.user, year=year, period=period, kind="source")
    return table_response(request, results, SOURCE_COLUMNS,
                          title=f"集中式饮用水水源地水质达标评价 {year} {PERIOD_TITLES[period]}",
                          filename=f"drinking-water-{year}", template="assessment/water.html", page_size=100,
                          extra={"year": year, "period": period, "periods": PERIOD_TITLES,
                                 "sources": water.sources_summary(results)})
