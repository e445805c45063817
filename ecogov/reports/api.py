"""Briefings API under /api/reports/: types, a preview of the content, generating a draft,
issuing it, the archive (filters as on the page) and the files."""


from django.http import FileResponse
from ninja import Query, Router
from ninja.pagination import paginate

from ecogov.core.api_utils import ERRORS, STAFF_AUTH, Pagination
from ecogov.core.errors import ValidationFailed
from ecogov.core.permissions import require

from . import engine, selectors, services
from .models import Briefing
from .schemas import BriefingDetailOut, BriefingOut, BriefingQuery, GenerateIn, IssueIn, TypeOut
from .views_common import file_response, jurisdiction_by_code, period_or_422

router = Router(auth=STAFF_AUTH, tags=["reports"])


@router.get("/types", response=list[TypeOut], summary="Briefing types with their sections in order")
def list_types(request):
    require(request.user, "view", Briefing)
    return [{"kind": t.kind, "name": t.name, "issuing_office": t.issuing_office, "has_template": bool(t.template),
             "sections": [s.key for s in engine.chosen_sections(t)]} for t in selectors.types_for(request.user)]


@router.get("/preview", response={200: dict, **ERRORS},
            summary="What a briefing would hold now: sections, figures with their rule, rows, as-of and coverage")
def preview(request, kind: str, period: str, jurisdiction: str | None = None):
    require(request.user, "view", Briefing)
    btype = services.type_for(kind)
    j = jurisdiction_by_code(request.user, jurisdiction)
    return selectors.preview(user=request.user, btype=btype, jurisdiction=j, period=period_or_422(kind, period))


@router.post("/briefings", response={201: BriefingOut, **ERRORS}, summary="Generate a draft briefing (.docx, PDF)")
def generate(request, payload: GenerateIn):
    j = jurisdiction_by_code(request.user, payload.jurisdiction)
    return 201, services.briefing_generate(user=request.user, kind=payload.kind, period=payload.period,
                                           jurisdiction=j)


@router.get("/briefings", response=list[BriefingOut], summary="The archive (filters: kind, status, period, year)")
@paginate(Pagination)
def list_briefings(request, filters: Query[BriefingQuery]):
    fs = selectors.ARCHIVE.filter(request.user, {k: v for k, v in filters.dict().items() if v not in (None, "")})
    if fs.is_bound and not fs.is_valid():
        raise ValidationFailed("bad_filter", "筛选条件有误", "Invalid filter",
                               detail={"errors": {k: [str(m) for m in v] for k, v in fs.errors.items()}})
    return fs.qs


@router.get("/briefings/{int:pk}", response={200: BriefingDetailOut, **ERRORS}, summary="One briefing with its content")
def get_briefing(request, pk: int):
    return selectors.briefing_get(user=request.user, pk=pk)


@router.post("/briefings/{int:pk}/issue", response={200: BriefingOut, **ERRORS},
             summary="Issue (印发) a draft: next number, date, office, frozen content, SHA-256 of the files")
def issue(request, pk: int, payload: IssueIn):
    briefing = selectors.briefing_get(user=request.user, pk=pk)
    return services.briefing_issue(user=request.user, briefing=briefing, issued_date=payload.issued_date,
                                   issuing_office=payload.issuing_office, number=payload.number)


def _download(request, pk: int, fmt: str) -> FileResponse:
    return file_response(selectors.briefing_get(user=request.user, pk=pk), fmt)


@router.get("/briefings/{int:pk}/docx", response={200: None, **ERRORS}, summary="The editable .docx file")
def download_docx(request, pk: int) -> FileResponse:
    return _download(request, pk, "docx")


@router.get("/briefings/{int:pk}/pdf", response={200: None, **ERRORS}, summary="The archival PDF file")
def download_pdf(request, pk: int) -> FileResponse:
    return _download(request, pk, "pdf")
