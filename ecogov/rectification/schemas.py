"""API schemas (ninja) of the rectification ledger."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from ecogov.core.schemas import NonBlank


class RectificationItemOut(Schema):
    id: int
    uscc: str | None = Field(None, alias="supervised_object.uscc")
    name: str | None = Field(None, alias="supervised_object.name")
    batch: str | None = Field(None, alias="batch.code")
    parent_id: int | None = None
    level: str
    external_no: str
    problem: str
    measures: str
    unit: str = Field("", alias="unit_label")
    jurisdiction: str | None = Field(None, alias="jurisdiction.code")
    leader: str
    deadline: dt.date
    progress: int
    expected: int
    plan_state: str
    plan_label: str
    state: str
    state_label: str
    status: str
    status_label: str
    closed_date: dt.date | None = None
    source_inspection_id: int | None = None


class MilestoneOut(Schema):
    title: str
    due: dt.date
    share: int
    done_date: dt.date | None = None


class ItemDetailOut(RectificationItemOut):
    milestones: list[MilestoneOut] = []
    children: list[int] = []
    allowed: list[str] = []


class HandoverBatchOut(Schema):
    id: int
    code: str
    title: str
    source: str
    source_label: str
    received_date: dt.date
    issuing_body: str
    deadline: dt.date


class ItemQuery(Schema):
    q: str | None = None
    batch: str | None = None
    unit: str | None = None
    leader: str | None = None
    state: str | None = None
    progress: str | None = None
    level: str | None = None
    overdue: bool | None = None
    status: str | None = None
    inspection: int | None = None


class MilestoneIn(Schema):
    title: str
    due: dt.date
    share: int


class ItemIn(Schema):
    batch: str | None = Field(None, description="batch code")
    parent: int | None = Field(None, description="id of the parent problem or task")
    external_no: str = ""
    problem: NonBlank
    measures: str = ""
    jurisdiction: str | None = Field(None, description="administrative code of the responsible area")
    leader: str = ""
    assigned_date: dt.date | None = None
    deadline: dt.date
    weight: int = Field(1, ge=1, le=32767, description="weight of the problem, 1-32767")
    milestones: list[MilestoneIn] = []


class ItemTransitionIn(Schema):
    to: str
    note: str = ""
    reason: str = ""
    sustained: bool = False


class LedgerSummaryOut(Schema):
    received: int
    closed: int
    rate: float | None
    behind: int
    overdue: int


class CloseIn(Schema):
    closed_date: dt.date
