"""Supervision API under /api/supervision/: plans and their workflow, drawn
lists (plan roles only until revealed), inspections, off-site checks, coverage;
``/public/...`` endpoints need no login."""


from django.http import HttpResponse
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from ecogov.core.api_utils import ERRORS, STAFF_AUTH, ErrorOut, Pagination, get_for_user
from ecogov.core.errors import NotFound, field_error
from ecogov.registry import selectors as registry_selectors

from . import selectors, services
from .models import DrawnObject, InspectionPlan
from .schemas import (
    CoverageOut,
    DrawnOut,
    InspectionIn,
    InspectionOut,
    OffsiteIn,
    OffsiteOut,
    PlanIn,
    PlanOut,
    PlanTransitionIn,
    PublicDrawnOut,
)

router = Router(auth=STAFF_AUTH, tags=["supervision"])


class ListQuery(Schema):
    q: str | None = None
    status: str | None = None
    year: int | None = None
    result: str | None = None
    method: str | None = None


def _listed(page, request):
    """The page's FilterSet over the user's rows (``filters`` documents the parameters it reads)."""
    return selectors.api_list(page, request.user, request.GET)


@router.get("/plans", response=list[PlanOut], summary="Double-random plans in your jurisdiction (filters: q, status, year)")
@paginate(Pagination)
def list_plans(request, filters: Query[ListQuery]):
    return _listed(selectors.PLANS, request)


@router.post("/plans", response={201: PlanOut, **ERRORS}, summary="Create a plan for a quarter or a year from a preset")
def create_plan(request, payload: PlanIn):
    node = selectors.plan_jurisdiction(request.user, code=payload.jurisdiction_code)
    if node is None:
        raise field_error("jurisdiction_code", "辖区不存在", "Unknown jurisdiction")
    return Status(201, services.plan_create(jurisdiction=node, year=payload.year, quarter=payload.quarter,
                                            level=payload.level, scheme=payload.scheme, ratios=payload.ratios,
                                            actor=request.user))


@router.get("/plans/{int:pk}", response={200: PlanOut, **ERRORS}, summary="One plan with its published hashes (seed only once revealed)")
def get_plan(request, pk: int):
    return get_for_user(InspectionPlan, request.user, pk=pk)


@router.post("/plans/{int:pk}/transition", response={200: PlanOut, **ERRORS}, summary="Approve (freeze pool, commit seed), draw, publish (reveal seed) or cancel")
def transition_plan(request, pk: int, payload: PlanTransitionIn):
    """`to`: approved (freeze + commit), drawn, published (reveal the seed), cancelled (with `note`)."""
    plan = get_for_user(InspectionPlan, request.user, pk=pk)
    return services.plan_move(plan=plan, to=payload.to, note=payload.note, actor=request.user)


class RatiosIn(Schema):
    ratios: dict[str, str]


@router.post("/plans/{int:pk}/ratios", response={200: PlanOut, **ERRORS}, summary="Edit a draft plan's ratios per stratum")
def plan_ratios(request, pk: int, payload: RatiosIn):
    plan = get_for_user(InspectionPlan, request.user, pk=pk)
    return services.plan_update_ratios(plan=plan, ratios=payload.ratios, actor=request.user)


@router.get("/plans/{int:pk}/drawn", response={200: list[DrawnOut], **ERRORS}, summary="Drawn objects and officers (plan roles only until the seed is revealed)")
def plan_drawn(request, pk: int):
    plan = get_for_user(InspectionPlan, request.user, pk=pk)
    return list(selectors.drawn_for(request.user, plan))


@router.get("/plans/{int:pk}/snapshot", response={200: None, **ERRORS}, summary="The frozen pool as an ecogov-draw/1 document")
def plan_snapshot(request, pk: int):
    """The frozen pool as an ecogov-draw/1 document (see docs/supervision-draw.md)."""
    plan = get_for_user(InspectionPlan, request.user, pk=pk)
    return HttpResponse(plan.snapshot.encode(), content_type="text/plain; charset=utf-8")


@router.get("/inspections", response=list[InspectionOut], summary="Inspection records (filters: q, result, year)")
@paginate(Pagination)
def list_inspections(request, filters: Query[ListQuery]):
    return _listed(selectors.INSPECTIONS, request)


@router.post("/inspections", response={201: InspectionOut, **ERRORS}, summary="Record an inspection (findings, result; rectification item or penalty case)")
def create_inspection(request, payload: InspectionIn):
    obj = registry_selectors.object_by_uscc(user=request.user, uscc=payload.uscc)
    drawn = get_for_user(DrawnObject, request.user, pk=payload.drawn_id) if payload.drawn_id else None
    officers = selectors.officers_by_username(payload.officers)
    insp = services.inspection_record(
        supervised_object=obj, date=payload.date, officers=officers, result=payload.result,
        findings=[f.dict() for f in payload.findings], summary=payload.summary, drawn=drawn,
        rectify_deadline=payload.rectify_deadline, violation=payload.violation, actor=request.user)
    return Status(201, insp)


@router.get("/offsite", response=list[OffsiteOut], summary="Off-site checks of positive-list objects")
@paginate(Pagination)
def list_offsite(request, filters: Query[ListQuery]):
    return _listed(selectors.OFFSITE, request)


@router.post("/offsite", response={201: OffsiteOut, **ERRORS}, summary="Record an off-site check (method and result)")
def create_offsite(request, payload: OffsiteIn):
    obj = registry_selectors.object_by_uscc(user=request.user, uscc=payload.uscc)
    return Status(201, services.offsite_check_record(supervised_object=obj, date=payload.date, method=payload.method,
                                                     result=payload.result, note=payload.note, actor=request.user))


@router.get("/coverage", response=CoverageOut, summary="Coverage report: per stratum and plan, off-site per method, per officer")
def coverage(request, year: int):
    rep = selectors.coverage(request.user, year)
    return {
        "year": year,
        "rows": [{"plan": r["plan"].code, "stratum": r["stratum"], "pool": r["pool"], "quota": r["quota"],
                  "inspected": r["inspected"], "achieved_percent": float(r["achieved"])} for r in rep["rows"]],
        "offsite": {m["method"]: m["n"] for m in rep["offsite"]},
        "per_officer": {o["officer"]: o["n"] for o in rep["per_officer"]},
    }


@router.get("/public/plans", response=list[PlanOut], auth=None, summary="Public: completed plans with revealed seeds")
def public_plans(request):
    """Completed plans with their revealed seeds (no login)."""
    return list(selectors.public_plans())


@router.get("/public/plans/{code}/results", response={200: list[PublicDrawnOut], 404: ErrorOut}, auth=None, summary="Public: drawn objects and results of a completed plan")
def public_results(request, code: str):
    plan = selectors.public_plans().filter(code=code).first()
    if plan is None:
        raise NotFound("计划", "plan")
    return list(selectors.public_results(plan))
