"""Monitoring write services: stations, quality flags, forecasts, warnings,
water samples. Ingest lives in ``services_ingest``; processing in ``processing``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from ecogov.core.audit import audit_record, create_audited, update_audited
from ecogov.core.errors import ValidationFailed
from ecogov.core.permissions import require, require_object
from ecogov.standards import WarningThresholds, warning_level

from .models import AirForecast, PollutionWarning, QualityFlag, Station, WaterSample
from .workflow import WARNING_WORKFLOW

STATION_FIELDS = ("code", "name", "kind", "is_evaluation", "jurisdiction", "area", "lon", "lat", "active")


@transaction.atomic
def station_create(*, data: dict[str, Any], actor) -> Station:
    require(actor, "manage", Station)
    return create_audited(actor=actor, obj=Station(**{k: v for k, v in data.items() if k in STATION_FIELDS}))


@transaction.atomic
def station_update(*, station: Station, data: dict[str, Any], actor) -> Station:
    require(actor, "manage", Station)
    return update_audited(actor=actor, obj=station, data={k: v for k, v in data.items() if k in STATION_FIELDS})


@transaction.atomic
def quality_flag_create(
    *, station: Station, kind: str, start: dt.datetime, end: dt.datetime, pollutant: str = "", note: str = "", actor
) -> QualityFlag:
    """Mark a time range as not usable for assessment; recompute the days it touches."""
    require(actor, "change", QualityFlag)
    if end < start:
        raise ValidationFailed("bad_range", "结束时间早于开始时间", "The end is before the start")
    flag = create_audited(actor=actor, obj=QualityFlag(
        station=station, kind=kind, start=start, end=end, pollutant=pollutant, note=note, created_by=actor,
    ))
    from .processing import station_daily_compute
    from .realtime import hour_date

    station_daily_compute(start=hour_date(start), end=hour_date(end), station_ids=[station.pk])
    return flag


@transaction.atomic
def forecast_set(*, jurisdiction, date: dt.date, aqi: int, primary: str = "", actor) -> AirForecast:
    """Enter (or correct) the forecast daily AQI of a day."""
    require(actor, "change", AirForecast)
    if not 0 <= aqi <= 500:
        raise ValidationFailed("bad_aqi", "预报AQI应在0-500之间", "Forecast AQI must be 0-500")
    obj, created = AirForecast.objects.update_or_create(
        jurisdiction=jurisdiction, date=date, defaults={"aqi": aqi, "primary": primary, "entered_by": actor}
    )
    audit_record(actor=actor, obj=obj, event="create" if created else "update", changes={"aqi": [None, aqi]})
    return obj


def warning_suggest(*, jurisdiction, start: dt.date, days: int = 7, thresholds: WarningThresholds | None = None):
    """The level the standards core suggests from the stored forecasts (``WarningResult``)."""
    forecasts = dict(
        AirForecast.objects.filter(
            jurisdiction=jurisdiction, date__gte=start, date__lt=start + dt.timedelta(days=days)
        ).values_list("date", "aqi")
    )
    series = [forecasts.get(start + dt.timedelta(days=i)) for i in range(days)]
    kwargs = {"thresholds": thresholds} if thresholds is not None else {}
    return warning_level(series, **kwargs)


@transaction.atomic
def warning_create(
    *, jurisdiction, level: str, start: dt.datetime, actor, end: dt.datetime | None = None,
    primary: str = "", reason: str = "",
) -> PollutionWarning:
    """A draft warning, with the level the standards core suggests recorded beside the chosen one."""
    require(actor, "add", PollutionWarning)
    suggested = warning_suggest(jurisdiction=jurisdiction, start=start.date()).level or ""
    obj = PollutionWarning(
        jurisdiction=jurisdiction, level=level, suggested_level=suggested, start=start, end=end,
        primary=primary, reason=reason, created_by=actor,
    )
    return create_audited(actor=actor, obj=obj)


def warning_issue(*, warning: PollutionWarning, actor, note: str = "") -> PollutionWarning:
    require_object(actor, warning, "change")
    return WARNING_WORKFLOW.transition(warning, "issued", actor=actor, data={"level": warning.level}, note=note)


def warning_adjust(*, warning: PollutionWarning, level: str, actor, reason: str = "") -> PollutionWarning:
    require_object(actor, warning, "change")
    return WARNING_WORKFLOW.transition(warning, "issued", actor=actor, data={"level": level, "reason": reason},
                                       note=reason)


def warning_lift(*, warning: PollutionWarning, actor, note: str = "") -> PollutionWarning:
    require_object(actor, warning, "change")
    return WARNING_WORKFLOW.transition(warning, "lifted", actor=actor, data={}, note=note)


@transaction.atomic
def water_sample_set(*, date: dt.date, values: dict[str, float], actor, section=None, source=None) -> WaterSample:
    """Enter (or correct) a water sample of a section or a drinking-water source."""
    require(actor, "change", WaterSample)
    if (section is None) == (source is None):
        raise ValidationFailed("bad_site", "须指定断面或水源地之一", "Give a section or a source, not both")
    key = {"section": section} if section is not None else {"source": source}
    obj, created = WaterSample.objects.update_or_create(date=date, defaults={"values": values}, **key)
    audit_record(actor=actor, obj=obj, event="create" if created else "update", changes={"values": [None, values]})
    return obj
