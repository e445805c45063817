"""Monitoring API schemas (ninja In/Out)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.utils import timezone
from ninja import Field, Schema
from pydantic import model_validator

from ecogov.core.schemas import Day, Moment, bounded_range


class AirStationOut(Schema):
    code: str
    name: str
    kind: str
    kind_label: str
    is_evaluation: bool
    area: str
    lon: float | None = None
    lat: float | None = None
    jurisdiction: str | None = None

    @staticmethod
    def resolve_jurisdiction(obj) -> str | None:
        return obj.jurisdiction.code if obj.jurisdiction_id else None


class StationQuery(Schema):
    q: str = ""
    kind: str = ""
    district: str = ""
    evaluation: str = ""


class LatestOut(Schema):
    station: str
    name: str
    kind: str
    time: dt.datetime | None = None
    aqi: int | None = None
    primary: str = ""
    category: str = ""
    colour: str = ""
    so2: float | None = None
    no2: float | None = None
    co: float | None = None
    o3: float | None = None
    pm10: float | None = None
    pm25: float | None = None


class HourlyOut(Schema):
    time: dt.datetime
    so2: float | None = None
    no2: float | None = None
    co: float | None = None
    o3: float | None = None
    pm10: float | None = None
    pm25: float | None = None
    aqi: int | None = None
    primary: str = ""
    published_aqi: int | None = None
    invalid: dict[str, str] = {}


class WindowQuery(Schema):
    start: dt.datetime
    end: dt.datetime


class DayWindowQuery(Schema):
    start: dt.date
    end: dt.date


class RoseQuery(Schema):
    start: dt.date
    end: dt.date
    pollutant: Literal["so2", "no2", "co", "o3", "pm10", "pm25"] = "pm25"


class RoseSectorOut(Schema):
    name: str
    hours: int
    exceed: int
    mean: float | None = None


class RoseCalmOut(Schema):
    hours: int
    exceed: int


class RoseOut(Schema):
    pollutant: str
    hours: int
    without_wind: int
    calm: RoseCalmOut
    sectors: list[RoseSectorOut]


class DailyOut(Schema):
    date: dt.date
    so2: float | None = None
    no2: float | None = None
    co: float | None = None
    pm10: float | None = None
    pm25: float | None = None
    o3_8h: float | None = None
    aqi: int | None = None
    primary: str = ""
    version: str = ""
    hours: int = 0


class PeriodQuery(Schema):
    period: str = Field("month", pattern="^(month|quarter|ytd|year)$")
    year: int = Field(..., ge=2000, le=2100)
    number: int = Field(1, ge=1, le=12)
    district: str = ""


class StatsOut(Schema):
    start: dt.date
    end: dt.date
    days: int
    valid_days: int
    good_days: int
    good_ratio: float | None = None
    heavy_days: int
    coverage: float
    composite: float | None = None
    stats: dict[str, float | None]


class RollupOut(Schema):
    scope: str
    current: StatsOut
    previous: StatsOut
    pm25_change: float | None = None
    pm25_change_pct: float | None = None
    good_ratio_change: float | None = None
    composite_change_pct: float | None = None


class RankOut(Schema):
    rank: int | None = None
    code: str
    name: str
    composite: float | None = None
    pm25: float | None = None
    good_ratio: float | None = None


class PushReadingIn(Schema):
    model_config = {"extra": "allow"}
    time: str
    station: str | None = None


class PushIn(Schema):
    readings: list[dict[str, Any]]


class RowResultOut(Schema):
    row: int | None = None
    status: str
    reason: str = ""
    invalid: dict[str, str] = {}


class PushOut(Schema):
    batch: int
    total: int
    created: int
    updated: int
    unchanged: int
    rejected: int
    results: list[RowResultOut]


class BatchOut(Schema):
    id: int
    source: str
    reference: str
    status: str
    started: dt.datetime
    finished: dt.datetime | None = None
    rows_total: int
    rows_created: int
    rows_updated: int
    rows_unchanged: int
    rows_rejected: int
    items_invalid: int
    errors: list[dict[str, Any]]


class WarningOut(Schema):
    id: int
    level: str
    level_label: str
    status: str
    start: dt.datetime
    end: dt.datetime | None = None
    primary: str
    reason: str


class SectionMonthOut(Schema):
    code: str
    name: str
    river: str
    level: str
    klass: int | None = None
    class_label: str
    target: int
    compliant: bool | None = None


class SourceMonthOut(Schema):
    code: str
    name: str
    water_body: str
    jurisdiction: str
    lon: float | None = Field(None, description="longitude, WGS-84 (null: not located)")
    lat: float | None = Field(None, description="latitude, WGS-84 (null: not located)")
    klass: int | None = None
    class_label: str
    target: int
    compliant: bool | None = None


#: A forecast is entered for a day from a year back (late entry, a correction) to 15 days ahead.
FORECAST_DAYS_BACK, FORECAST_DAYS_AHEAD = 366, 15
#: The longest time range one quality flag may cover.
FLAG_MAX_DAYS = 366


class ForecastIn(Schema):
    date: Day = Field(..., description=f"the forecast day, from {FORECAST_DAYS_BACK} days back to "
                                       f"{FORECAST_DAYS_AHEAD} days ahead")
    aqi: int = Field(..., ge=0, le=500)
    primary: str = Field("", max_length=40)

    @model_validator(mode="after")
    def _near_today(self):
        delta = (self.date - timezone.localdate()).days
        if not -FORECAST_DAYS_BACK <= delta <= FORECAST_DAYS_AHEAD:
            raise ValueError(f"date must lie from {FORECAST_DAYS_BACK} days back to {FORECAST_DAYS_AHEAD} days ahead")
        return self


class FlagIn(Schema):
    kind: str = Field(..., pattern="^(fault|calibration|dust|other)$")
    start: Moment
    end: Moment = Field(..., description=f"after start, at most {FLAG_MAX_DAYS} days later")
    pollutant: str = Field("", pattern="^(|so2|no2|co|o3|pm10|pm25)$")
    note: str = Field("", max_length=2000)

    @model_validator(mode="after")
    def _bounded(self):
        bounded_range(self.start, self.end, max_days=FLAG_MAX_DAYS)
        return self


class OkOut(Schema):
    id: int
