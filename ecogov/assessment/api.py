"""Assessment API under /api/assessment/: the official air and water assessment (year or year to
date), the province and national (168 key cities) rankings, drinking-water sources, scorecards and the indicator catalogue."""

from ninja import Query, Router
from ninja.pagination import paginate

from ecogov.core.api_utils import ERRORS, STAFF_AUTH, Pagination
from ecogov.core.errors import ValidationFailed
from ecogov.core.params import year_param

from . import air, programmes, scorecards, selectors, water
from .schemas import (
    AirOut,
    CityRankOut,
    CompensationOut,
    CompensationQuery,
    DrinkingOut,
    ExamOut,
    IndicatorOut,
    PeriodQuery,
    ProjectOut,
    ScorecardOut,
    ScorecardQuery,
    WaterOut,
    YearQuery,
)

router = Router(auth=STAFF_AUTH, tags=["assessment"])


def _user(request):
    return request.auth if hasattr(request.auth, "role") else request.user


def _period(q: PeriodQuery) -> tuple[int, str]:
    if q.period not in ("ytd", "year"):
        raise ValidationFailed("bad_period", "period 只能是 ytd 或 year", "period must be ytd or year")
    return year_param(q.year) or selectors.default_year(), q.period


def _air_out(r: air.AirResult) -> dict:
    return {"code": r.code, "name": r.name, "start": r.start.isoformat(), "end": r.end.isoformat(), "rank": r.rank,
            "rank_previous": r.rank_previous, "rank_change": r.rank_change, "composite": r.composite,
            "compliant": r.compliant, "items": r.items, "good_days": r.good_days, "valid_days": r.valid_days,
            "good_ratio": r.good_ratio, "heavy_days": r.heavy_days, "capture": r.capture, "data_valid": r.data_valid,
            "pm25_change": r.change("pm25"), "good_ratio_change": r.change("good_ratio"),
            "pm25_change_pct": r.change("pm25_pct"), "composite_change_pct": r.change("composite_pct")}


@router.get("/air", response={200: list[AirOut], **ERRORS},
            summary="HJ 663 air assessment per station, district or city (level), year or year to date (period)")
def air_assessment(request, q: Query[PeriodQuery]):
    year, period = _period(q)
    level = q.level or "city"
    if level not in air.LEVELS:
        raise ValidationFailed("bad_level", "level 只能是 station、district 或 city", "level: station, district or city")
    return [_air_out(r) for r in air.assessment(_user(request), year=year, period=period, level=level)]


@router.get("/air/province", response={200: list[CityRankOut], **ERRORS},
            summary="This city's rank among the province's cities by composite index, with the rank a year before")
def province(request, q: Query[PeriodQuery]):
    year, period = _period(q)
    return selectors.province_ranking(_user(request), year=year, period=period)


@router.get("/air/national", response={200: list[CityRankOut], **ERRORS},
            summary="This city's rank among the 168 key cities nationwide by composite index, with the rank a year before")
def national(request, q: Query[PeriodQuery]):
    year, period = _period(q)
    return selectors.national_ranking(_user(request), year=year, period=period)


def _site(r: water.SiteResult) -> dict:
    return {"code": r.code, "name": r.name, "level": r.level, "n_samples": r.n_samples, "klass": r.klass,
            "class_label": r.class_label, "target": r.target, "compliant": r.compliant,
            "main_pollutants": [list(p) for p in r.main_pollutants], "previous_klass": r.previous_klass}


@router.get("/water", response={200: WaterOut, **ERRORS},
            summary="Surface-water assessment: section classes, per-level good-water ratio and 劣V count, rivers, lake TLI")
def water_assessment(request, q: Query[PeriodQuery]):
    year, period = _period(q)
    results = water.evaluate_sites(_user(request), year=year, period=period)
    shown = [r for r in results if not q.level or r.level == q.level]
    return {"levels": water.level_summary(results), "sections": [_site(r) for r in shown],
            "rivers": water.rivers(results), "lakes": water.lakes(results)}


@router.get("/water/drinking", response={200: DrinkingOut, **ERRORS},
            summary="Drinking-water source compliance (class of the period means and GB 3838 Table 2 items)")
def drinking(request, q: Query[PeriodQuery]):
    year, period = _period(q)
    results = water.evaluate_sites(_user(request), year=year, period=period, kind="source")
    return {"summary": water.sources_summary(results), "sources": [_site(r) for r in results]}


@router.get("/scorecards", response={200: list[ScorecardOut], **ERRORS},
            summary="Scorecard of a year and level (district, street, park): score, rank, grade, veto, indicators")
def scorecard_rows(request, q: Query[ScorecardQuery]):
    user = _user(request)
    year = year_param(q.year) or selectors.default_year()
    m = scorecards.current_methodology(user, year=year, kind=q.level)
    if m is None:
        return []
    return scorecards.with_change(user, scorecards.rows_for(user, m), m)


@router.get("/indicators", response=list[IndicatorOut], summary="Assessment indicators registered by the apps")
def indicators(request):
    return [{"key": i.key, "label": str(i.label), "unit": i.unit, "direction": i.direction,
             "min_coverage": i.min_coverage} for i in scorecards.indicator_catalogue()]


@router.get("/eco-indicators", response={200: list[ExamOut], **ERRORS},
            summary="Ecological indicators (exam paper) of a year: target, value, met / not met / no data")
def exam(request, q: Query[YearQuery]):
    year = year_param(q.year) or selectors.default_year() - 1
    return programmes.exam_paper(_user(request), year=year)


@router.get("/projects", response={200: list[ProjectOut], **ERRORS},
            summary="Project register with investment and progress against plan (paginated)")
@paginate(Pagination)
def projects(request, q: Query[YearQuery]):
    rows = programmes.project_rows(_user(request), year=year_param(q.year))
    return [{**r, "planned": float(r["planned"]), "actual": float(r["actual"])} for r in rows]


@router.get("/compensation", response={200: list[CompensationOut], **ERRORS},
            summary="Basin ecological compensation of a year per agreement, section-month by section-month")
def compensation(request, q: Query[CompensationQuery]):
    user = _user(request)
    year = year_param(q.year) or selectors.default_year()
    out = []
    for a in programmes.agreements(user):
        if q.agreement and a.pk != q.agreement:
            continue
        res = programmes.compensation(user, a, year)
        out.append({"agreement": str(a), "rows": [{**r, "amount": float(r["amount"])} for r in res["rows"]],
                    "to_upstream": float(res["to_upstream"]), "to_downstream": float(res["to_downstream"]),
                    "net_to_upstream": float(res["net_to_upstream"]), "paid_total": float(res["paid_total"])})
    return out
