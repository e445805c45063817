"""Monitoring staff pages: station list (live AQI colours), station page
(hourly chart, daily-AQI calendar), city monthly report, water sections,
ingest log and heavy-pollution warnings."""

from __future__ import annotations

import datetime as dt
import json

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ecogov.core import pages
from ecogov.core.api_utils import get_for_user
from ecogov.core.errors import NotFound, ValidationFailed
from ecogov.core.pages import ListPage, table_response
from ecogov.core.params import month_param, year_param

from . import selectors, services, services_ingest, water
from .choices import WarningLevel, WarningStatus
from .emergency import emergency_list
from .filters import IngestBatchFilterSet, station_filterset
from .models import POLLUTANTS, DrinkingWaterSource, IngestBatch, PollutionWarning, Station, WaterSection
from .rollups import period_bounds, year_on_year
from .tables import BATCH_COLUMNS, LATEST_COLUMNS, SECTION_COLUMNS
from .workflow import WARNING_WORKFLOW

PAGE_SIZE = 50
SECTIONS_PAGE = 500  # every section of a city on one page

BATCHES = ListPage(
    filterset=IngestBatchFilterSet, columns=BATCH_COLUMNS, queryset=selectors.ingest_batches,
    title=gettext_lazy("Ingest log"), filename="ingest-log", link="monitoring:batch_detail",
    template="monitoring/batch_list.html", page_size=PAGE_SIZE, dated=True,
)


def _load(model, user, **lookup):
    try:
        return get_for_user(model, user, **lookup)
    except NotFound as exc:
        raise Http404 from exc


def _month(request) -> tuple[int, int]:
    today = selectors.latest_day()
    return year_param(request.GET.get("year")) or today.year, month_param(request.GET.get("month")) or today.month


@login_required
def station_list(request):
    fs = station_filterset(request.user, request.GET)
    return table_response(request, selectors.latest_for(fs.qs), LATEST_COLUMNS, title=_("Air stations"),
                          filename="stations", template="monitoring/station_list.html", filterset=fs,
                          page_size=PAGE_SIZE, model=Station, dated=True)


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
    return table_response(request, summary["sections"], SECTION_COLUMNS, title=f"{_('Water sections')} {year}-{month:02d}",
                          filename="water-sections", template="monitoring/section_list.html",
                          page_size=SECTIONS_PAGE, model=WaterSection, dated=True,
                          extra={"summary": summary, "year": year, "month": month})


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
def source_detail(request, code: str):
    source = _load(DrinkingWaterSource, request.user, code=code)
    return render(request, "monitoring/source_detail.html", {
        "source": source, "latest": water.sources_latest([source])[0], "samples": selectors.recent_samples(source),
    })


@login_required
def batch_list(request):
    return BATCHES.response(request, extra={"link_column": 1})


@login_required
def batch_detail(request, pk: int):
    batch = _load(IngestBatch, request.user, pk=pk)
    return render(request, "monitoring/batch_detail.html", {"batch": batch, "columns": BATCH_COLUMNS})


#: the URL's action for each move of the warning workflow (the services name the same moves)
MOVES = {
    (WarningStatus.DRAFT, WarningStatus.ISSUED): "issue",
    (WarningStatus.ISSUED, WarningStatus.ISSUED): "adjust",
    (WarningStatus.ISSUED, WarningStatus.LIFTED): "lift",
}

def _moves(warning, user) -> list[dict]:
    """The moves ``user`` may make on ``warning`` now (from the workflow), each with its URL and form."""
    out = []
    for step in WARNING_WORKFLOW.steps(warning, user):
        name = MOVES[(warning.status, step.to)]
        out.append({"label": step.label, "form": step.form(prefix=None, auto_id=False),
                    "url": reverse("monitoring:warning_action", args=[warning.pk, name])})
    return out


@login_required
def warning_list(request):
    warnings = selectors.warnings_for(request.user)[:100]
    current = selectors.current_warning(request.user)
    city = selectors.city_of(request.user)
    suggestion = services.warning_suggest(jurisdiction=city, start=timezone.localdate()) if city else None
    return render(request, "monitoring/warning_list.html", {
        "warnings": [(w, [] if current and w.pk == current.pk else _moves(w, request.user)) for w in warnings],
        "current": current, "suggestion": suggestion, "levels": WarningLevel.choices(),
        "forecasts": selectors.forecasts(city), "emergency": emergency_list(request.user, current) if current else [],
        "moves": _moves(current, request.user) if current else [],
    })


@login_required
@require_POST
def warning_action(request, pk: int, action: str):
    warning = _load(PollutionWarning, request.user, pk=pk, action="change")
    calls = {
        "issue": lambda: services.warning_issue(warning=warning, actor=request.user),
        "adjust": lambda: services.warning_adjust(warning=warning, level=request.POST.get("level", ""),
                                                  actor=request.user, reason=request.POST.get("reason", "")),
        "lift": lambda: services.warning_lift(warning=warning, actor=request.user, note=request.POST.get("note", "")),
    }
    if action not in calls:
        raise Http404
    return pages.action(request, calls[action], then="monitoring:warning_list")


@login_required
@require_POST
def warning_create(request):
    return pages.action(request, lambda: services.warning_create(
        jurisdiction=selectors.city_of(request.user), level=request.POST.get("level", ""),
        start=_local_time(request.POST.get("start", "")), primary=request.POST.get("primary", ""),
        reason=request.POST.get("reason", ""), actor=request.user,
    ), then="monitoring:warning_list")


def _local_time(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=timezone.get_current_timezone())


def _mapping(text: str) -> dict:
    try:
        mapping = json.loads(text or "{}")
    except ValueError:
        mapping = None
    if not isinstance(mapping, dict):
        raise ValidationFailed("bad_mapping", "列映射须为 JSON 对象", "The mapping must be a JSON object")
    return mapping


@login_required
def upload(request):
    """Generic CSV/XLSX upload with a column mapping (air hours or water samples)."""
    if request.method == "POST" and request.FILES.get("file"):
        return pages.action(request, lambda: services_ingest.upload_ingest(
            upload=request.FILES["file"], kind=request.POST.get("kind", "air"),
            mapping=_mapping(request.POST.get("mapping", "")), time_format=request.POST.get("time_format", ""),
            actor=request.user,
        ), then=lambda outcome: reverse("monitoring:batch_detail", args=[outcome.batch_id]), back="monitoring:upload",
            done="文件已导入，拒收的行见本批次 / File ingested: the batch lists every rejected row")
    return render(request, "monitoring/upload.html", {})


@login_required
@require_POST
def forecast_create(request):
    return pages.action(request, lambda: services.forecast_set(
        jurisdiction=selectors.city_of(request.user), date=dt.date.fromisoformat(request.POST.get("date", "")),
        aqi=int(request.POST.get("aqi", "")), primary=request.POST.get("primary", ""), actor=request.user,
    ), then="monitoring:warning_list")
