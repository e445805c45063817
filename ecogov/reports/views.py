"""Briefing pages: choose type, period and area -> preview (every figure linked to its
source) -> generate -> download .docx/PDF -> issue; the archive; the types' editor."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ecogov.core.errors import DomainError, NotFound, PermissionRefused
from ecogov.core.pages import action, form_action
from ecogov.core.permissions import require, role_allows

from . import charts, engine, output, periods, selectors, services
from .choices import PERIOD_OF, DocKind
from .forms import ChooseForm, TypeForm
from .models import Briefing, BriefingType
from .views_common import CONTENT_TYPES, file_response, jurisdiction_by_code, period_or_422


def _require(user, act: str, model=Briefing) -> None:
    try:
        require(user, act, model)
    except PermissionRefused as exc:
        raise PermissionDenied(str(exc)) from exc


def _load(request, pk: int, act: str = "view") -> Briefing:
    try:
        return selectors.briefing_get(user=request.user, pk=pk, action=act)
    except NotFound as exc:
        raise Http404 from exc


def _may(user, act: str) -> bool:
    return bool(user.is_superuser or role_allows(user.role, act, Briefing))


def _choose_form(request, data=None) -> ChooseForm:
    kind = (data or {}).get("kind") or DocKind.MONTHLY
    kind = kind if kind in DocKind.values() else DocKind.MONTHLY
    initial = {"kind": kind, "period": periods.previous(PERIOD_OF[kind], timezone.localdate()).code}
    return ChooseForm(data, initial=initial, jurisdictions=selectors.jurisdictions_for(request.user))


@login_required
def index(request):
    _require(request.user, "view")
    drafts = selectors.briefings_for(request.user).filter(status="draft")[:10]
    return render(request, "reports/index.html", {
        "form": _choose_form(request), "types": selectors.types_for(request.user), "drafts": drafts,
        "defaults": {k: periods.previous(p, timezone.localdate()).code for k, p in PERIOD_OF.items()},
    })


def _choice(request, params):
    kind = params.get("kind", "")
    period = period_or_422(kind, params.get("period", ""))
    return services.type_for(kind), period, jurisdiction_by_code(request.user, params.get("jurisdiction"))


@login_required
def preview(request):
    _require(request.user, "view")
    form = _choose_form(request, request.GET)
    try:
        btype, period, j = _choice(request, request.GET)
        content = selectors.preview(user=request.user, btype=btype, jurisdiction=j, period=period)
    except DomainError as exc:
        return render(request, "reports/index.html", {"form": form, "error": exc.message,
                                                      "types": selectors.types_for(request.user)}, status=422)
    return render(request, "reports/preview.html", {
        "form": form, "content": content, "sections": selectors.sections_view(content), "params": request.GET,
        "figures": engine.figures_of(content), "may_generate": _may(request.user, "add"),
    })


@login_required
@require_POST
def generate(request):
    def call():
        btype, period, j = _choice(request, request.POST)
        return services.briefing_generate(user=request.user, kind=btype.kind, period=period.code, jurisdiction=j)

    return action(request, call, then=lambda b: b.get_absolute_url(), back="reports:index", done="已生成简报草稿。")


@login_required
def archive(request):
    _require(request.user, "view")
    return selectors.ARCHIVE.response(request)


@login_required
def briefing_detail(request, pk: int):
    b = _load(request, pk)
    return render(request, "reports/briefing_detail.html", {
        "b": b, "sections": selectors.sections_view(b.content), "figures": engine.figures_of(b.content),
        "versions": selectors.versions(b), "may_issue": _may(request.user, "approve") and b.status == "draft",
        "may_delete": _may(request.user, "change") and b.status == "draft", "today": timezone.localdate(),
    })


@login_required
@require_POST
def briefing_issue(request, pk: int):
    b = _load(request, pk)
    office = request.POST.get("issuing_office", "").strip()
    raw = request.POST.get("number", "").strip()
    number = int(raw) if raw.isdigit() else None
    return action(request, lambda: services.briefing_issue(user=request.user, briefing=b, issuing_office=office,
                                                           number=number),
                  then=b.get_absolute_url(), done="已印发。")


@login_required
@require_POST
def briefing_delete(request, pk: int):
    b = _load(request, pk, "change")
    return action(request, lambda: services.briefing_delete(user=request.user, briefing=b),
                  then="reports:archive", back=b.get_absolute_url(), done="已删除草稿。")


@login_required
@require_POST
def briefing_pdf(request, pk: int):
    """Make the PDF now when the background conversion has not (yet) written it."""
    b = _load(request, pk)
    return action(request, lambda: services.briefing_render_pdf(briefing_id=b.pk),
                  then=b.get_absolute_url(), done="PDF 已生成。")


@login_required
def briefing_file(request, pk: int, fmt: str):
    if fmt not in CONTENT_TYPES:
        raise Http404
    b = _load(request, pk)
    try:
        return file_response(b, fmt)
    except NotFound as exc:
        raise Http404 from exc


@login_required
def briefing_chart(request, pk: int, key: str, n: int):
    """A chart of a stored briefing as the document has it (drawn from its frozen content)."""
    b = _load(request, pk)
    sec = next((s for s in b.content.get("sections", []) if s.get("key") == key), None)
    if sec is None or not 0 <= n < len(sec.get("charts", [])):
        raise Http404
    return HttpResponse(charts.render_png(sec["charts"][n]), content_type="image/png")


@login_required
def type_list(request):
    _require(request.user, "view", BriefingType)
    return render(request, "reports/type_list.html", {
        "types": [(t, engine.chosen_sections(t)) for t in selectors.types_for(request.user)],
        "may_change": request.user.is_superuser or role_allows(request.user.role, "change", BriefingType),
    })


def _type(request, kind: str) -> BriefingType:
    try:
        return selectors.type_get(user=request.user, kind=kind)
    except NotFound as exc:
        raise Http404 from exc


@login_required
def type_edit(request, kind: str):
    btype = _type(request, kind)
    choices = selectors.section_choices(btype)
    initial = {f: getattr(btype, f) for f in ("name", "issuing_office", "foreword", "copy_to")}
    form = TypeForm(request.POST or None, request.FILES or None, initial=initial,
                    section_keys=[c["key"] for c in choices])
    if request.method == "POST":
        _require(request.user, "change", BriefingType)
    return form_action(request, form, lambda data: services.type_update(user=request.user, btype=btype, data=data),
                       then="reports:type_list", template="reports/type_edit.html",
                       context={"btype": btype, "choices": choices}, done="已保存。")


@login_required
def type_template(request, kind: str):
    btype = _type(request, kind)
    resp = HttpResponse(output.template_bytes(btype), content_type=CONTENT_TYPES["docx"])
    resp["Content-Disposition"] = f'attachment; filename="template-{kind}.docx"'
    return resp
