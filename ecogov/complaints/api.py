"""Staff API for complaints (mounted at /api/complaints/)."""

from django.http import QueryDict
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from ecogov.core.api_utils import STAFF_AUTH, Pagination, get_for_user
from ecogov.core.errors import NotFound
from ecogov.core.models import Jurisdiction
from ecogov.core.permissions import require

from . import selectors, services
from .forms import step_data
from .models import Complaint, ComplaintCategory
from .report.selectors import monthly_report
from .schemas import (
    CategoryOut,
    ComplaintDetailOut,
    ComplaintIn,
    ComplaintOut,
    DuplicateOut,
    ExtensionIn,
    ReporterOut,
    RevealIn,
    TransitionIn,
)
from .workflow import WORKFLOW

router = Router(auth=STAFF_AUTH, tags=["complaints"])


class ListQuery(Schema):
    q: str | None = None
    status: str | None = None
    channel: str | None = None
    category: int | None = None
    district: int | None = None
    received_from: str | None = None
    received_to: str | None = None
    clock: str | None = None


def _detail(c: Complaint, user) -> Complaint:
    """The complaint with its masked reporter, clocks and allowed moves attached for ``ComplaintDetailOut``."""
    c.reporter = selectors.reporter_masked(c)
    c.clocks = {k: v for k, v in selectors.clocks(c).items() if k != "limits"}
    c.allowed = WORKFLOW.allowed(c, user)
    return c


@router.get("/categories", response=list[CategoryOut], summary="Complaint categories (the editable tree)")
def categories(request):
    return list(selectors.categories().order_by("parent__order", "order"))


@router.get("/complaints", response=list[ComplaintOut], summary="Complaints in the user's scope (filters as the list page)")
@paginate(Pagination)
def complaint_list(request, filters: Query[ListQuery]):
    params = QueryDict(mutable=True)
    params.update({k: v for k, v in filters.dict().items() if v not in (None, "")})
    return selectors.complaint_list(request.user, params, strict=True)


@router.post("/complaints", response={201: ComplaintDetailOut}, summary="Staff intake (hotline, letter, visit, transfer)")
def complaint_create(request, payload: ComplaintIn):
    cat = ComplaintCategory.objects.filter(code=payload.category).first()
    if cat is None:
        raise NotFound("类别", "category", detail={"category": payload.category})
    place = None
    if payload.jurisdiction_code:
        place = get_for_user(Jurisdiction, request.user, code=payload.jurisdiction_code)
    data = payload.dict(exclude={"category", "jurisdiction_code"})
    c = services.complaint_submit(category=cat, jurisdiction=place, actor=request.user, **data)
    return Status(201, _detail(c, request.user))


@router.get("/complaints/{int:pk}", response=ComplaintDetailOut, summary="One complaint (the reporter masked)")
def complaint_detail(request, pk: int):
    return _detail(get_for_user(Complaint, request.user, pk=pk), request.user)


@router.post("/complaints/{int:pk}/reporter", response=ReporterOut,
             summary="The reporter in full (roles with the permission; a reason; audited)")
def reporter_reveal(request, pk: int, payload: RevealIn):
    """Names the reporter of one complaint in full and records who asked, when and why (403 for roles
    without the permission to see personal data)."""
    c = get_for_user(Complaint, request.user, pk=pk)
    return services.reporter_reveal(complaint=c, reason=payload.reason, actor=request.user)


@router.post("/complaints/{int:pk}/transition", response=ComplaintDetailOut, summary="Make a workflow move")
def complaint_transition(request, pk: int, payload: TransitionIn):
    c = get_for_user(Complaint, request.user, "change", pk=pk)
    data = step_data(request.user, c, payload.to, {k: str(v) for k, v in payload.data.items()})
    c = services.complaint_transition(complaint=c, to=payload.to, data=data, actor=request.user)
    return _detail(c, request.user)


@router.post("/complaints/{int:pk}/extensions", response={201: dict}, summary="Request an extension (within the jurisdiction's maximum, 30 days by law)")
def extension_create(request, pk: int, payload: ExtensionIn):
    c = get_for_user(Complaint, request.user, "change", pk=pk)
    ext = services.extension_request(complaint=c, days=payload.days, reason=payload.reason, actor=request.user)
    return Status(201, {"id": ext.pk, "status": ext.status, "days": ext.days})


@router.get("/complaints/{int:pk}/duplicates", response=list[DuplicateOut], summary="Open complaints nearby, same category")
def duplicates(request, pk: int):
    c = get_for_user(Complaint, request.user, pk=pk)
    return [{"tracking_code": d.tracking_code, "id": d.pk, "distance_m": round(m, 1), "status": d.status,
             "received_at": d.received_at} for d, m in selectors.duplicates_of(request.user, c)]


@router.get("/overdue", response=list[ComplaintOut], summary="Complaints past a time limit")
@paginate(Pagination)
def overdue(request):
    return selectors.overdue(request.user)


@router.get("/due-soon", response=list[ComplaintOut], summary="Complaints whose time limit is near")
@paginate(Pagination)
def due_soon(request):
    return selectors.due_soon(request.user)


@router.get("/report", response=dict, summary="The monthly report (月报) as JSON")
def report(request, year: int, month: int):
    require(request.user, "view", Complaint)
    return monthly_report(selectors.complaints_for(request.user), year, month)
