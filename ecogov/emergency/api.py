"""Emergency API under /api/emergency/: events and their response steps, drills, the hazard list
and a campaign's checks (one by one or from .xlsx), consultations, point-to-point actions (targets,
checks, failed checks on the ledger, outcome, the outcome summary) and one-enterprise-one-policy
plans. Lists filter with the pages' FilterSets."""


import datetime as dt

from ninja import File, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from ecogov.core.api_utils import ERRORS, STAFF_AUTH, Pagination
from ecogov.core.errors import ValidationFailed, field_error
from ecogov.core.models import Jurisdiction
from ecogov.registry import selectors as registry

from . import schemas as s
from . import selectors, services, services_episode, services_import
from .models import (
    ComplianceCheck,
    Consultation,
    ControlAction,
    ControlTarget,
    HazardCampaign,
    Incident,
    ReductionPlan,
)

router = Router(auth=STAFF_AUTH, tags=["emergency"])


def _filtered(page, request, filters):
    fs = page.filter(request.user, {k: v for k, v in filters.dict().items() if v not in (None, "")})
    if fs.is_bound and not fs.is_valid():
        raise ValidationFailed("bad_filter", "筛选条件有误", "Invalid filter",
                               detail={"errors": {k: [str(m) for m in v] for k, v in fs.errors.items()}})
    return fs.qs


def _area(user, code: str):
    node = Jurisdiction.objects.for_user(user).filter(code=code).first()
    if node is None:
        raise field_error("jurisdiction", f"区域 {code} 不存在或不在您的辖区内", f"No area {code} in your jurisdiction")
    return node


def _with_area(request, payload) -> dict:
    """The payload's values with its area code read as the user's jurisdiction node."""
    data = payload.dict()
    data["jurisdiction"] = _area(request.user, data["jurisdiction"])
    return data


def _list_route(path: str, page, out, query, name: str, summary: str) -> None:
    """A paginated GET list filtered with the list page's FilterSet (the same rows as the page)."""
    def endpoint(request, filters: Query[query]):  # type: ignore[valid-type]
        return _filtered(page, request, filters)

    endpoint.__name__ = endpoint.__qualname__ = name
    router.get(path, response=list[out], summary=summary, operation_id=f"ecogov_emergency_api_{name}")(
        paginate(Pagination)(endpoint))


_list_route("/incidents", selectors.INCIDENTS, s.IncidentOut, s.IncidentQuery, "list_incidents",
            "Environmental emergencies (filters: q, level, kind, status, area, start, end)")


@router.post("/incidents", response={201: s.IncidentOut, **ERRORS}, summary="Report an environmental emergency")
def report_incident(request, payload: s.IncidentIn):
    return Status(201, services.incident_report(data=_with_area(request, payload), actor=request.user))


@router.get("/incidents/{int:pk}", response={200: s.IncidentOut, **ERRORS}, summary="One environmental emergency")
def get_incident(request, pk: int):
    return selectors.get(Incident, user=request.user, pk=pk)


@router.post("/incidents/{int:pk}/steps/{to}", response={200: s.IncidentOut, **ERRORS}, summary="A response step: on_site, monitoring, controlled, ended or closed")
def incident_step(request, pk: int, to: str, payload: s.StepIn):
    incident = selectors.get(Incident, user=request.user, pk=pk, action="change")
    data = dict(payload.data)
    for key in ("on_site_at", "monitoring_at", "controlled_at", "ended_at"):
        if isinstance(data.get(key), str):
            data[key] = dt.datetime.fromisoformat(data[key])
    return services.incident_move(incident=incident, to=to, actor=request.user, data=data)


_list_route("/drills", selectors.DRILLS, s.DrillOut, s.DateQuery, "list_drills",
            "Emergency drills (filters: area, start, end)")


_list_route("/hazards", selectors.HAZARDS, s.HazardOut, s.HazardQuery, "list_hazards",
            "The dynamic hazard list (filters: status, level, facility, campaign, area)")


@router.post("/campaigns/{int:pk}/checks", response={201: s.HazardCheckOut, **ERRORS}, summary="Record one enterprise's checklist in a campaign (hazards go on the ledger)")
def add_hazard_check(request, pk: int, payload: s.HazardCheckIn):
    campaign = selectors.get(HazardCampaign, user=request.user, pk=pk, action="change")
    ent = registry.object_get(user=request.user, pk=payload.supervised_object)
    return Status(201, services.hazard_check_record(
        campaign=campaign, supervised_object=ent, date=payload.date, results=payload.results, actor=request.user,
        hazards=[h.dict() for h in payload.hazards]))


@router.post("/campaigns/{int:pk}/checks/import", response={200: s.ImportOut, **ERRORS}, summary="Import a campaign's enterprise checks from .xlsx (all rows or none; bad rows in detail.rows)")
def import_hazard_checks(request, pk: int, file: File[UploadedFile]):
    campaign = selectors.get(HazardCampaign, user=request.user, pk=pk, action="change")
    result = services_import.hazard_checks_import(campaign=campaign, data=file.read(), actor=request.user)
    return {"created": result.created, "updated": result.updated}


