"""Monitoring staff pages: station list (live AQI colours), station page
(hourly chart, daily-AQI calendar), city monthly report, water sections,
ingest log and heavy-pollution warnings."""

from __future__ import annotations

import datetime as dt
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ecogov.core.api_utils import get_for_user
from ecogov.core.errors import DomainError, NotFound
from ecogov.core.excel import export_xlsx
from ecogov.core.params import month_param, year_param
from ecogov.core.permissions import require

from . import selectors, services, services_ingest, water
from .choices import StationKind, WarningLevel
from .emergency import emergency_list
from .models import POLLUTANTS, IngestBatch, PollutionWarning, Station, WaterSection
from .rollups import period_bounds, year_on_year
from .tables import BATCH_COLUMNS, LATEST_COLUMNS, SECTION_COLUMNS
from .workflow import WARNING_WORKFLOW

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE_SIZE = 50


def _load(model, user, **lookup):
    try:
        return get_for_user(model, user, **lookup)
    except NotFound as exc:
        raise Http404 from exc


def _xlsx(request, columns, rows, name):
    require(request.user, "export")
    response = HttpResponse(export_xlsx(columns, rows, title=name), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate():%Y%m%d}.xlsx"'
    return response


def _export_query(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    query["export"] = "xlsx"
    return query.urlencode()


def _month(request) -> tuple[int, int]:
    today = selectors.latest_day()
    return year_param(request.GET.get("year")) or today.year, month_param(request.GET.get("month")) or today.month


@login_required
def station_list(request):
    filters = {k: request.GET.get(k, "") for k in ("q", "kind", "district", "evaluation")}
    rows = selectors.latest_for(selectors.stations_for_user(request.user, **filters))
    if request.GET.get("export") == "xlsx":
        return _xlsx(request, LATEST_COLUMNS, rows, "stations")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "monitoring/station_list.html", {
        "page_obj": page, "columns": LATEST_COLUMNS, "filters": filters, "kinds": StationKind.choices(),
        "districts": selectors.districts(), "export_query": _export_query(request),
    })


@login_required
def station_detail(request, code: str):
    station = _load(Station, request.user, code=code)
    end = selectors.latest_time(station) or timezone.now()
    hourly = selectors.hourly_series(station, end - dt.timedelta(days=7), end)
    day = end.date()
    daily = list(selectors.daily_series(station, dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)))
    pollutant = request.GET.get("rose") if request.GET.get("rose") in POLLUTANTS else "pm25"
    rose = selectors.pollutant_rose(station, dt.date(day.year, 1, 1), day, pollutant)
    chart = {
        "hours": [h["time"].astimezone(timezone.get_current_timezone()).strftime("%m-%d %H:%M") for h in hourly],
        "series": {p: [h[p] for h in hourly] for p in ("aqi", "pm25", "pm10", "o3", "no2")},
        "calendar": [[d.date.isoformat(), d.aqi] for d in daily if d.aqi is not None],
        "year": day.year,
        "rose": {"sectors": [s["name"] for s in rose.sectors], "exceed": [s["exceed"] for s in rose.sectors],
                 "other": [s["hours"] - s["exceed"] for s in rose.sectors]},
    }
    return render(request, "monitoring/station_detail.html", {
        "station": station, "latest": selectors.latest_for([station])[0], "chart": json.dumps(chart),
        "recent_daily": daily[-14:], "rose": rose, "rose_pollutants": POLLUTANTS,
    })


@login_required
def city_report(request):
    year, month = _month(request)
    city = selectors.city_of(request.user)
    start, end = period_bounds("month", year, month)
    latest = selectors.latest_complete_day()
    if latest is not None and start <= latest < end:  # the current month: compare the same days of last year
        end = latest
    ytd_start, ytd_end = period_bounds("ytd", year, today=end)
    return render(request, "monitoring/city_report.html", {
        "year": year, "month": month, "city": city,
        "month_yoy": year_on_year(selectors.evaluation_station_ids(city), start, end),
        "ytd_yoy": year_on_year(selectors.evaluation_station_ids(city), ytd_start, ytd_end),
        "stations": selectors.station_ranking(start, end),
        "districts": selectors.district_ranking(city, start, end) if city else [],
        "water": water.water_summary(year, month),
        "cities": _comparison(selectors.city_comparison(city, start, end)),
    })


def _comparison(rows: list[dict], top: int = 10) -> list[dict]:
    """The first ``top`` cities and this city wherever it ranks."""
    return [r for i, r in enumerate(rows) if i < top or r["is_self"]]


