"""Staff pages: complaint list (core's page kit: filters, pagination, export), intake,
the complaint page with workflow buttons, deadlines, duplicates and history,
the inspection or penalty case a complaint opens, and the category tree. Every POST goes
through ``core.pages.action`` or ``form_action``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecogov.core.api_utils import get_for_user
from ecogov.core.errors import NotFound, PermissionRefused
from ecogov.core.pages import action, form_action
from ecogov.core.permissions import require
from ecogov.core.validators import uscc_problem
from ecogov.supervision import selectors as supervision
from ecogov.supervision import services as supervision_services

from . import selectors, services
from .choices import NO_INSPECTION_STATES
from .forms import (
    CategoryForm,
    ExtensionForm,
    PenaltyCaseForm,
    RateForm,
    RevealForm,
    StaffComplaintForm,
    step_data,
    step_forms,
)
from .models import Complaint, ComplaintCategory, ComplaintExtension
from .rewards import selectors as rewards

#: Buttons of the list page's toolbar (url name, label): the report, rewards, open days and categories.
EXTRA_LINKS = [
    ("complaints:report_monthly", gettext_lazy("Monthly report")),
    ("complaints:reward_list", gettext_lazy("Rewards")),
    ("outreach:openday_list", gettext_lazy("Open days")),
    ("complaints:category_list", gettext_lazy("Categories")),
]

# --- helpers of every complaint page (also used by the rewards and report pages) -------------------

def require_page(user, action: str, model=None) -> None:
    """The core permission check for a page: a refusal answers 403 (``PermissionDenied``), not a 500."""
    try:
        require(user, action, model)
    except PermissionRefused as exc:
        raise PermissionDenied(str(exc)) from exc


def load(request, pk, action="view", model=Complaint):
    """The object ``pk`` of ``model`` inside the user's scope for ``action``, else 404."""
    try:
        return get_for_user(model, request.user, action, pk=pk)
    except NotFound as exc:
        raise Http404 from exc


def _links():
    out = []
    for name, label in EXTRA_LINKS:
        try:
            reverse(name)
        except NoReverseMatch:
            continue
        out.append((name, label))
    return out


# --- the list, intake and the complaint page ---------------------------------------------------------

def detail_url(pk: int) -> str:
    return reverse("complaints:complaint_detail", args=[pk])


@login_required
def complaint_list(request):
    require_page(request.user, "view", Complaint)
    return selectors.COMPLAINTS.response(request, extra={"extra_links": _links(), "link_column": 1})


@login_required
def complaint_create(request):
    """Staff intake: 12369 hotline, letters, visits and transfers from higher authorities."""
    require_page(request.user, "add", Complaint)
    form = StaffComplaintForm(request.POST or None, user=request.user)
    return form_action(
        request, form, lambda data: services.complaint_register(data=data, photos=request.FILES.getlist("photos"),
                                                                actor=request.user),
        then=lambda c: detail_url(c.pk), template="complaints/complaint_form.html", done=_("Complaint registered."),
    )


REVEAL_SECONDS = 300


def _revealed(request, c) -> dict | None:
    """The reporter in full, once, on the page view right after this user's audited reveal (within five
    minutes); every later view is masked again, so each full view has its audit row."""
    shown = dict(request.session.get("complaints_revealed", {}))
    at = shown.pop(str(c.pk), None)
    if at is None:
        return None
    request.session["complaints_revealed"] = shown
    if timezone.now().timestamp() - at > REVEAL_SECONDS or not selectors.may_reveal(request.user):
        return None
    return selectors.reporter_view(c, request.user)


@login_required
def complaint_detail(request, pk: int):
    c = load(request, pk)
    flags = selectors.page_flags(request.user, c)
    return render(request, "complaints/complaint_detail.html", {
        "c": c,
        "reporter": _revealed(request, c) or selectors.reporter_masked(c),
        "clocks": selectors.clocks(c),
        "steps": step_forms(c, request.user),
        "flags": flags,
        "extension_form": ExtensionForm(max_days=flags["extension_days"]) if flags["extension_days"] else None,
        "rate_form": RateForm() if flags["rate"] else None,
        "reveal_form": RevealForm() if flags["reveal"] else None,
        "penalty_form": PenaltyCaseForm() if flags["penalty_case"] else None,
        "duplicates": selectors.duplicates_of(request.user, c) if flags["merge"] else [],
        "merged": selectors.complaints_for(request.user).filter(merged_into=c),
        "extensions": c.extensions.select_related("requested_by", "decided_by"),
        "links": selectors.links_of(c),
        "attachments": selectors.attachments_of(c),
        "reward": rewards.reward_panel(request.user, c),
        "can_inspect": supervision.may_inspect(request.user) and c.status not in NO_INSPECTION_STATES,
    })


@login_required
@require_POST
def reporter_reveal(request, pk: int):
    """Show the reporter in full on this page (roles with the permission; a reason; audited)."""
    c = load(request, pk)

    def reveal():
        services.reporter_reveal(complaint=c, reason=request.POST.get("reason", "")[:200], actor=request.user)
        shown = request.session.get("complaints_revealed", {})
        request.session["complaints_revealed"] = {**shown, str(c.pk): timezone.now().timestamp()}

    return action(request, reveal, then=detail_url(pk), done=_("The reporter is shown in full; this view is recorded."))


@login_required
@require_POST
def complaint_transition(request, pk: int, to: str):
    c = load(request, pk, "change")
    return action(request, lambda: services.complaint_transition(
        complaint=c, to=to, data=step_data(request.user, c, to, request.POST), actor=request.user),
        then=detail_url(pk))


