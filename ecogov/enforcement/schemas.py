"""API schemas (ninja) for penalty cases and their records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from ecogov.core.schemas import NonBlank

from .workflow import WORKFLOW


class CaseOut(Schema):
    id: int
    case_no: str
    uscc: str = Field(..., alias="supervised_object.uscc")
    party: str = Field(..., alias="supervised_object.name")
    status: str
    source: str
    facts: str
    opened_date: dt.date
    filed_date: dt.date | None
    notice_date: dt.date | None
    decision_date: dt.date | None
    decision_no: str
    legal_basis: str
    discretion_reasoning: str
    amount: Decimal | None
    delivery_date: dt.date | None
    paid_date: dt.date | None
    surcharge: Decimal
    joint_action: bool


class CaseDetailOut(CaseOut):
    allowed: list[str] = Field([], description="workflow moves the requesting user may make now")

    @staticmethod
    def resolve_allowed(obj, context) -> list[str]:
        return WORKFLOW.allowed(obj, context["request"].user)


class CaseIn(Schema):
    uscc: str
    facts: NonBlank
    opened_date: dt.date
    source: str = "other"
    joint_action: bool = False


class CaseTransitionIn(Schema):
    to: str
    note: str = ""
    filed_date: dt.date | None = None
    notice_date: dt.date | None = None
    hearing_request_date: dt.date | None = None
    hearing_notice_date: dt.date | None = None
    hearing_date: dt.date | None = None
    decision_date: dt.date | None = None
    decision_no: str | None = None
    discretion_rule: str | None = Field(None, description="code of the discretion rule")
    amount: Decimal | None = None
    discretion_reasoning: str | None = None
    waived: bool = False
    delivery_date: dt.date | None = None
    paid_date: dt.date | None = None
    closed_date: dt.date | None = None
    outcome_reason: str | None = None


class DeadlineOut(Schema):
    key: str
    label: str
    due: dt.date | None
    done: dt.date | None
    overdue: bool


class FiguresOut(Schema):
    filed: int
    decided: int
    fined: int
    total_amount: Decimal
    joint_fined: int
    joint_amount: Decimal
    yellow_cards: int
    transfers: int


class PublicDecisionOut(Schema):
    decision_no: str
    party: str = Field(..., alias="supervised_object.name")
    uscc: str = Field(..., alias="supervised_object.uscc")
    legal_representative: str = ""
    facts: str
    legal_basis: str
    amount: Decimal | None
    decision_date: dt.date | None

    @staticmethod
    def resolve_legal_representative(obj) -> str:
        from ecogov.core.privacy import mask_name

        return mask_name(obj.supervised_object.legal_representative)


class YellowCardOut(Schema):
    enterprise: str = Field(..., alias="supervised_object.name")
    uscc: str = Field(..., alias="supervised_object.uscc")
    issued_date: dt.date
    valid_from: dt.date
    valid_to: dt.date
    reason: str


class CaseFromInspectionIn(Schema):
    inspection_id: int
    facts: str = Field("", description="facts of the violation; default: the problems the inspection recorded")