@login_required
def section_list(request):
    year, month = _month(request)
    summary = water.water_summary(year, month)
    if request.GET.get("export") == "xlsx":
        return _xlsx(request, SECTION_COLUMNS, summary["sections"], "water-sections")
    return render(request, "monitoring/section_list.html", {
        "summary": summary, "columns": SECTION_COLUMNS, "year": year, "month": month,
        "export_query": _export_query(request),
    })


@login_required
def section_detail(request, code: str):
    section = _load(WaterSection, request.user, code=code)
    until = selectors.latest_water_day()
    trend = water.section_trend(section, 12, until=until)
    return render(request, "monitoring/section_detail.html", {
        "section": section, "trend": json.dumps(trend), "warnings": water.early_warnings(section, until=until),
        "samples": selectors.recent_samples(section),
    })


@login_required
def batch_list(request):
    filters = {k: request.GET.get(k, "") for k in ("source", "status")}
    rows = selectors.ingest_batches(request.user, **filters)
    if request.GET.get("export") == "xlsx":
        return _xlsx(request, BATCH_COLUMNS, rows.iterator(), "ingest-log")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "monitoring/batch_list.html", {
        "page_obj": page, "columns": BATCH_COLUMNS, "filters": filters, "export_query": _export_query(request),
    })


@login_required
def batch_detail(request, pk: int):
    batch = _load(IngestBatch, request.user, pk=pk)
    return render(request, "monitoring/batch_detail.html", {"batch": batch, "columns": BATCH_COLUMNS})


@login_required
def warning_list(request):
    warnings = selectors.warnings_for(request.user)[:100]
    current = selectors.current_warning(request.user)
    city = selectors.city_of(request.user)
    suggestion = services.warning_suggest(jurisdiction=city, start=timezone.localdate()) if city else None
    return render(request, "monitoring/warning_list.html", {
        "warnings": warnings, "current": current, "suggestion": suggestion, "levels": WarningLevel.choices(),
        "forecasts": selectors.forecasts(city), "emergency": emergency_list(request.user, current) if current else [],
        "allowed": WARNING_WORKFLOW.allowed(current, request.user) if current else [],
    })


@login_required
@require_POST
def warning_action(request, pk: int, action: str):
    warning = _load(PollutionWarning, request.user, pk=pk, action="change")
    try:
        if action == "issue":
            services.warning_issue(warning=warning, actor=request.user)
        elif action == "adjust":
            services.warning_adjust(warning=warning, level=request.POST.get("level", ""), actor=request.user,
                                    reason=request.POST.get("reason", ""))
        elif action == "lift":
            services.warning_lift(warning=warning, actor=request.user, note=request.POST.get("note", ""))
        else:
            raise Http404
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("monitoring:warning_list")


@login_required
@require_POST
def warning_create(request):
    city = selectors.city_of(request.user)
    try:
        start = dt.datetime.fromisoformat(request.POST.get("start", "")).replace(tzinfo=timezone.get_current_timezone())
        services.warning_create(jurisdiction=city, level=request.POST.get("level", ""), start=start,
                                primary=request.POST.get("primary", ""), reason=request.POST.get("reason", ""),
                                actor=request.user)
    except ValueError:
        messages.error(request, "开始时间格式错误 / bad start time")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("monitoring:warning_list")


@login_required
def upload(request):
    """Generic CSV/XLSX upload with a column mapping (air hours or water samples)."""
    if request.method == "POST" and request.FILES.get("file"):
        try:
            mapping = json.loads(request.POST.get("mapping") or "{}")
            if not isinstance(mapping, dict):
                raise ValueError
        except ValueError:
            messages.error(request, "列映射须为 JSON 对象 / the mapping must be a JSON object")
            return redirect("monitoring:upload")
        try:
            outcome = services_ingest.upload_ingest(
                upload=request.FILES["file"], kind=request.POST.get("kind", "air"), mapping=mapping,
                time_format=request.POST.get("time_format", ""), actor=request.user,
            )
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("monitoring:upload")
        messages.success(request, outcome.summary())
        return redirect("monitoring:batch_detail", pk=outcome.batch_id)
    return render(request, "monitoring/upload.html", {})


@login_required
@require_POST
def forecast_create(request):
    try:
        services.forecast_set(jurisdiction=selectors.city_of(request.user),
                              date=dt.date.fromisoformat(request.POST.get("date", "")),
                              aqi=int(request.POST.get("aqi", "")), primary=request.POST.get("primary", ""),
                              actor=request.user)
    except ValueError:
        messages.error(request, "日期或AQI格式错误 / bad date or AQI")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("monitoring:warning_list")