@router.post("/hazards/sync", response={200: dict, **ERRORS}, summary="Close the hazards and drill findings whose ledger item is closed")
def sync_hazards(request):
    return {"closed": services.hazards_sync(actor=request.user)}


_list_route("/consultations", selectors.CONSULTATIONS, s.ConsultationOut, s.DateQuery, "list_consultations",
            "Joint consultations (filters: area, start, end)")


_list_route("/actions", selectors.ACTIONS, s.ActionOut, s.ActionQuery, "list_actions",
            "Point-to-point control actions (filters: status, area, start, end)")


@router.post("/actions", response={201: s.ActionOut, **ERRORS}, summary="A draft point-to-point control action for a forecast bad day")
def create_action(request, payload: s.ActionIn):
    data = _with_area(request, payload)
    if data["consultation"] is not None:
        data["consultation"] = selectors.get(Consultation, user=request.user, pk=data["consultation"])
    return Status(201, services_episode.action_create(data=data, actor=request.user))


@router.post("/actions/{int:pk}/targets", response={201: s.TargetOut, **ERRORS}, summary="Name an enterprise or source with its measure")
def add_target(request, pk: int, payload: s.TargetIn):
    obj = selectors.get(ControlAction, user=request.user, pk=pk, action="change")
    ent = registry.object_get(user=request.user, pk=payload.supervised_object) if payload.supervised_object else None
    return Status(201, services_episode.target_add(action=obj, actor=request.user, measure=payload.measure,
                                                   supervised_object=ent, source_name=payload.source_name))


@router.post("/actions/{int:pk}/steps/{to}", response={200: s.ActionOut, **ERRORS}, summary="Move an action: issued, checked or closed")
def action_step(request, pk: int, to: str):
    obj = selectors.get(ControlAction, user=request.user, pk=pk, action="change")
    return services_episode.action_move(action=obj, to=to, actor=request.user)


@router.post("/targets/{int:pk}/checks", response={201: s.CheckOut, **ERRORS}, summary="Record a compliance check of a target")
def add_check(request, pk: int, payload: s.CheckIn):
    target = selectors.get(ControlTarget, user=request.user, pk=pk, action="change")
    return Status(201, services_episode.compliance_check(target=target, actor=request.user, **payload.dict()))


@router.post("/compliance-checks/{int:pk}/ledger", response={201: s.LedgerOut, **ERRORS}, summary="Put a failed compliance check on the rectification ledger")
def raise_compliance_check(request, pk: int):
    check = selectors.get(ComplianceCheck, user=request.user, pk=pk, action="change")
    item = services_episode.compliance_raise_ledger(check=check, actor=request.user)
    return Status(201, {"ledger_item": item.pk, "deadline": item.deadline})


@router.get("/actions/{int:pk}/outcome", response={200: s.OutcomeOut, **ERRORS}, summary="The day's measured AQI against the forecast")
def action_outcome(request, pk: int):
    result = selectors.OutcomeMemo().outcome(selectors.get(ControlAction, user=request.user, pk=pk))
    return {"outcome": result.outcome, "label": result.label, "forecast_aqi": result.forecast_aqi,
            "measured_aqi": result.measured_aqi}


@router.get("/outcomes", response={200: s.OutcomeSummary, **ERRORS}, summary="Issued actions of a period by outcome (kept good, improved, ...)")
def outcomes(request, start: dt.date, end: dt.date, area: str = ""):
    area_node = _area(request.user, area) if area else None
    return selectors.outcome_summary(request.user, start=start, end=end, jurisdiction=area_node)


_list_route("/reduction-plans", selectors.REDUCTION_PLANS, s.ReductionPlanOut, s.ReductionQuery,
            "list_reduction_plans", "One-enterprise-one-policy plans (filters: year, q, area)")


@router.post("/reduction-plans", response={201: s.ReductionPlanOut, **ERRORS}, summary="A one-enterprise-one-policy plan with its per-pollutant targets")
def create_reduction_plan(request, payload: s.ReductionPlanIn):
    ent = registry.object_get(user=request.user, pk=payload.supervised_object)
    targets = {t.pollutant: (t.baseline_t, t.target_pct) for t in payload.targets}
    return Status(201, services_episode.reduction_plan_create(supervised_object=ent, year=payload.year,
                                                              measures=payload.measures, targets=targets,
                                                              actor=request.user))


@router.post("/reduction-plans/{int:pk}/follow-ups", response={200: s.ReductionPlanOut, **ERRORS}, summary="A follow-up of a plan: reduction achieved per pollutant")
def follow_up_reduction_plan(request, pk: int, payload: s.FollowUpIn):
    plan = selectors.get(ReductionPlan, user=request.user, pk=pk, action="change")
    return services_episode.reduction_follow_up(plan=plan, date=payload.date, note=payload.note,
                                                achieved=payload.achieved, actor=request.user)
