"""Enforcement API under /api/enforcement/: penalty cases, their workflow and
deadlines, the overdue list and period figures; public decisions and yellow
cards under ``/public/...`` need no login."""


import datetime as dt

from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from ecogov.core.api_utils import ERRORS, STAFF_AUTH, Pagination, get_for_user
from ecogov.core.errors import field_error
from ecogov.registry import selectors as registry_selectors
from ecogov.supervision import selectors as supervision_selectors

from . import selectors, services
from .models import PenaltyCase
from .schemas import (
    CaseDetailOut,
    CaseFromInspectionIn,
    CaseIn,
    CaseOut,
    CaseTransitionIn,
    DeadlineOut,
    FiguresOut,
    PublicDecisionOut,
    YellowCardOut,
)

router = Router(auth=STAFF_AUTH, tags=["enforcement"])


class CaseQuery(Schema):
    q: str | None = None
    status: str | None = None
    year: int | None = None


@router.get("/cases", response=list[CaseOut], summary="Penalty cases (filters: q, status, year)")
@paginate(Pagination)
def list_cases(request, filters: Query[CaseQuery]):
    return selectors.api_list(selectors.CASES, request.user, request.GET)


@router.post("/cases", response={201: CaseDetailOut, **ERRORS}, summary="Open a penalty case awaiting the filing decision")
def create_case(request, payload: CaseIn):
    obj = registry_selectors.object_by_uscc(user=request.user, uscc=payload.uscc)
    return Status(201, services.case_open(supervised_object=obj, facts=payload.facts, opened_date=payload.opened_date,
                                          source=payload.source, joint_action=payload.joint_action, actor=request.user))


@router.post("/cases/from-inspection", response={201: CaseDetailOut, **ERRORS}, summary="Open a penalty case from an inspection (its problems as the facts unless given)")
def create_case_from_inspection(request, payload: CaseFromInspectionIn):
    inspection = supervision_selectors.inspection_get(user=request.user, pk=payload.inspection_id)
    return Status(201, services.case_open_from_inspection(inspection=inspection, facts=payload.facts,
                                                          actor=request.user))


@router.get("/cases/{int:pk}", response={200: CaseDetailOut, **ERRORS}, summary="One penalty case")
def get_case(request, pk: int):
    return get_for_user(PenaltyCase, request.user, pk=pk)


@router.post("/cases/{int:pk}/transition", response={200: CaseDetailOut, **ERRORS}, summary="One workflow step (file, notify, hearing, decide, deliver, pay, close, withdraw)")
def transition_case(request, pk: int, payload: CaseTransitionIn):
    """One workflow step; illegal moves answer 409 with the allowed targets in `detail.allowed`."""
    case = get_for_user(PenaltyCase, request.user, pk=pk)
    data = {k: v for k, v in payload.dict(exclude={"to", "note"}).items() if v not in (None, "", False)}
    if "discretion_rule" in data:
        rule = selectors.discretion_rules().filter(code=data["discretion_rule"]).first()
        if rule is None:
            raise field_error("discretion_rule", "裁量基准不存在", "Unknown discretion rule")
        data["discretion_rule"] = rule
    return services.case_transition(case=case, new=payload.to, data=data, note=payload.note, actor=request.user)


@router.get("/cases/{int:pk}/deadlines", response={200: list[DeadlineOut], **ERRORS}, summary="Legal deadlines of a case (Administrative Penalty Law 2021)")
def case_deadlines(request, pk: int, today: dt.date | None = None):
    return selectors.case_deadlines(get_for_user(PenaltyCase, request.user, pk=pk), today)


@router.get("/overdue", response=list[CaseOut], summary="Open cases with an overdue deadline")
def overdue(request, today: dt.date | None = None):
    return [case for case, _late in selectors.overdue_cases(request.user, today)]


@router.get("/figures", response=FiguresOut, summary="Period figures: filed, decided, fines, yellow cards, transfers")
def figures(request, start: dt.date, end: dt.date):
    return selectors.period_figures(request.user, start, end)


@router.get("/public/decisions", response=list[PublicDecisionOut], auth=None, summary="Public: penalty decisions (personal names masked)")
@paginate(Pagination)
def public_decisions(request, year: int | None = None):
    """Published penalty decisions; personal names masked (no login)."""
    return selectors.public_decisions(year)


@router.get("/public/yellow-cards", response=list[YellowCardOut], auth=None, summary="Public: yellow-card warnings")
@paginate(Pagination)
def public_yellow_cards(request, year: int | None = None):
    return selectors.public_yellow_cards(year)
