"""Monitoring API under /api/monitoring/: stations, latest, hourly and daily
series (time windows, paginated; over-large windows refused), rollups,
rankings, the ingest log, the push endpoint for stations, water and warnings."""


import json
from typing import Literal

from django.utils import timezone
from ninja import File, Form, Header, Query, Router
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import NinjaJSONEncoder

from ecogov.core.api_utils import ERRORS, STAFF_AUTH, Pagination, get_for_user
from ecogov.core.errors import DomainError, NotFound, PermissionRefused, ValidationFailed
from ecogov.core.models import Jurisdiction
from ecogov.core.params import month_param, year_param

from . import public_cache, selectors, services, services_ingest, water
from .ingest import push
from .models import Station
from .rollups import period_bounds, year_on_year
from .schemas import (
    AirStationOut,
    BatchOut,
    DailyOut,
    DayWindowQuery,
    FlagIn,
    ForecastIn,
    HourlyOut,
    LatestOut,
    OkOut,
    PeriodQuery,
    PushIn,
    PushOut,
    RankOut,
    RollupOut,
    RoseOut,
    RoseQuery,
    SectionMonthOut,
    SourceMonthOut,
    StationQuery,
    WarningOut,
    WindowQuery,
)

router = Router(auth=STAFF_AUTH, tags=["monitoring"])


def _station(request, code: str) -> Station:
    return get_for_user(Station, request.auth if hasattr(request.auth, "role") else request.user, code=code)


def _user(request):
    return request.auth if hasattr(request.auth, "role") else request.user


@router.get("/stations", response={200: list[AirStationOut], **ERRORS}, summary="Air stations in the user's scope (filters: q, kind, district, evaluation)")
@paginate(Pagination)
def station_list(request, filters: Query[StationQuery]):
    return selectors.stations_for_user(_user(request), **filters.dict())


@router.get("/latest", response={200: list[LatestOut], **ERRORS}, auth=None, summary="Public: latest hour and real-time AQI of every station")
def latest(request, filters: Query[StationQuery]):
    """Latest hour of every station with its real-time AQI (public information)."""
    def build() -> bytes:
        rows = selectors.latest_for(selectors.stations_for_user(request.user, **filters.dict()))
        return json.dumps([_latest(x) for x in rows], cls=NinjaJSONEncoder).encode()

    return public_cache.answer(request, "latest", build)


def _latest(x) -> dict:
    r = x.reading
    values = {p: getattr(r, p) for p in ("so2", "no2", "co", "o3", "pm10", "pm25")} if r else {}
    return {"station": x.station.code, "name": x.station.name, "kind": x.station.kind, "time": r.time if r else None,
            "aqi": x.aqi, "primary": x.primary, "category": x.category, "colour": x.colour, **values}


@router.get("/stations/{code}/hourly", response={200: list[HourlyOut], **ERRORS}, summary="Hourly values and real-time AQI of a station (at most 31 days)")
@paginate(Pagination)
def hourly(request, code: str, window: Query[WindowQuery]):
    """Hourly values and real-time AQI; at most 31 days per request."""
    return selectors.hourly_series(_station(request, code), window.start, window.end)


@router.get("/stations/{code}/daily", response={200: list[DailyOut], **ERRORS}, summary="Daily values and daily AQI of a station (at most 3 years)")
@paginate(Pagination)
def daily(request, code: str, window: Query[DayWindowQuery]):
    """Daily values and daily AQI; at most three years per request."""
    return selectors.daily_series(_station(request, code), window.start, window.end)


@router.get("/stations/{code}/rose", response={200: RoseOut, **ERRORS}, summary="Pollutant rose of exceedances of a station (at most 366 days)")
def rose(request, code: str, q: Query[RoseQuery]):
    """Hours of one pollutant by the 16 sectors the wind came from (and calm), with the hours whose
    1-hour IAQI is above 100 and the mean concentration per sector; at most 366 days per request."""
    return selectors.pollutant_rose(_station(request, code), q.start, q.end, q.pollutant)