@login_required
@require_POST
def complaint_merge_into(request, pk: int, target: int):
    """Merge the duplicate ``pk`` into ``target`` (the button of the duplicates panel)."""
    c = load(request, pk, "change")
    t = load(request, target, "change")
    return action(request, lambda: services.complaint_merge(complaint=c, target=t, actor=request.user),
                  then=detail_url(target))


@login_required
@require_POST
def extension_request(request, pk: int):
    c = load(request, pk, "change")
    days = request.POST.get("days", "").strip()
    return action(request, lambda: services.extension_request(
        complaint=c, days=int(days) if days.isdigit() else 0, reason=request.POST.get("reason", ""),
        actor=request.user), then=detail_url(pk))


@login_required
@require_POST
def extension_decide(request, pk: int):
    ext = load(request, pk, "view", model=ComplaintExtension)
    return action(request, lambda: services.extension_decide(
        extension=ext, approve=request.POST.get("approve") == "1", note=request.POST.get("note", "")[:500],
        actor=request.user), then=detail_url(ext.complaint_id))


@login_required
@require_POST
def complaint_rate(request, pk: int):
    c = load(request, pk, "change")
    return action(request, lambda: services.complaint_rate(
        complaint=c, satisfaction=request.POST.get("satisfaction", ""), actor=request.user), then=detail_url(pk))


# --- what the complaint opens: a penalty case, an on-site inspection ---------------------------------

@login_required
@require_POST
def complaint_penalty_case(request, pk: int):
    """Open a penalty case against the enterprise named by its USCC and link it to the complaint."""
    c = load(request, pk, "change")

    def go():
        obj = selectors.object_by_uscc(request.user, request.POST.get("uscc", "").strip())
        if obj is None:
            raise NotFound("监管对象", "supervised object")
        return services.complaint_open_penalty_case(complaint=c, supervised_object=obj,
                                                    facts=request.POST.get("facts", ""), actor=request.user)

    return action(request, go, then=detail_url(pk), done=_("Penalty case opened and linked to the complaint."))


def _require_inspect(user) -> None:
    if not supervision.may_inspect(user):
        raise PermissionDenied


def _chosen_object(request):
    """``(object, error)``: the object named by ``object`` (id) or ``uscc``; out of scope or unknown -> 404."""
    source = request.POST if request.method == "POST" else request.GET
    pk, uscc = source.get("object", ""), source.get("uscc", "").strip().upper()
    if pk:
        obj = selectors.object_for(request.user, pk=pk)
    elif uscc:
        problem = uscc_problem(uscc)
        if problem:
            reason = problem[1] if (get_language() or "zh").startswith("en") else problem[0]
            return None, _("Unified social credit code: %(reason)s") % {"reason": reason}
        obj = selectors.object_for(request.user, uscc=uscc)
    else:
        return None, ""
    if obj is None:
        raise Http404
    return obj, ""


@login_required
def complaint_inspection(request, pk: int):
    """Choose the object (by USCC or among those near the complaint, nearest first, in the user's scope),
    then record its inspection with supervision's form and rules, linked to the complaint in the same
    transaction; on success land on the inspection page."""
    c = load(request, pk, "change")
    _require_inspect(request.user)
    obj, chooser_error = _chosen_object(request)
    if request.method == "POST" and obj is None:
        raise Http404
    form = None if obj is None else supervision_services.free_inspection_form(request.POST or None,
                                                                               request.FILES or None)
    context = {
        "c": c, "obj": obj, "chooser_error": chooser_error, "form": form,
        "near": selectors.objects_near(request.user, c),
        "existing": selectors.inspections_to_link(request.user, c, obj) if obj is not None else [],
        "officers": supervision.officer_choices(), "results": form.fields["result"].choices if form else [],
        "points": form.finding_rows(supervision.checklist_points(None)) if form else [],
        "preset_officers": form.selected_officers() if form else set(), "today": timezone.localdate(),
    }
    if form is None:
        return render(request, "complaints/complaint_inspection.html", context)
    return form_action(
        request, form, lambda _data: services.complaint_open_inspection(
            complaint=c, supervised_object=obj, actor=request.user, **form.service_kwargs()),
        then=lambda insp: reverse("supervision:inspection_detail", args=[insp.pk]),
        template="complaints/complaint_inspection.html", context=context,
        done=_("Inspection recorded and linked to complaint %(code)s.") % {"code": c.tracking_code},
    )


@login_required
@require_POST
def complaint_inspection_link(request, pk: int):
    """Link an existing inspection (in the user's scope) to the complaint."""
    c = load(request, pk, "change")
    _require_inspect(request.user)
    raw = request.POST.get("inspection", "")
    try:
        insp = supervision.inspection_get(user=request.user, pk=int(raw) if raw.isdigit() else 0)
    except NotFound as exc:
        raise Http404 from exc
    back = reverse("complaints:complaint_inspection", args=[c.pk]) + f"?object={insp.supervised_object_id}"
    return action(request, lambda: services.complaint_link_inspection(complaint=c, inspection=insp, actor=request.user),
                  then=detail_url(c.pk), back=back, done=_("Inspection linked to the complaint."))


# --- reference data ------------------------------------------------------------------------------------

@login_required
def category_list(request, pk: int | None = None):
    """The category tree; admins edit a category or add one (the form below the tree)."""
    require_page(request.user, "view", ComplaintCategory)
    category = load(request, pk, model=ComplaintCategory) if pk else None
    can_manage = selectors.may_manage_categories(request.user)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    form = CategoryForm(request.POST or None, instance=category)
    return form_action(
        request, form, lambda data: services.category_save(category=category, data=data, actor=request.user),
        then="complaints:category_list", template="complaints/category_list.html",
        context={"roots": selectors.category_roots(), "category": category, "can_manage": can_manage},
    )
