"""API schemas (ninja) for plans, draws, inspections and off-site checks."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from ecogov.core.schemas import Year

from .workflow import PLAN_WORKFLOW


class PlanOut(Schema):
    id: int
    code: str
    name: str
    jurisdiction_code: str = Field(..., alias="jurisdiction.code")
    level: str
    period_type: str
    period_start: dt.date
    period_end: dt.date
    scheme: str
    ratios: dict
    status: str
    quota: dict
    pool_counts: dict
    snapshot_sha256: str
    seed_sha256: str
    revealed_seed: str


class PlanIn(Schema):
    jurisdiction_code: str
    year: Year
    quarter: int | None = Field(None, ge=1, le=4)
    level: str = "city"
    scheme: str = "jiangxi_abc"
    ratios: dict[str, str] | None = None


class PlanTransitionIn(Schema):
    to: str = Field(..., json_schema_extra={"enum": sorted({str(new) for _old, new in PLAN_WORKFLOW.transitions})},
                    description="the plan's new status")
    note: str = ""


class DrawnOut(Schema):
    stratum: str
    rank: int
    uscc: str = Field(..., alias="supervised_object.uscc")
    name: str = Field(..., alias="supervised_object.name")
    officers: list[str] = []
    result: str = ""

    @staticmethod
    def resolve_officers(obj) -> list[str]:
        return [o.username for o in obj.officers.all()]

    @staticmethod
    def resolve_result(obj) -> str:
        insp = getattr(obj, "inspection", None) if hasattr(obj, "inspection") else None
        return insp.result if insp else "pending"


class PublicDrawnOut(Schema):
    stratum: str
    rank: int
    uscc: str = Field(..., alias="supervised_object.uscc")
    name: str = Field(..., alias="supervised_object.name")
    result: str = ""

    @staticmethod
    def resolve_result(obj) -> str:
        return obj.inspection.result if hasattr(obj, "inspection") else "pending"


class FindingIn(Schema):
    point: str
    compliant: bool = True
    note: str = ""


class InspectionIn(Schema):
    uscc: str
    date: dt.date
    officers: list[str]  # usernames
    result: str
    findings: list[FindingIn] = []
    summary: str = ""
    drawn_id: int | None = None
    rectify_deadline: dt.date | None = None
    violation: str = ""


class InspectionOut(Schema):
    id: int
    uscc: str = Field(..., alias="supervised_object.uscc")
    name: str = Field(..., alias="supervised_object.name")
    date: dt.date
    result: str
    plan_code: str | None = None
    officers: list[str] = []

    @staticmethod
    def resolve_officers(obj) -> list[str]:
        return [o.username for o in obj.officers.all()]

    @staticmethod
    def resolve_plan_code(obj) -> str | None:
        return obj.plan.code if obj.plan_id else None


class OffsiteIn(Schema):
    uscc: str
    date: dt.date
    method: str
    result: str = "normal"
    note: str = ""


class OffsiteOut(Schema):
    id: int
    uscc: str = Field(..., alias="supervised_object.uscc")
    date: dt.date
    method: str
    result: str
    note: str


class CoverageRowOut(Schema):
    plan: str
    stratum: str
    pool: int
    quota: int
    inspected: int
    achieved_percent: float


class CoverageOut(Schema):
    year: int
    rows: list[CoverageRowOut]
    offsite: dict[str, int]
    per_officer: dict[str, int]
