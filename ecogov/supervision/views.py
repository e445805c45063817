"""Staff pages: plans and their draws, inspections, off-site checks, the item
list and the coverage report. Lists are core ListPages (``selectors.PLANS`` ...);
every POST goes through ``core.pages.action`` or ``form_action``; the plan page
shows the workflow's steps and the flags ``selectors.plan_flags`` computes."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecogov.core.api_utils import get_for_user
from ecogov.core.errors import NotFound
from ecogov.core.pages import action, form_action, table_response
from ecogov.core.params import id_param, year_param
from ecogov.registry import selectors as registry_selectors

from . import selectors, services, tables
from .choices import InspectionResult, OffsiteMethod, OffsiteResult, PlanLevel, Scheme
from .forms import FreeInspectionForm
from .models import DrawnObject, Inspection, InspectionPlan
from .workflow import PLAN_WORKFLOW

DRAWN_PAGE = 200  # a plan's whole drawn list on one page


def _load(model, user, action="view", **lookup):
    try:
        return get_for_user(model, user, action, **lookup)
    except NotFound as exc:
        raise Http404 from exc


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _plan_url(plan) -> str:
    return plan.get_absolute_url()


@login_required
def plan_list(request):
    return selectors.PLANS.response(request, extra={
        "schemes": Scheme.choices(), "levels": PlanLevel.choices(), "quarters": (1, 2, 3, 4),
        "jurisdictions": selectors.plan_jurisdictions(request.user), "link_column": 1,
        "may_create": selectors.may_create_plan(request.user),
    })


@login_required
@require_POST
def plan_create(request):
    post, user = request.POST, request.user

    def create():
        jurisdiction = selectors.plan_jurisdiction(user, pk=post.get("jurisdiction"))
        if jurisdiction is None:
            raise Http404
        return services.plan_create(
            jurisdiction=jurisdiction, year=int(post.get("year") or 0),
            quarter=int(post["quarter"]) if post.get("quarter") else None,
            level=post.get("level") or PlanLevel.CITY, scheme=post.get("scheme") or Scheme.JIANGXI, actor=user)

    return action(request, create, then=_plan_url, back="supervision:plan_list")


def _steps(plan, user) -> list[dict]:
    """The moves ``user`` may make on ``plan`` now (from the workflow), each with the form of its inputs."""
    return [{"to": s.to, "label": s.label, "form": s.form(prefix=None, auto_id=False)}
            for s in PLAN_WORKFLOW.steps(plan, user)]


@login_required
def plan_detail(request, pk: int):
    plan = _load(InspectionPlan, request.user, pk=pk)
    columns = tables.drawn_columns(False)
    may = selectors.plan_flags(request.user, plan)
    return table_response(
        request, selectors.drawn_for(request.user, plan), columns, title=plan.name, filename=f"drawn-{plan.code}",
        template="supervision/plan_detail.html", model=DrawnObject, page_size=DRAWN_PAGE, extra={
            "plan": plan, "steps": _steps(plan, request.user), "may": may,
            "inclusions": plan.inclusions.select_related("supervised_object", "approved_by"),
            "positive_objects": selectors.positive_list_choices(request.user) if may["include_positive"] else [],
        })


@login_required
@require_POST
def plan_transition(request, pk: int):
    plan = _load(InspectionPlan, request.user, pk=pk)
    new = request.POST.get("to", "")
    step = PLAN_WORKFLOW.step(plan, new, request.user)
    form = step.form(request.POST, prefix=None) if step else None
    note = form.cleaned_data.get("note", "") if form is not None and form.is_valid() else ""
    return action(request, lambda: services.plan_move(plan=plan, to=new, note=note, actor=request.user),
                  then=_plan_url(plan))


@login_required
@require_POST
def plan_ratios(request, pk: int):
    plan = _load(InspectionPlan, request.user, pk=pk)
    ratios = {k[6:]: v.strip() for k, v in request.POST.items() if k.startswith("ratio_") and v.strip()}
    return action(request, lambda: services.plan_update_ratios(plan=plan, ratios=ratios, actor=request.user),
                  then=_plan_url(plan), done=_("Saved."))


@login_required
@require_POST
def plan_include(request, pk: int):
    plan = _load(InspectionPlan, request.user, pk=pk)
    obj = registry_selectors.object_get(user=request.user, pk=request.POST.get("supervised_object"))  # else 404
    return action(request, lambda: services.plan_include_positive(
        plan=plan, supervised_object=obj, reason=request.POST.get("reason", ""), actor=request.user,
    ), then=_plan_url(plan), done=_("Saved."))


@login_required
def plan_snapshot(request, pk: int):
    """The frozen pool (snapshot document) for ``verify-draw``; staff may fetch it once approved."""
    plan = _load(InspectionPlan, request.user, pk=pk)
    if not plan.snapshot:
        raise Http404
    resp = HttpResponse(plan.snapshot.encode("utf-8"), content_type="text/plain; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="{plan.code}-pool.txt"'
    return resp


@login_required
def inspection_list(request):
    return selectors.INSPECTIONS.response(request, extra={"may_inspect": selectors.may_inspect(request.user)})


@login_required
def inspection_new(request):
    drawn = None
    drawn_id = id_param(request.GET.get("drawn") or request.POST.get("drawn"), name="drawn")
    if drawn_id:
        drawn = _load(DrawnObject, request.user, pk=drawn_id)
    form = FreeInspectionForm(request.POST or None, request.FILES or None)

    def record(_data):
        obj = drawn.supervised_object if drawn else registry_selectors.object_by_uscc(
            user=request.user, uscc=request.POST.get("uscc", ""))
        return services.inspection_record(supervised_object=obj, drawn=drawn, actor=request.user,
                                          **form.service_kwargs())

    preset = form.selected_officers() if form.is_bound else (
        set(drawn.officers.values_list("pk", flat=True)) if drawn is not None else set())
    return form_action(request, form, record, then=lambda insp: insp.get_absolute_url(),
                       template="supervision/inspection_form.html", done=_("Inspection recorded."), context={
                           "drawn": drawn, "officers": selectors.officer_choices(), "today": timezone.localdate(),
                           "results": InspectionResult.choices()[1:], "preset_officers": preset,
                           "points": form.finding_rows(selectors.checklist_points(drawn.plan if drawn else None)),
                       })


@login_required
def inspection_detail(request, pk: int):
    insp = _load(Inspection, request.user, pk=pk)
    attachments = selectors.inspection_attachments(insp)
    return render(request, "supervision/inspection_detail.html", {
        "insp": insp, "findings": insp.findings.all(), "attachments": attachments,
    })


@login_required
def inspection_attachment(request, pk: int, att: int):
    """Download one attachment of an inspection the user may see."""
    insp = _load(Inspection, request.user, pk=pk)
    attachment = selectors.inspection_attachments(insp).filter(pk=att).first()
    if attachment is None:
        raise Http404
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name,
                        content_type=attachment.mime_type or "application/octet-stream")


@login_required
def offsite_list(request):
    if request.method == "POST":
        return action(request, lambda: services.offsite_check_record(
            supervised_object=registry_selectors.object_by_uscc(user=request.user, uscc=request.POST.get("uscc", "")),
            date=_date(request.POST.get("date")), method=request.POST.get("method", ""),
            result=request.POST.get("result", ""), note=request.POST.get("note", ""), actor=request.user,
        ), then="supervision:offsite_list", done=_("Off-site check recorded."))
    return selectors.OFFSITE.response(request, extra={
        "methods": OffsiteMethod.choices(), "offsite_results": OffsiteResult.choices(),
        "may_inspect": selectors.may_inspect(request.user),
    })


@login_required
def item_list(request):
    return selectors.ITEMS.response(request)


@login_required
def coverage(request):
    year = year_param(request.GET.get("year"), timezone.localdate().year)
    return render(request, "supervision/coverage.html", {"report": selectors.coverage(request.user, year)})
