"""API schemas (ninja) of environmental emergencies and episode controls."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class IncidentOut(Schema):
    id: int
    code: str
    title: str
    level: str
    kind: str
    status: str
    jurisdiction_code: str = Field(..., alias="jurisdiction.code")
    location: str
    media: list[str]
    occurred_at: dt.datetime
    reported_at: dt.datetime
    on_site_at: dt.datetime | None = None
    monitoring_at: dt.datetime | None = None
    controlled_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    summary_due: dt.date | None = None
    lessons: str


class IncidentIn(Schema):
    title: str
    level: str = Field(..., description="general, larger, major or grave (一般/较大/重大/特别重大)")
    kind: str
    jurisdiction: str = Field(..., description="administrative code of the area")
    location: str
    media: list[str] = []
    occurred_at: dt.datetime
    reported_at: dt.datetime
    description: str = ""


class StepIn(Schema):
    data: dict = Field(default_factory=dict, description="the step's inputs, e.g. on_site_at and on_site_note")


class IncidentQuery(Schema):
    q: str | None = None
    level: str | None = None
    kind: str | None = None
    status: str | None = None
    area: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None


class DrillOut(Schema):
    id: int
    date: dt.date
    title: str
    scenario: str
    units: str
    participants: int


class DateQuery(Schema):
    area: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None


class HazardOut(Schema):
    id: int
    facility: str
    level: str
    description: str
    found: dt.date
    due: dt.date
    status: str
    ledger_item: int | None = None
    closed: dt.date | None = None


class HazardQuery(Schema):
    status: str | None = None
    level: str | None = None
    facility: str | None = None
    campaign: int | None = None
    area: str | None = None


class ConsultationOut(Schema):
    id: int
    date: dt.date
    participants: str
    forecast: str
    forecast_aqi: int | None = None
    decision: str
    warning_id: int | None = None


class ActionOut(Schema):
    id: int
    code: str
    day: dt.date
    jurisdiction_code: str = Field(..., alias="jurisdiction.code")
    forecast_aqi: int
    warning_level: str
    status: str


class ActionIn(Schema):
    day: dt.date
    jurisdiction: str
    forecast_aqi: int
    warning_level: str = "yellow"
    consultation: int | None = None
    note: str = ""


class ActionQuery(Schema):
    status: str | None = None
    area: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None


class TargetIn(Schema):
    supervised_object: int | None = None
    source_name: str = ""
    measure: str


class TargetOut(Schema):
    id: int
    supervised_object_id: int | None = None
    source_name: str
    measure: str


class CheckIn(Schema):
    checked_at: dt.datetime
    compliant: bool
    note: str = ""


class CheckOut(Schema):
    id: int
    checked_at: dt.datetime
    compliant: bool
    note: str


class OutcomeOut(Schema):
    outcome: str
    label: str
    forecast_aqi: int
    measured_aqi: int | None = None


class OutcomeSummary(Schema):
    actions: int
    kept_good: int
    improved: int
    not_improved: int
    no_data: int
    pending: int


class ReductionPlanOut(Schema):
    id: int
    supervised_object_id: int
    year: int
    measures: str
    follow_up_date: dt.date | None = None


class ReductionQuery(Schema):
    year: int | None = None
    q: str | None = None
    area: str | None = None


class HazardIn(Schema):
    facility: str = Field(..., description="desulph, coal_gas, voc, wastewater, dust or almg")
    level: str = "general"
    description: str


class HazardCheckIn(Schema):
    supervised_object: int
    date: dt.date
    results: dict[str, str] = Field(..., description="checklist class -> ok, hazard or na")
    hazards: list[HazardIn] = []


class HazardCheckOut(Schema):
    id: int
    supervised_object_id: int
    date: dt.date
    results: dict[str, str]
    hazard_count: int


class ReductionTargetIn(Schema):
    pollutant: str = Field(..., description="so2, nox, pm or vocs")
    baseline_t: float
    target_pct: float


class ReductionPlanIn(Schema):
    supervised_object: int
    year: int
    measures: str
    targets: list[ReductionTargetIn]


class FollowUpIn(Schema):
    date: dt.date
    note: str
    achieved: dict[str, float] = Field(..., description="pollutant -> reduction achieved so far (%)")


class ImportOut(Schema):
    created: int
    updated: int


class LedgerOut(Schema):
    ledger_item: int
    deadline: dt.date