def _scope(q: PeriodQuery):
    city = selectors.city_of(None)
    if not q.district:
        return "city", selectors.evaluation_station_ids(city)
    district = Jurisdiction.objects.filter(code=q.district, level="district").first()
    if district is None:
        raise NotFound("区县", "district", {"district": q.district})
    return district.code, selectors.district_groups(city).get(district, [])


def _stats(s) -> dict:
    return {k: getattr(s, k) for k in ("start", "end", "days", "valid_days", "good_days", "good_ratio",
                                       "heavy_days", "coverage", "composite", "stats")}


@router.get("/rollups", response={200: RollupOut, **ERRORS}, summary="City or district statistics of a month, quarter, year to date or year, with YoY")
def rollups(request, q: Query[PeriodQuery]):
    """City (or ``district``) statistics of a month, quarter, year-to-date or year, with year-on-year change."""
    scope, ids = _scope(q)
    start, end = period_bounds(q.period, q.year, q.number, timezone.localdate())
    out = year_on_year(ids, start, end)
    return {**out, "scope": scope, "current": _stats(out["current"]), "previous": _stats(out["previous"])}


@router.get("/rankings/{kind}", response={200: list[RankOut], **ERRORS}, summary="Ranking of stations, districts or cities by composite index")
def rankings(request, kind: Literal["stations", "districts", "cities"], q: Query[PeriodQuery]):
    """Ranking of ``stations`` (non-micro), ``districts`` or ``cities`` (national publication) by composite index."""
    start, end = period_bounds(q.period, q.year, q.number, timezone.localdate())
    if kind == "stations":
        rows = selectors.station_ranking(start, end)
        return [_rank(r, r["station"].code, r["station"].name) for r in rows]
    if kind == "districts":
        rows = selectors.district_ranking(selectors.city_of(None), start, end)
        return [_rank(r, r["district"].code, r["district"].name) for r in rows]
    if kind == "cities":
        rows = selectors.city_comparison(selectors.city_of(None), start, end)
        return [_rank(r, r["name"], r["name"]) for r in rows]
    raise ValidationFailed("bad_kind", "排名类型应为 stations、districts 或 cities",
                           "kind must be stations, districts or cities")


def _rank(r, code, name) -> dict:
    s = r["stats"]
    return {"rank": r["rank"], "code": code, "name": name, "composite": s.composite, "pm25": s.pm25,
            "good_ratio": s.good_ratio}


@router.post("/push", response={200: PushOut, **ERRORS}, auth=None, summary="Push hourly readings of a station (X-Station-Key), per-row results")
def push_readings(request, payload: PushIn, x_station_key: str = Header("")):
    """Push a JSON batch of hourly readings with the station's key (``X-Station-Key``); per-row results."""
    station = services_ingest.station_for_key(x_station_key)
    if station is None:
        raise DomainError("bad_station_key", "站点密钥无效", "Unknown or missing station key", status=401)
    if len(payload.readings) > push.MAX_ROWS:
        raise DomainError("batch_too_large", f"每批最多 {push.MAX_ROWS} 条", f"At most {push.MAX_ROWS} readings per batch",
                          detail={"max_rows": push.MAX_ROWS}, status=413)
    outcome = services_ingest.readings_ingest_rows(
        rows=push.rows_from_payload(payload.readings, station.code), source="push",
        reference=f"push {station.code}", allowed_stations={station.code}, keep_results=True,
    )
    results = sorted(outcome.results, key=lambda r: r["row"] or 0)
    return {"batch": outcome.batch_id, "total": outcome.total, "created": outcome.created, "updated": outcome.updated,
            "unchanged": outcome.unchanged, "rejected": outcome.rejected, "results": results}


