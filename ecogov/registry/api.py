"""Registry API under /api/registry/: supervised objects, permits, registrations,
execution reports (with submission rates and the overdue list), Excel import."""

from ninja import File, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from ecogov.core.api_utils import ERRORS, STAFF_AUTH, Pagination, get_for_user
from ecogov.core.errors import field_error
from ecogov.core.models import Jurisdiction

from . import imports, selectors, services
from .models import ClassChange, ExecutionReport, Permit, Registration
from .schemas import (
    ClassChangeOut,
    ClassIn,
    ExecutionReportsIn,
    ObjectDetailOut,
    ObjectImportOut,
    ObjectIn,
    ObjectOut,
    ObjectPatch,
    ObjectQuery,
    PermitIn,
    PermitOut,
    PermitPatch,
    PermitQuery,
    PositiveListIn,
    RateOut,
    RegistrationIn,
    RegistrationOut,
    RegistrationPatch,
    RegistrationQuery,
    ReportOut,
    ReportQuery,
    ReportSubmitIn,
    SummaryOut,
)

router = Router(auth=STAFF_AUTH, tags=["registry"])


def _grid(code: str | None) -> Jurisdiction | None:
    if code is None:
        return None
    node = Jurisdiction.objects.filter(code=code).first()
    if node is None:
        raise field_error("jurisdiction", f"辖区代码 {code} 不存在", f"unknown jurisdiction code {code}")
    return node


def _object_data(payload, *, partial: bool) -> tuple[dict, str]:
    data = payload.dict(exclude_unset=partial)
    datum = data.pop("datum", "wgs84") or "wgs84"
    if "jurisdiction" in data:
        data["jurisdiction"] = _grid(data["jurisdiction"])
    return data, datum


@router.get("/summary", response=SummaryOut, summary="Headline figures of the registry in your jurisdiction")
def summary(request):
    return selectors.summary(request.user)


# --- supervised objects -------------------------------------------------------------------------


@router.get(
    "/objects",
    response=list[ObjectOut],
    summary="Supervised objects (filters: supervision_class, positive_list, district, q, ...)",
)
@paginate(Pagination)
def list_objects(request, filters: Query[ObjectQuery]):
    """Supervised objects in your jurisdiction; `{"count", "items"}`."""
    return selectors.object_list(user=request.user, params=request.GET, strict=True)


@router.post(
    "/objects",
    response={201: ObjectDetailOut, **ERRORS},
    summary="Create a supervised object (GCJ-02 input converted to WGS-84)",
)
def create_object(request, payload: ObjectIn):
    data, datum = _object_data(payload, partial=False)
    return Status(201, services.object_create(data=data, actor=request.user, datum=datum))


@router.post(
    "/objects/import",
    response={200: ObjectImportOut, **ERRORS},
    summary="Import supervised objects from .xlsx (all rows or none)",
)
def import_objects(request, file: File[UploadedFile]):
    """Import an .xlsx (the template's columns): every row or none; bad rows listed in `detail.rows`."""
    result = imports.objects_import(data=file.read(), actor=request.user)
    return {"created": result.created, "updated": result.updated}


@router.get("/objects/{int:pk}", response={200: ObjectDetailOut, **ERRORS}, summary="One supervised object")
def get_object(request, pk: int):
    return selectors.object_get(user=request.user, pk=pk)


@router.patch(
    "/objects/{int:pk}", response={200: ObjectDetailOut, **ERRORS}, summary="Update a supervised object"
)
def update_object(request, pk: int, payload: ObjectPatch):
    obj = selectors.object_get(user=request.user, pk=pk)
    data, datum = _object_data(payload, partial=True)
    return services.object_update(obj=obj, data=data, actor=request.user, datum=datum)


@router.post(
    "/objects/{int:pk}/class",
    response={200: ClassChangeOut, **ERRORS},
    summary="Set the A/B/C supervision class (kept in the class history)",
)
def set_class(request, pk: int, payload: ClassIn):
    obj = selectors.object_get(user=request.user, pk=pk)
    return services.object_set_class(obj=obj, actor=request.user, **payload.dict())


@router.get(
    "/objects/{int:pk}/class-history",
    response={200: list[ClassChangeOut], **ERRORS},
    summary="Class history of a supervised object",
)
def class_history(request, pk: int):
    obj = selectors.object_get(user=request.user, pk=pk)
    return ClassChange.objects.for_user(request.user).filter(supervised_object=obj)


@router.post(
    "/objects/{int:pk}/positive-list",
    response={200: ObjectDetailOut, **ERRORS},
    summary="Put on or take off the positive list",
)
def positive_list(request, pk: int, payload: PositiveListIn):
    """Put the object on (`on_list=true`) or take it off the positive list."""
    obj = selectors.object_get(user=request.user, pk=pk)
    if payload.on_list:
        services.positive_list_add(
            obj=obj, start_date=payload.date, reason=payload.reason, actor=request.user
        )
    else:
        services.positive_list_remove(
            obj=obj, end_date=payload.date, reason=payload.reason, actor=request.user
        )
    obj.refresh_from_db()
    return obj


