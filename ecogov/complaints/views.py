"""Staff pages: complaint list (filters, search, pagination, export), intake,
the complaint page with workflow buttons, deadlines, duplicates and history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ecogov.core.api_utils import get_for_user
from ecogov.core.errors import DomainError, NotFound
from ecogov.core.excel import export_xlsx

from . import actions, selectors, services
from .filters import ComplaintFilter
from .forms import StaffComplaintForm
from .links import NO_INSPECTION_STATES
from .models import Complaint, ComplaintExtension, RewardKind
from .perms import may_inspect
from .perms import require_page as require
from .tables import complaint_columns

#: Buttons of the list page's toolbar (url name, label), filled by the report, reward and open-day modules.
EXTRA_LINKS = [
    ("complaints:report_monthly", _("Monthly report")),
    ("complaints:reward_list", _("Rewards")),
    ("complaints:openday_list", _("Open days")),
    ("complaints:category_list", _("Categories")),
]



def _links():
    from django.urls import NoReverseMatch, reverse

    out = []
    for name, label in EXTRA_LINKS:
        try:
            reverse(name)
        except NoReverseMatch:
            continue
        out.append((name, label))
    return out


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _load(request, pk, action="view", model=Complaint):
    try:
        return get_for_user(model, request.user, action, pk=pk)
    except NotFound as exc:
        raise Http404 from exc


@login_required
def complaint_list(request):
    require(request.user, "view", Complaint)
    f = ComplaintFilter(request.GET or None, queryset=selectors.complaints_for(request.user), request=request)
    qs = f.qs if f.is_bound else f.queryset
    columns = complaint_columns(request.user)
    if request.GET.get("export") == "xlsx":
        require(request.user, "export", Complaint)
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
    require(request.user, "add", Complaint)
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
    c = _load(request, pk)
    return render(request, "complaints/complaint_detail.html", {
        "c": c,
        "reporter": selectors.reporter_view(c, request.user),
        "clocks": selectors.clocks(c),
        "actions": actions.available(c, request.user),
        "duplicates": selectors.duplicates_of(request.user, c) if c.status in selectors.OPEN_STATES else [],
        "merged": selectors.complaints_for(request.user).filter(merged_into=c),
        "extensions": c.extensions.select_related("requested_by", "decided_by"),
        "links": selectors.links_of(c),
        "attachments": selectors.attachments_of(c),
        "reward": getattr(c, "reward", None) if hasattr(c, "reward") else None,
        "reward_kinds": RewardKind.objects.filter(active=True) if c.status == "closed" else [],
        "can_inspect": may_inspect(request.user) and c.status not in NO_INSPECTION_STATES,
        "can_decide_extension": request.user.is_superuser or request.user.role in {"admin", "leader", "district"},
    })


def _run(request, fn):
    try:
        fn()
    except DomainError as exc:
        messages.error(request, exc.message)


@login_required
@require_POST
def complaint_transition(request, pk: int, to: str):
    c = _load(request, pk, "change")

    def go():
        data = actions.parse(request.user, c, to, request.POST)
        services.complaint_transition(complaint=c, to=to, data=data, actor=request.user)

    _run(request, go)
    return redirect("complaints:complaint_detail", pk=pk)


@login_required
@require_POST
def complaint_merge_into(request, pk: int, target: int):
    """Merge the duplicate ``pk`` into ``target`` (the button of the duplicates panel)."""
    c = _load(request, pk, "change")
    t = _load(request, target, "change")
    _run(request, lambda: services.complaint_merge(complaint=c, target=t, actor=request.user))
    return redirect("complaints:complaint_detail", pk=target)


@login_required
@require_POST
def extension_request(request, pk: int):
    c = _load(request, pk, "change")
    _run(request, lambda: services.extension_request(
        complaint=c, days=int(request.POST.get("days") or 0), reason=request.POST.get("reason", ""),
        actor=request.user))
    return redirect("complaints:complaint_detail", pk=pk)


@login_required
@require_POST
def extension_decide(request, pk: int):
    ext = _load(request, pk, "view", model=ComplaintExtension)
    _run(request, lambda: services.extension_decide(
        extension=ext, approve=request.POST.get("approve") == "1", note=request.POST.get("note", ""),
        actor=request.user))
    return redirect("complaints:complaint_detail", pk=ext.complaint_id)


@login_required
@require_POST
def complaint_rate(request, pk: int):
    c = _load(request, pk, "change")
    _run(request, lambda: services.complaint_rate(complaint=c, satisfaction=request.POST.get("satisfaction", ""),
                                                  actor=request.user))
    return redirect("complaints:complaint_detail", pk=pk)


@login_required
@require_POST
def complaint_penalty_case(request, pk: int):
    """Open a penalty case against the enterprise named by its USCC and link it to the complaint."""
    from ecogov.registry.models import SupervisedObject

    from .links import complaint_open_penalty_case

    c = _load(request, pk, "change")

    def go():
        obj = SupervisedObject.objects.for_user(request.user).filter(uscc=request.POST.get("uscc", "").strip()).first()
        if obj is None:
            raise NotFound("监管对象", "supervised object")
        complaint_open_penalty_case(complaint=c, supervised_object=obj, facts=request.POST.get("facts", ""),
                                    actor=request.user)

    _run(request, go)
    return redirect("complaints:complaint_detail", pk=pk)
