"""Complaint API schemas (ninja In/Out)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from ecogov.core.schemas import NonBlank


class CategoryOut(Schema):
    id: int
    code: str
    name: str
    parent_code: str | None = None
    department: str | None = None

    @staticmethod
    def resolve_parent_code(obj):
        return obj.parent.code if obj.parent_id else None

    @staticmethod
    def resolve_department(obj):
        d = obj.responsible_department()
        return d.name if d else None


class ComplaintOut(Schema):
    id: int
    tracking_code: str
    channel: str
    status: str
    status_label: str
    public_status: str
    category: str
    category_code: str
    description: str
    address: str
    lon: float | None
    lat: float | None
    jurisdiction: str
    department: str | None
    received_at: dt.datetime
    acceptance_due: dt.date | None
    finish_due: dt.date | None
    extension_days: int
    assignee: str | None

    @staticmethod
    def resolve_category(obj):
        return str(obj.category)

    @staticmethod
    def resolve_category_code(obj):
        return obj.category.code

    @staticmethod
    def resolve_jurisdiction(obj):
        return obj.jurisdiction.name

    @staticmethod
    def resolve_department(obj):
        return obj.department.name if obj.department_id else None

    @staticmethod
    def resolve_assignee(obj):
        return str(obj.assignee) if obj.assignee_id else None


class ReporterOut(Schema):
    anonymous: bool
    name: str
    phone: str
    email: str
    id_number: str
    masked: bool


class ClocksOut(Schema):
    acceptance_due: dt.date | None
    acceptance_state: str
    finish_due: dt.date | None
    finish_state: str
    days_left: int | None
    extension_days: int


class ComplaintDetailOut(ComplaintOut):
    reporter: ReporterOut
    clocks: ClocksOut
    allowed: list[str]
    findings: str
    measures: str
    outcome: str
    reply: str
    satisfaction: str
    merged_into: str | None = None

    @staticmethod
    def resolve_merged_into(obj):
        return obj.merged_into.tracking_code if obj.merged_into_id else None


class ComplaintIn(Schema):
    category: str = Field(..., description="category code (a leaf)")
    description: NonBlank
    channel: str = "hotline"
    lon: float | None = None
    lat: float | None = None
    datum: str = "wgs84"
    address: str = ""
    jurisdiction_code: str | None = None
    anonymous: bool = False
    reporter_name: str = ""
    reporter_phone: str = ""
    reporter_email: str = ""
    transferred_from: str = ""
    source_ref: str = ""


class TransitionIn(Schema):
    to: str
    data: dict[str, Any] = {}


class RevealIn(Schema):
    reason: str = Field(..., min_length=1, max_length=200, description="why the reporter's identity is needed")


class ExtensionIn(Schema):
    days: int
    reason: str


class DuplicateOut(Schema):
    tracking_code: str
    id: int
    distance_m: float
    status: str
    received_at: dt.datetime