@router.post("/upload", response={200: PushOut, **ERRORS}, summary="Upload a CSV/XLSX of air hours or water samples with a column mapping")
def upload(request, file: File[UploadedFile], kind: Form[str] = "air", mapping: Form[str] = "{}",
           time_format: Form[str] = ""):
    """Generic CSV/XLSX with a column mapping (JSON), air hours or water samples; counts and per-row errors."""
    try:
        columns = json.loads(mapping or "{}")
    except ValueError:
        columns = None
    if not isinstance(columns, dict):
        raise ValidationFailed("bad_mapping", "列映射须为 JSON 对象", "The mapping must be a JSON object")
    out = services_ingest.upload_ingest(upload=file, kind=kind, mapping=columns, time_format=time_format,
                                        actor=_user(request))
    results = [{"row": e["row"], "status": "error", "reason": f"{e['field']}: {e['reason']}"} for e in out.errors]
    return {"batch": out.batch_id, "total": out.total, "created": out.created, "updated": out.updated,
            "unchanged": out.unchanged, "rejected": out.rejected, "results": results}


@router.get("/ingest-batches", response={200: list[BatchOut], **ERRORS}, summary="The ingest log (counts and per-row errors)")
@paginate(Pagination)
def ingest_batches(request, source: str = "", status: str = ""):
    user = _user(request)
    if getattr(user, "role", "") == "enterprise" and not user.is_superuser:
        raise PermissionRefused({"action": "view"})
    return selectors.ingest_batches(user, source=source, status=status)


@router.get("/warnings/current", response={200: WarningOut | None, **ERRORS}, auth=None, summary="Public: the heavy-pollution warning in force")
def current_warning(request):
    """The heavy-pollution warning in force, if any (public)."""
    return selectors.current_warning()


@router.get("/water/sections", response={200: list[SectionMonthOut], **ERRORS}, summary="Monthly class of every water section against its target")
def water_sections(request, year: int, month: int):
    """Monthly class of every section against its target."""
    year_param(year), month_param(month)  # 422 on a year outside 2000-2100 or a month outside 1-12
    return [
        {"code": r.site.code, "name": r.site.name, "river": r.site.river, "level": r.site.level, "klass": r.klass,
         "class_label": r.class_label, "target": r.target, "compliant": r.compliant}
        for r in water.sections_month(year, month)
    ]


@router.get("/water/sources", response={200: list[SourceMonthOut], **ERRORS}, summary="Monthly class of every drinking-water source against its target, with its location")
def water_sources(request, year: int, month: int):
    """Monthly class of every drinking-water source the user reads against its target, with lon/lat (WGS-84)."""
    year_param(year), month_param(month)
    return [
        {"code": r.site.code, "name": r.site.name, "water_body": r.site.water_body,
         "jurisdiction": str(r.site.jurisdiction), "lon": r.site.lon, "lat": r.site.lat, "klass": r.klass,
         "class_label": r.class_label, "target": r.target, "compliant": r.compliant}
        for r in water.sources_month(year, month, selectors.water_sites(_user(request), "source"))
    ]


@router.post("/forecasts", response={200: OkOut, **ERRORS}, summary="Enter the city's forecast daily AQI of a day")
def forecast_set(request, payload: ForecastIn):
    """Enter or correct the city's forecast daily AQI of a day (used for the suggested warning level)."""
    obj = services.forecast_set(jurisdiction=selectors.city_of(None), date=payload.date, aqi=payload.aqi,
                                primary=payload.primary, actor=_user(request))
    return {"id": obj.pk}


@router.post("/stations/{code}/flags", response={200: OkOut, **ERRORS}, summary="Mark a station's time range as not usable (quality flag)")
def flag_create(request, code: str, payload: FlagIn):
    """Mark a time range of a station as not usable for assessment (fault, calibration, sand and dust)."""
    flag = services.quality_flag_create(station=_station(request, code), actor=_user(request), **payload.dict())
    return {"id": flag.pk}
