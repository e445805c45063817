"""Staff pages: complaint list (filters, search, pagination, export), intake,
the complaint page with workflow buttons, deadlines, duplicates and history,
the inspection or penalty case a complaint opens, and the category tree."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecogov.core.api_utils import get_for_user
from ecogov.core.errors import DomainError, NotFound, PermissionRefused
from ecogov.core.excel import export_xlsx
from ecogov.core.permissions import require
from ecogov.core.validators import uscc_problem
from ecogov.supervision import selectors as supervision
from ecogov.supervision import services as supervision_services

from . import selectors, services
from .choices import NO_INSPECTION_STATES
from .filters import ComplaintFilter
from .forms import CategoryForm, StaffComplaintForm, move_buttons, parse_move
from .models import Complaint, ComplaintCategory, ComplaintExtension
from .rewards import selectors as rewards
from .tables import complaint_columns

#: Buttons of the list page's toolbar (url name, label): the report, rewards, open days and categories.
EXTRA_LINKS = [
    ("complaints:report_monthly", gettext_lazy("Monthly report")),
    ("complaints:reward_list", gettext_lazy("Rewards")),
    ("outreach:openday_list", gettext_lazy("Open days")),
    ("complaints:category_list", gettext_lazy("Categories")),
]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


def run(request, fn) -> None:
    """Call ``fn``; a refusal of the service becomes an error message on the next page."""
    try:
        fn()
    except DomainError as exc:
        messages.error(request, exc.message)


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

@login_required
def complaint_list(request):
    require_page(request.user, "view", Complaint)
    f = ComplaintFilter(request.GET or None, queryset=selectors.complaints_for(request.user), request=request)
    qs = f.qs if f.is_bound else f.queryset
    columns = complaint_columns(request.user)
    if request.GET.get("export") == "xlsx":
        require_page(request.user, "export", Complaint)
        stamp = timezone.localdate().isoformat()
        resp = HttpResponse(export_xlsx(columns, qs.iterator(chunk_size=2000), "complaints"), content_type=XLSX)
        resp["Content-Disposition"] = f'attachment; filename="complaints-{stamp}.xlsx"'
        return resp
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "complaints/complaint_list.html", {
        "filter": f, "columns": columns, "page_obj": page, "extra_links": _links(),
    })


@login_required
def complaint_create(request):
    """Staff intake: 12369 hotline, letters, visits and transfers from higher authorities."""
    require_page(request.user, "add", Complaint)
    form = StaffComplaintForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            c = services.complaint_submit(
                category=d["category"], description=d["description"], channel=d["channel"], lon=d.get("lon"),
                lat=d.get("lat"), datum=d.get("datum") or "wgs84", address=d.get("address", ""),
                jurisdiction=d.get("jurisdiction"), anonymous=d.get("anonymous", False),
                reporter_name=d.get("reporter_name", ""), reporter_phone=d.get("reporter_phone", ""),
                reporter_email=d.get("reporter_email", ""), reporter_id_number=d.get("reporter_id_number", ""),
                received_at=d.get("received_at"), transferred_from=d.get("transferred_from", ""),
                source_ref=d.get("source_ref", ""), photos=request.FILES.getlist("photos"), actor=request.user,
            )
            if d.get("accept_now"):
                c = services.complaint_accept(complaint=c, actor=request.user, note="当场告知受理")
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"{c.tracking_code}")
            return redirect("complaints:complaint_detail", pk=c.pk)
    return render(request, "complaints/complaint_form.html", {"form": form})


@login_required
def complaint_detail(request, pk: int):
    c = load(request, pk)
    return render(request, "complaints/complaint_detail.html", {
        "c": c,
        "reporter": selectors.reporter_view(c, request.user),
        "clocks": selectors.clocks(c),
        "actions": move_buttons(c, request.user),
        "duplicates": selectors.duplicates_of(request.user, c) if c.status in selectors.OPEN_STATES else [],
        "merged": selectors.complaints_for(request.user).filter(merged_into=c),
        "extensions": c.extensions.select_related("requested_by", "decided_by"),
        "links": selectors.links_of(c),
        "attachments": selectors.attachments_of(c),
        "reward": getattr(c, "reward", None) if hasattr(c, "reward") else None,
        "reward_kinds": rewards.active_kinds() if c.status == "closed" else [],
        "can_inspect": supervision.may_inspect(request.user) and c.status not in NO_INSPECTION_STATES,
        "can_decide_extension": request.user.is_superuser or request.user.role in {"admin", "leader", "district"},
    })


@login_required
@require_POST
def complaint_transition(request, pk: int, to: str):
    c = load(request, pk, "change")

    def go():
        data = parse_move(request.user, c, to, request.POST)
        services.complaint_transition(complaint=c, to=to, data=data, actor=request.user)

    run(request, go)
    return redirect("complaints:complaint_detail", pk=pk)


@login_required
@require_POST
def complaint_merge_into(request, pk: int, target: int):
    """Merge the duplicate ``pk`` into ``target`` (the button of the duplicates panel)."""
    c = load(request, pk, "change")
    t = load(request, target, "change")
    run(request, lambda: services.complaint_merge(complaint=c, target=t, actor=request.user))
    return redirect("complaints:complaint_detail", pk=target)


@login_required
@require_POST
def extension_request(request, pk: int):
    c = load(request, pk, "change")
    run(request, lambda: services.extension_request(
        complaint=c, days=int(request.POST.get("days") or 0), reason=request.POST.get("reason", ""),
        actor=request.user))
    return redirect("complaints:complaint_detail", pk=pk)


@login_required
@require_POST
def extension_decide(request, pk: int):
    ext = load(request, pk, "view", model=ComplaintExtension)
    run(request, lambda: services.extension_decide(
        extension=ext, approve=request.POST.get("approve") == "1", note=request.POST.get("note", ""),
        actor=request.user))
    return redirect("complaints:complaint_detail", pk=ext.complaint_id)


@login_required
@require_POST
def complaint_rate(request, pk: int):
    c = load(request, pk, "change")
    run(request, lambda: services.complaint_rate(complaint=c, satisfaction=request.POST.get("satisfaction", ""),
                                                 actor=request.user))
    return redirect("complaints:complaint_detail", pk=pk)


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
        services.complaint_open_penalty_case(complaint=c, supervised_object=obj,
                                             facts=request.POST.get("facts", ""), actor=request.user)

    run(request, go)
    return redirect("complaints:complaint_detail", pk=pk)


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
    if form is not None and form.is_bound and form.is_valid():
        try:
            insp = services.complaint_open_inspection(complaint=c, supervised_object=obj, actor=request.user,
                                                      **form.service_kwargs())
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("Inspection recorded and linked to complaint %(code)s.")
                             % {"code": c.tracking_code})
            return redirect("supervision:inspection_detail", pk=insp.pk)
    return render(request, "complaints/complaint_inspection.html", {
        "c": c, "obj": obj, "chooser_error": chooser_error, "form": form,
        "near": selectors.objects_near(request.user, c),
        "existing": selectors.inspections_to_link(request.user, c, obj) if obj is not None else [],
        "officers": supervision.officer_choices(), "results": form.fields["result"].choices if form else [],
        "points": form.finding_rows(supervision.checklist_points(None)) if form else [],
        "preset_officers": form.selected_officers() if form else set(), "today": timezone.localdate(),
    })


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
    try:
        services.complaint_link_inspection(complaint=c, inspection=insp, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(reverse("complaints:complaint_inspection", args=[c.pk]) + f"?object={insp.supervised_object_id}")
    messages.success(request, _("Inspection linked to the complaint."))
    return redirect("complaints:complaint_detail", pk=c.pk)


# --- reference data ------------------------------------------------------------------------------------

@login_required
def category_list(request, pk: int | None = None):
    """The category tree; admins edit a category or add one (the form below the tree)."""
    require_page(request.user, "view", ComplaintCategory)
    category = load(request, pk, model=ComplaintCategory) if pk else None
    form = CategoryForm(request.POST or None, instance=category)
    can_manage = request.user.is_superuser or request.user.role == "admin"
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            services.category_save(category=category, data=form.cleaned_data, actor=request.user)
            return redirect("complaints:category_list")
        except DomainError as exc:
            form.add_error(None, exc.message)
    roots = selectors.category_roots()
    return render(request, "complaints/category_list.html", {"roots": roots, "form": form, "category": category,
                                                             "can_manage": can_manage})
