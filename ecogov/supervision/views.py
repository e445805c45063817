"""Staff pages: plans and their draws, inspections, off-site checks, the item
list and the coverage report. Thin: load through selectors, call one service."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecogov.core.api_utils import get_for_user
from ecogov.core.errors import DomainError, NotFound
from ecogov.core.params import id_param, year_param
from ecogov.core.permissions import role_allows
from ecogov.registry import selectors as registry_selectors

from . import selectors, services, tables
from .choices import InspectionResult, OffsiteMethod, OffsiteResult, PlanStatus, Scheme
from .listing import error_text, list_page
from .models import DrawnObject, Inspection, InspectionPlan
from .workflow import PLAN_WORKFLOW


def _load(model, user, action="view", **lookup):
    try:
        return get_for_user(model, user, action, **lookup)
    except NotFound as exc:
        raise Http404 from exc


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@login_required
def plan_list(request):
    return list_page(
        request, queryset=selectors.plans_for(request.user, request.GET), columns=tables.PLAN_COLUMNS,
        template="supervision/plan_list.html", title=_("Double-random plans"), filename="plans",
        extra={"statuses": PlanStatus.choices(), "schemes": Scheme.choices(),
               "jurisdictions": selectors.plan_jurisdictions(request.user)},
    )


@login_required
@require_POST
def plan_create(request):
    post = request.POST
    try:
        jurisdiction = selectors.plan_jurisdiction(request.user, pk=post.get("jurisdiction"))
        if jurisdiction is None:
            raise Http404
        plan = services.plan_create(
            jurisdiction=jurisdiction, year=int(post.get("year") or 0), quarter=int(post["quarter"]) if post.get("quarter") else None,
            level=post.get("level") or "city", scheme=post.get("scheme") or Scheme.JIANGXI, actor=request.user)
    except (DomainError, ValueError) as exc:
        messages.error(request, error_text(exc))
        return redirect("supervision:plan_list")
    return redirect("supervision:plan_detail", pk=plan.pk)


@login_required
def plan_detail(request, pk: int):
    plan = _load(InspectionPlan, request.user, pk=pk)
    drawn = selectors.drawn_for(request.user, plan)
    if request.GET.get("export") == "xlsx":
        from .listing import xlsx_response

        return xlsx_response(tables.drawn_columns(False), drawn, f"drawn-{plan.code}")
    buttons = [(new, PLAN_WORKFLOW.transitions[(plan.status, new)]) for new in PLAN_WORKFLOW.allowed(plan, request.user)]
    return render(request, "supervision/plan_detail.html", {
        "plan": plan, "drawn": drawn, "columns": tables.drawn_columns(False), "buttons": buttons,
        "inclusions": plan.inclusions.select_related("supervised_object", "approved_by"),
        "positive_objects": selectors.positive_list_choices(request.user) if plan.status == PlanStatus.DRAFT else [],
        "can_inspect": request.user.is_superuser or role_allows(request.user.role, "inspect", Inspection),
    })


@login_required
@require_POST
def plan_transition(request, pk: int):
    plan = _load(InspectionPlan, request.user, pk=pk)
    new = request.POST.get("to", "")
    actions = {PlanStatus.APPROVED: services.plan_approve, PlanStatus.DRAWN: services.plan_draw,
               PlanStatus.PUBLISHED: services.plan_publish}
    try:
        if new == PlanStatus.CANCELLED:
            services.plan_cancel(plan=plan, note=request.POST.get("note", ""), actor=request.user)
        elif new in actions:
            actions[new](plan=plan, actor=request.user)
        else:
            raise Http404
        messages.success(request, _("Done."))
    except DomainError as exc:
        messages.error(request, error_text(exc))
    return redirect("supervision:plan_detail", pk=plan.pk)


@login_required
@require_POST
def plan_ratios(request, pk: int):
    plan = _load(InspectionPlan, request.user, pk=pk)
    ratios = {k[6:]: v.strip() for k, v in request.POST.items() if k.startswith("ratio_") and v.strip()}
    try:
        services.plan_update_ratios(plan=plan, ratios=ratios, actor=request.user)
    except DomainError as exc:
        messages.error(request, error_text(exc))
    return redirect("supervision:plan_detail", pk=plan.pk)


@login_required
@require_POST
def plan_include(request, pk: int):
    plan = _load(InspectionPlan, request.user, pk=pk)
    obj = registry_selectors.object_get(user=request.user, pk=request.POST.get("supervised_object"))  # else 404
    try:
        services.plan_include_positive(plan=plan, supervised_object=obj, reason=request.POST.get("reason", ""),
                                       actor=request.user)
    except DomainError as exc:
        messages.error(request, error_text(exc))
    return redirect("supervision:plan_detail", pk=plan.pk)


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
    return list_page(
        request, queryset=selectors.inspections_for(request.user, request.GET), columns=tables.INSPECTION_COLUMNS,
        template="supervision/inspection_list.html", title=_("Inspections"), filename="inspections",
        extra={"results": InspectionResult.choices()},
    )


def _findings(post) -> list[dict]:
    from .forms import FreeInspectionForm

    return FreeInspectionForm(data=post).findings()


@login_required
def inspection_new(request):
    drawn = None
    drawn_id = id_param(request.GET.get("drawn") or request.POST.get("drawn"), name="drawn")
    if drawn_id:
        drawn = _load(DrawnObject, request.user, pk=drawn_id)
    officers = selectors.officer_choices()
    ctx = {"drawn": drawn, "officers": officers, "results": InspectionResult.choices()[1:],
           "points": selectors.checklist_points(drawn.plan if drawn else None),
           "today": timezone.localdate()}
    if request.method == "POST":
        post = request.POST
        try:
            obj = drawn.supervised_object if drawn else registry_selectors.object_by_uscc(
                user=request.user, uscc=post.get("uscc", ""))
            insp = services.inspection_record(
                supervised_object=obj, drawn=drawn, date=_date(post.get("date")), result=post.get("result", ""),
                officers=list(officers.filter(pk__in=post.getlist("officers"))), findings=_findings(post),
                summary=post.get("summary", ""), rectify_deadline=_date(post.get("rectify_deadline")),
                violation=post.get("violation", ""), attachments=request.FILES.getlist("attachments"),
                actor=request.user)
            messages.success(request, _("Inspection recorded."))
            return redirect("supervision:inspection_detail", pk=insp.pk)
        except (DomainError, ValueError) as exc:
            ctx["error"] = error_text(exc)
    if drawn is not None:
        ctx["preset_officers"] = set(drawn.officers.values_list("pk", flat=True))
    return render(request, "supervision/inspection_form.html", ctx)


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
        try:
            obj = registry_selectors.object_by_uscc(user=request.user, uscc=request.POST.get("uscc", ""))
            services.offsite_check_record(supervised_object=obj, date=_date(request.POST.get("date")),
                                          method=request.POST.get("method", ""), result=request.POST.get("result", ""),
                                          note=request.POST.get("note", ""), actor=request.user)
            messages.success(request, _("Off-site check recorded."))
        except (DomainError, ValueError) as exc:
            messages.error(request, error_text(exc))
        return redirect("supervision:offsite_list")
    return list_page(
        request, queryset=selectors.offsite_for(request.user, request.GET), columns=tables.OFFSITE_COLUMNS,
        template="supervision/offsite_list.html", title=_("Off-site checks"), filename="offsite-checks",
        extra={"methods": OffsiteMethod.choices(), "offsite_results": OffsiteResult.choices()},
    )


@login_required
def item_list(request):
    return list_page(request, queryset=selectors.items_current(), columns=tables.ITEM_COLUMNS,
                     template="supervision/item_list.html", title=_("Inspection item list"), filename="items")


@login_required
def coverage(request):
    year = year_param(request.GET.get("year"), timezone.localdate().year)
    return render(request, "supervision/coverage.html", {"report": selectors.coverage(request.user, year)})