# --- permits ------------------------------------------------------------------------------------


@router.get("/permits", response=list[PermitOut], summary="Discharge permits")
@paginate(Pagination)
def list_permits(request, filters: Query[PermitQuery]):
    return selectors.permit_list(user=request.user, params=request.GET, strict=True)


@router.post("/permits", response={201: PermitOut, **ERRORS}, summary="Create a discharge permit")
def create_permit(request, payload: PermitIn):
    data = payload.dict()
    obj = selectors.object_get(user=request.user, pk=data.pop("supervised_object"))
    return Status(201, services.permit_create(obj=obj, data=data, actor=request.user))


@router.get("/permits/{int:pk}", response={200: PermitOut, **ERRORS}, summary="One discharge permit")
def get_permit(request, pk: int):
    return get_for_user(Permit, request.user, pk=pk)


@router.patch("/permits/{int:pk}", response={200: PermitOut, **ERRORS}, summary="Update a discharge permit")
def update_permit(request, pk: int, payload: PermitPatch):
    permit = get_for_user(Permit, request.user, pk=pk)
    return services.permit_update(permit=permit, data=payload.dict(exclude_unset=True), actor=request.user)


@router.post(
    "/permits/{int:pk}/reports",
    response={200: list[ReportOut], **ERRORS},
    summary="Generate the execution reports a permit owes for a year",
)
def generate_reports(request, pk: int, payload: ExecutionReportsIn):
    """Create the execution reports the permit owes for `year` (by its frequencies and due rules)."""
    permit = get_for_user(Permit, request.user, pk=pk)
    services.execution_report_generate(permit=permit, year=payload.year, actor=request.user)
    return permit.reports.filter(period_start__year=payload.year).order_by("period_start", "frequency")


# --- registrations ------------------------------------------------------------------------------


@router.get("/registrations", response=list[RegistrationOut], summary="Discharge registrations")
@paginate(Pagination)
def list_registrations(request, filters: Query[RegistrationQuery]):
    return selectors.registration_list(user=request.user, params=request.GET, strict=True)


@router.post(
    "/registrations", response={201: RegistrationOut, **ERRORS}, summary="Create a discharge registration"
)
def create_registration(request, payload: RegistrationIn):
    data = payload.dict()
    if data.get("supervised_object") is not None:
        data["supervised_object"] = selectors.object_get(user=request.user, pk=data["supervised_object"])
    data["jurisdiction"] = _grid(data.get("jurisdiction"))
    if data["jurisdiction"] is None:
        data.pop("jurisdiction")
    return Status(201, services.registration_create(data=data, actor=request.user))


@router.get(
    "/registrations/{int:pk}", response={200: RegistrationOut, **ERRORS}, summary="One discharge registration"
)
def get_registration(request, pk: int):
    return get_for_user(Registration, request.user, pk=pk)


@router.patch(
    "/registrations/{int:pk}",
    response={200: RegistrationOut, **ERRORS},
    summary="Update a discharge registration",
)
def update_registration(request, pk: int, payload: RegistrationPatch):
    registration = get_for_user(Registration, request.user, pk=pk)
    data = payload.dict(exclude_unset=True)
    return services.registration_update(registration=registration, data=data, actor=request.user)


# --- execution reports --------------------------------------------------------------------------


@router.get(
    "/reports",
    response=list[ReportOut],
    summary="Execution reports (filters: frequency, year, state, district)",
)
@paginate(Pagination)
def list_reports(request, filters: Query[ReportQuery]):
    return selectors.report_list(user=request.user, params=request.GET, strict=True)


@router.get(
    "/reports/rates",
    response={200: list[RateOut], **ERRORS},
    summary="Execution-report submission rate per period (computed)",
)
def report_rates(request, frequency: str | None = None, year: int | None = None, district: str = ""):
    """Submission rate per period, computed from the execution reports due by today."""
    return selectors.submission_rates(user=request.user, frequency=frequency, year=year, district=district)


@router.get("/reports/overdue", response=list[ReportOut], summary="Overdue execution reports")
@paginate(Pagination)
def overdue(request, filters: Query[ReportQuery]):
    return selectors.overdue_reports(user=request.user, params=request.GET)


@router.get("/reports/{int:pk}", response={200: ReportOut, **ERRORS}, summary="One execution report")
def get_report(request, pk: int):
    return get_for_user(ExecutionReport, request.user, pk=pk)


@router.post(
    "/reports/{int:pk}/submit",
    response={200: ReportOut, **ERRORS},
    summary="Record an execution report's submission",
)
def submit_report(request, pk: int, payload: ReportSubmitIn):
    report = get_for_user(ExecutionReport, request.user, pk=pk)
    return services.execution_report_submit(
        report=report, submitted_date=payload.submitted_date, actor=request.user
    )
