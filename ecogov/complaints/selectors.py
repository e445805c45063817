"""Complaint reads: the restricted lists (one ``ListPage`` each: page, export and API filter), clocks,
the overdue and due-soon lists, the clock source of the one due page, duplicate suggestions, the masked
reporter, what a user may do on a complaint's page and home cards."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecogov.core import contrib
from ecogov.core.attachments import attachments_of as core_attachments_of
from ecogov.core.errors import NotFound, ValidationFailed
from ecogov.core.geo import haversine_m
from ecogov.core.pages import ListPage
from ecogov.core.permissions import role_allows
from ecogov.core.privacy import mask_email, mask_name, mask_phone
from ecogov.registry import selectors as registry
from ecogov.supervision import selectors as supervision

from . import deadlines
from .choices import (
    ACCEPTANCE_PENDING,
    EXTENDABLE_STATES,
    OPEN_STATES,
    PENALTY_CASE_STATES,
    ClockState,
    ExtensionStatus,
    public_status,
)
from .choices import ComplaintStatus as S
from .crypto import may_see_personal_data
from .filters import ComplaintFilter, due_until_q, overdue_q
from .models import Complaint, ComplaintCategory, ComplaintLink
from .routing import policy_for
from .tables import COMPLAINT_COLUMNS
from .workflow import REVIEWERS


def complaints_for(user, action: str = "view"):
    """Complaints ``user`` may see; ``user=None`` means the system itself (background tasks)."""
    qs = Complaint.objects.all() if user is None else Complaint.objects.for_user(user, action)
    return qs.select_related("category", "category__parent", "jurisdiction", "department", "assignee")


COMPLAINTS = ListPage(
    filterset=ComplaintFilter, columns=COMPLAINT_COLUMNS, queryset=complaints_for,
    title=gettext_lazy("Complaints and reports"), filename="complaints", link="complaints:complaint_detail",
    template="complaints/complaint_list.html", page_size=50, dated=True,
)


def complaint_list(user, params=None, *, strict: bool = False):
    """Complaints in ``user``'s scope filtered by ``params`` (the list page's filters; the API's).

    ``strict`` (the API) refuses an invalid filter value instead of ignoring it."""
    fs = COMPLAINTS.filter(user, params)
    if strict and fs.is_bound and not fs.is_valid():
        errors = {k: " ".join(str(m) for m in v) for k, v in fs.errors.items()}
        text = "; ".join(f"{k}: {v}" for k, v in errors.items())
        raise ValidationFailed("bad_filter", f"筛选条件有误：{text}", f"Invalid filter: {text}",
                               detail={"field": next(iter(errors)), "errors": errors})
    return fs.qs


def categories(active_only: bool = True):
    qs = ComplaintCategory.objects.select_related("parent", "department")
    return qs.filter(active=True) if active_only else qs


def category_roots():
    """The top of the category tree with the children and their departments (the category page)."""
    return ComplaintCategory.objects.filter(parent__isnull=True).prefetch_related("children", "children__department")


def leaf_categories():
    """Categories without active children: the services a reporter chooses from."""
    return list(categories().exclude(children__active=True).prefetch_related("attributes")
                .order_by("parent__order", "order", "code"))


def get_by_tracking_code(code: str) -> Complaint | None:
    """A complaint by its tracking code (public tracking; personal data is never rendered from it)."""
    return (Complaint.objects.select_related("category", "jurisdiction", "merged_into")
            .filter(tracking_code=(code or "").strip().upper()).first())


def clocks(c: Complaint, today: dt.date | None = None) -> dict:
    """The acceptance and finishing clocks of a complaint, for the detail page and the API."""
    today = today or timezone.localdate()
    limits = policy_for(c.jurisdiction).limits
    accepted_on = timezone.localdate(c.accepted_at) if c.accepted_at else None
    decided_on = accepted_on or (timezone.localdate(c.closed_at) if c.status == S.NOT_ACCEPTED and c.closed_at else None)
    closed_on = timezone.localdate(c.closed_at) if c.closed_at and c.status == S.CLOSED else None
    out = {
        "acceptance_due": c.acceptance_due,
        "acceptance_state": deadlines.clock_state(c.acceptance_due, today, decided_on, limits),
        "finish_due": c.finish_due,
        "finish_state": deadlines.clock_state(c.finish_due, today, closed_on, limits)
        if c.status != S.MERGED else "none",
        "days_left": deadlines.days_left(c.finish_due, today) if c.finish_due and not closed_on else None,
        "extension_days": c.extension_days,
        "limits": limits,
    }
    for key in ("acceptance", "finish"):
        state = out[f"{key}_state"]
        out[f"{key}_label"], out[f"{key}_colour"] = ClockState.label(state), ClockState.colour(state)
    return out


def overdue(user, today: dt.date | None = None):
    """Complaints past a due day: acceptance notice not given, or not finished in time."""
    today = today or timezone.localdate()
    return complaints_for(user).filter(overdue_q(today)).order_by("finish_due", "acceptance_due")


def due_soon(user, today: dt.date | None = None, days: int | None = None):
    """Complaints whose due day is within ``days`` (default: the legal warning, 5 days)."""
    today = today or timezone.localdate()
    until = deadlines.due_soon_until(today, days)
    return complaints_for(user).filter(due_until_q(today, until)).order_by("finish_due", "acceptance_due")


def _deadline(c: Complaint) -> contrib.Deadline:
    accepting = c.status in ACCEPTANCE_PENDING
    what = _("acceptance notice") if accepting else _("finishing")
    owner = str(c.assignee) if c.assignee_id else (c.department.name if c.department_id else c.jurisdiction.name)
    return contrib.Deadline(
        kind="complaints", label=f"{c.tracking_code} {c.category}", due=c.acceptance_due if accepting else c.finish_due,
        url=reverse("complaints:complaint_detail", args=[c.pk]), owner=owner,
        note=f"{what} · {c.status_label}", owner_ids=(c.assignee_id,) if c.assignee_id else (),
    )


def due_items(user, *, today: dt.date, horizon_days: int) -> Iterator[contrib.Deadline]:
    """The "complaints" clock source: complaints ``user`` can see whose acceptance or finishing time
    limit is past or falls within ``horizon_days`` of ``today``, soonest first."""
    until = deadlines.due_soon_until(today, horizon_days)
    rows = complaints_for(user).filter(overdue_q(today) | due_until_q(today, until))
    for c in sorted(rows, key=lambda c: (c.acceptance_due if c.status in ACCEPTANCE_PENDING else c.finish_due,
                                         c.tracking_code)):
        yield _deadline(c)


def duplicate_candidates(*, category, lon, lat, at=None, exclude_pk=None, jurisdiction=None, radius_m=None,
                         window_days=None, qs=None) -> list[tuple[Complaint, float]]:
    """Open complaints of the same category within ``radius_m`` metres and ``window_days`` days, nearest first.

    The policy of the complaint's jurisdiction gives the defaults (500 m, 30 days).
    """
    if lon is None or lat is None:
        return []
    policy = policy_for(jurisdiction)
    radius_m = radius_m if radius_m is not None else policy.duplicate_radius_m
    window = dt.timedelta(days=window_days if window_days is not None else policy.duplicate_window_days)
    at = at or timezone.now()
    dlat = radius_m / 111_195.0
    dlon = dlat / max(0.01, math.cos(math.radians(lat)))
    base = qs if qs is not None else Complaint.objects.all()
    rows = base.filter(
        category=category, status__in=OPEN_STATES, received_at__gte=at - window, received_at__lte=at + window,
        lon__range=(lon - dlon, lon + dlon), lat__range=(lat - dlat, lat + dlat),
    ).exclude(pk=exclude_pk).select_related("category", "jurisdiction")
    out = [(c, haversine_m(lon, lat, c.lon, c.lat)) for c in rows]
    return sorted([(c, d) for c, d in out if d <= radius_m], key=lambda x: x[1])


def duplicates_of(user, c: Complaint) -> list[tuple[Complaint, float]]:
    return duplicate_candidates(category=c.category, lon=c.lon, lat=c.lat, at=c.received_at, exclude_pk=c.pk,
                                jurisdiction=c.jurisdiction, qs=complaints_for(user))


def reporter_masked(c: Complaint) -> dict:
    """The reporter as every page, list, export and API answer shows it: masked (张* 138****5678)."""
    if c.anonymous:
        return {"anonymous": True, "name": _("Anonymous"), "phone": "", "email": "", "id_number": "", "masked": False}
    return {"anonymous": False, "name": mask_name(c.reporter_name), "phone": mask_phone(c.reporter_phone),
            "email": mask_email(c.reporter_email), "id_number": mask_name(c.reporter_id_number), "masked": True}


def may_reveal(user) -> bool:
    """The explicit permission to see a reporter in full (``crypto.PERSONAL_DATA_ROLES``)."""
    return may_see_personal_data(user)


def reporter_view(c: Complaint, user) -> dict:
    """The reporter as ``user`` may see it once revealed: in full for roles with the permission, masked
    otherwise. Only the audited reveal (``services.reporter_reveal``) reads it."""
    if c.anonymous or not may_reveal(user):
        return reporter_masked(c)
    return {"anonymous": False, "name": c.reporter_name, "phone": c.reporter_phone, "email": c.reporter_email,
            "id_number": c.reporter_id_number, "masked": False}


# --- what a user may do on a complaint's page (the template asks these, never the role) -------------

def may_change(user, c: Complaint) -> bool:
    return Complaint.objects.for_user(user, "change").filter(pk=c.pk).exists()


def may_review(user) -> bool:
    """Decide extensions and rewards: a head of department (leader, district) or an admin."""
    return bool(user.is_superuser or getattr(user, "role", "") in REVIEWERS)


def may_manage_categories(user) -> bool:
    return bool(user.is_superuser or role_allows(getattr(user, "role", ""), "manage", ComplaintCategory))


def extension_room(c: Complaint) -> int:
    """Days of extension still open to a request: the policy's maximum for the complaint's jurisdiction
    less the days approved and pending (0 when the complaint is not in an extendable state)."""
    if c.status not in EXTENDABLE_STATES:
        return 0
    pending = sum(e.days for e in c.extensions.filter(status=ExtensionStatus.PENDING))
    return deadlines.extension_room(c.extension_days + pending, policy_for(c.jurisdiction).limits)


def page_flags(user, c: Complaint) -> dict:
    """What ``user`` may do on the complaint's page now (beyond the workflow's steps)."""
    change = may_change(user, c)
    return {
        "change": change,
        "extension_days": extension_room(c) if change else 0,
        "decide_extension": may_review(user),
        "rate": change and c.status == S.CLOSED,
        "penalty_case": change and c.status in PENALTY_CASE_STATES,
        "merge": change and c.status in OPEN_STATES,
        "reveal": may_reveal(user) and not c.anonymous,
    }


def links_of(c: Complaint):
    return c.links.select_related("content_type").all()


def complaints_linked_to(obj):
    """The other side of a link: complaints that opened ``obj`` (an inspection, a penalty case...)."""
    ct = ContentType.objects.get_for_model(type(obj))
    return Complaint.objects.filter(links__content_type=ct, links__object_id=str(obj.pk))


def related_panels(user, obj) -> list[dict]:
    """For ``core.related_panels``: the complaints (in ``user``'s scope) that opened ``obj``."""
    if isinstance(obj, Complaint):
        return []
    rows = complaints_linked_to(obj) & Complaint.objects.for_user(user)
    items = [
        {"url": reverse("complaints:complaint_detail", args=[c.pk]), "label": f"{c.tracking_code} {c.category}",
         "note": f"{timezone.localtime(c.received_at):%Y-%m-%d}"}
        for c in rows.select_related("category")[:50]
    ]
    return [{"title": _("Complaints linked to this record"), "items": items}]


NEAR_RADIUS_M = 5000
NEAR_LIMIT = 20


def objects_near(user, c: Complaint, radius_m: float = NEAR_RADIUS_M, limit: int = NEAR_LIMIT) -> list[tuple]:
    """Supervised objects in ``user``'s scope within ``radius_m`` of the complaint, nearest first:
    ``[(object, metres)]`` (none when the complaint has no location)."""
    if c.lon is None or c.lat is None:
        return []
    dlat = radius_m / 111_195.0
    dlon = dlat / max(0.01, math.cos(math.radians(c.lat)))
    rows = registry.object_list(user=user).filter(
        lon__range=(c.lon - dlon, c.lon + dlon), lat__range=(c.lat - dlat, c.lat + dlat))
    out = [(o, haversine_m(c.lon, c.lat, o.lon, o.lat)) for o in rows]
    return sorted([(o, d) for o, d in out if d <= radius_m], key=lambda x: (x[1], x[0].pk))[:limit]


def object_by_uscc(user, uscc: str):
    """The supervised object in ``user``'s scope with this unified social credit code, or None."""
    try:
        return registry.object_by_uscc(user=user, uscc=uscc)
    except NotFound:
        return None


def object_for(user, *, pk=None, uscc: str = ""):
    """One supervised object in ``user``'s scope by id or USCC, or None."""
    if pk not in (None, ""):
        try:
            return registry.object_get(user=user, pk=int(pk)) if str(pk).isdigit() else None
        except NotFound:
            return None
    return object_by_uscc(user, uscc) if uscc.strip() else None


def inspections_to_link(user, c: Complaint, obj):
    """Inspections of ``obj`` in ``user``'s scope not yet linked to the complaint, newest first."""
    inspections = supervision.inspections_for(user)
    linked = c.links.filter(content_type=ContentType.objects.get_for_model(inspections.model)).values_list(
        "object_id", flat=True)
    return (inspections.filter(supervised_object=obj).exclude(pk__in=[int(x) for x in linked if x.isdigit()])
            .order_by("-date", "-id")[:50])


def linked_links_for(obj):
    ct = ContentType.objects.get_for_model(type(obj))
    return ComplaintLink.objects.filter(content_type=ct, object_id=str(obj.pk)).select_related("complaint")


def home_cards(user) -> list[dict]:
    if not Complaint.objects.for_user(user).exists() and not user.is_superuser:
        return []
    try:
        url = reverse("complaints:complaint_list")
    except Exception:  # pragma: no cover - urls not loaded
        url = ""
    qs = complaints_for(user)
    return [
        {"label": _("Open complaints"), "value": qs.filter(status__in=OPEN_STATES).count(), "url": url,
         "note": _("received, in progress or awaiting review")},
        {"label": _("Overdue complaints"), "value": overdue(user).count(), "url": url + "?clock=overdue",
         "note": _("past the acceptance or finishing time limit")},
    ]


def public_view(c: Complaint) -> dict:
    """What the public tracking page may show: status and result, never personal data or the exact address."""
    shown = c.merged_into if c.status == S.MERGED and c.merged_into_id else c
    return {
        "tracking_code": c.tracking_code,
        "category": str(c.category),
        "jurisdiction": c.jurisdiction.name,
        "received": timezone.localdate(c.received_at),
        "status": shown.status,
        "status_label": shown.status_label,
        "public_status": public_status(shown.status),
        "merged": c.status == S.MERGED,
        "accepted": timezone.localdate(shown.accepted_at) if shown.accepted_at else None,
        "finish_due": shown.finish_due,
        "closed": timezone.localdate(shown.closed_at) if shown.closed_at else None,
        "redirect_body": c.redirect_body if c.status == S.NOT_ACCEPTED else "",
        "not_accepted_reason": c.not_accepted_reason if c.status == S.NOT_ACCEPTED else "",
        "measures": shown.measures if shown.status == S.CLOSED else "",
        "reply": shown.reply if shown.status == S.CLOSED else "",
    }


def attachments_of(c: Complaint):
    return core_attachments_of(c)
