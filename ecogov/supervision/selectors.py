"""Supervision reads: restricted lists for pages, API and exports, the coverage
report, the public results, and the home-page cards."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecogov.core.api_utils import get_for_user
from ecogov.core.filters import checked
from ecogov.core.pages import ListPage
from ecogov.core.params import year_param

from .choices import InspectionResult, OffsiteMethod, PlanStatus
from .filters import InspectionFilterSet, ItemFilterSet, OffsiteFilterSet, PlanFilterSet
from .models import DrawnObject, Inspection, InspectionItem, InspectionPlan, OffsiteCheck
from .outcomes import problem_text
from .tables import INSPECTION_COLUMNS, ITEM_COLUMNS, OFFSITE_COLUMNS, PLAN_COLUMNS


def plans_for(user):
    return InspectionPlan.objects.for_user(user).select_related("jurisdiction")


def plans_of_year(user, year):
    """``user``'s plans starting in ``year`` (2000..2100, else ``ValidationFailed``)."""
    return plans_for(user).filter(period_start__year=year_param(year))


def drawn_for(user, plan: InspectionPlan):
    """The drawn list of ``plan`` as ``user`` may see it (nothing for street/enterprise/public before reveal)."""
    return (DrawnObject.objects.for_user(user).filter(plan=plan)
            .select_related("supervised_object", "inspection").prefetch_related("officers")
            .order_by("stratum", "rank"))


def inspections_for(user):
    return Inspection.objects.for_user(user).select_related("supervised_object", "plan").prefetch_related("officers")


def offsite_for(user):
    return OffsiteCheck.objects.for_user(user).select_related("supervised_object", "officer")


def items_current():
    return InspectionItem.objects.filter(is_current=True)


def _items(user):
    return items_current()


# --- list pages: one definition gives the page, its .xlsx export and the API filter ----------------

PLANS = ListPage(
    filterset=PlanFilterSet, columns=PLAN_COLUMNS, queryset=plans_for, title=gettext_lazy("Double-random plans"),
    filename="plans", link="supervision:plan_detail", template="supervision/plan_list.html",
)
INSPECTIONS = ListPage(
    filterset=InspectionFilterSet, columns=INSPECTION_COLUMNS, queryset=inspections_for,
    title=gettext_lazy("Inspections"), filename="inspections", link="supervision:inspection_detail",
    template="supervision/inspection_list.html",
)
OFFSITE = ListPage(
    filterset=OffsiteFilterSet, columns=OFFSITE_COLUMNS, queryset=offsite_for, title=gettext_lazy("Off-site checks"),
    filename="offsite-checks", template="supervision/offsite_list.html",
)
ITEMS = ListPage(
    filterset=ItemFilterSet, columns=ITEM_COLUMNS, queryset=_items, title=gettext_lazy("Inspection item list"),
    filename="items", template="supervision/item_list.html",
)
LIST_PAGES = {"plans": PLANS, "inspections": INSPECTIONS, "offsite": OFFSITE, "items": ITEMS}


def api_list(page: ListPage, user, params):
    """The API's list: the page's FilterSet over ``user``'s rows; an invalid filter value is a 422."""
    return checked(page.filter(user, params)).qs


def inspection_get(*, user, pk, action: str = "view") -> Inspection:
    """One inspection inside ``user``'s scope, else ``NotFound`` (the interface other apps link through)."""
    return get_for_user(Inspection, user, action, pk=pk)


def inspection_problem_text(inspection: Inspection) -> str:
    """What an inspection found, as one text: its non-compliant points, else (when it found a
    problem) its summary; empty for an inspection that found nothing."""
    if inspection.result == InspectionResult.NO_PROBLEM:
        return ""
    points = inspection.findings.filter(compliant=False).order_by("id")
    return "；".join(problem_text(f.point, f.note) for f in points) or inspection.summary


def coverage(user, year: int) -> dict:
    """Per plan and stratum: pool, quota, planned ratio, inspected, achieved ratio; off-site
    checks per method; inspections per officer (all within ``user``'s scope).
    ``year`` outside 2000..2100 (or not a number) raises ``ValidationFailed`` (422)."""
    year = year_param(year)
    plans = list(plans_of_year(user, year).exclude(status__in=(PlanStatus.DRAFT, PlanStatus.CANCELLED))
                 .order_by("period_start"))
    done = Counter(
        (p, s) for p, s in DrawnObject.objects.filter(plan__in=plans, inspection__isnull=False)
        .values_list("plan_id", "stratum")
    )
    rows = []
    for plan in plans:
        for stratum in sorted(plan.pool_counts):
            pool = plan.pool_counts[stratum]
            inspected = done[(plan.pk, stratum)]
            rows.append({
                "plan": plan, "stratum": stratum, "pool": pool, "quota": plan.quota.get(stratum, 0),
                "ratio": Decimal(str(plan.ratios.get(stratum, "0"))) * 100,
                "inspected": inspected,
                "achieved": (Decimal(inspected * 100) / pool).quantize(Decimal("0.1")) if pool else Decimal(0),
                "met": inspected >= plan.quota.get(stratum, 0),
            })
    offsite = OffsiteCheck.objects.for_user(user).filter(date__year=year)
    by_method = dict(offsite.values_list("method").annotate(n=Count("id")))
    per_officer = (Inspection.officers.through.objects
                   .filter(inspection__in=Inspection.objects.for_user(user).filter(date__year=year))
                   .values("user__full_name", "user__username").annotate(n=Count("id")).order_by("-n"))
    return {
        "year": year, "rows": rows,
        "offsite": [{"method": m, "label": OffsiteMethod.label(m), "n": by_method.get(m, 0)} for m in OffsiteMethod.values()],
        "offsite_total": sum(by_method.values()),
        "per_officer": [{"officer": r["user__full_name"] or r["user__username"], "n": r["n"]} for r in per_officer],
    }


def class_year_coverage(user, year: int) -> dict[str, tuple[int, int]]:
    """``stratum -> (objects inspected in the year, pool size of the latest plan)``."""
    year = year_param(year)
    plans = list(plans_of_year(user, year).exclude(status__in=(PlanStatus.DRAFT, PlanStatus.CANCELLED)))
    seen: dict[str, set[int]] = defaultdict(set)
    for stratum, oid in DrawnObject.objects.filter(plan__in=plans, inspection__isnull=False).values_list(
            "stratum", "supervised_object_id"):
        seen[stratum].add(oid)
    latest = max(plans, key=lambda p: p.period_start, default=None)
    return {s: (len(seen[s]), (latest.pool_counts.get(s, 0) if latest else 0)) for s in sorted(seen)}


# ---------------------------------------------------------------- public

def public_plans():
    return InspectionPlan.objects.for_user(None).select_related("jurisdiction").order_by("-period_start")


def public_commitments():
    """Approved or drawn plans: their pool hash and seed commitment are public from
    the approval on (the drawn list and the seed only once the plan is published)."""
    return (InspectionPlan.objects.filter(status__in=(PlanStatus.APPROVED, PlanStatus.DRAWN))
            .select_related("jurisdiction").order_by("-period_start", "code"))


def results_published(plan: InspectionPlan) -> bool:
    """True once the plan's drawn list, results and seed are public (the plan is completed)."""
    return plan.status == PlanStatus.PUBLISHED


def public_results(plan: InspectionPlan):
    """Drawn objects and results of a published plan (public fields only)."""
    if not results_published(plan):
        return DrawnObject.objects.none()
    return (DrawnObject.objects.for_user(None).filter(plan=plan)
            .select_related("supervised_object", "inspection").order_by("stratum", "rank"))


def public_result_label(row: DrawnObject) -> str:
    insp = getattr(row, "inspection", None)
    return InspectionResult.label(insp.result) if insp else InspectionResult.label(InspectionResult.PENDING)


def home_cards(user) -> list[dict]:
    if not user.is_authenticated or user.role in ("enterprise",):
        return []
    today = timezone.localdate()
    plans = plans_of_year(user, today.year)
    inspections = Inspection.objects.for_user(user).filter(date__year=today.year).count()
    since = today - dt.timedelta(days=240)
    offsite = OffsiteCheck.objects.for_user(user).filter(date__gte=since).count()
    url = reverse("supervision:plan_list")
    return [
        {"label": _("Double-random inspections this year"), "value": inspections, "url": url,
         "note": _("%(n)s plans") % {"n": plans.count()}},
        {"label": _("Off-site checks, last eight months"), "value": offsite, "url": reverse("supervision:offsite_list"),
         "note": ""},
    ]


def officer_choices():
    """Active officers (for the inspection form; certificates are checked by the service)."""
    from ecogov.core.models import User

    return User.objects.filter(role="officer", is_active=True).order_by("username")


def positive_list_choices(user):
    from ecogov.registry import selectors as registry

    return registry.positive_list_objects(user)[:500]


def plan_jurisdictions(user):
    from ecogov.core.models import Jurisdiction

    return Jurisdiction.objects.for_user(user).filter(level__in=("city", "district"))


def plan_jurisdiction(user, **lookup):
    """The jurisdiction (by ``pk`` or ``code``) a plan is made for, if inside ``user``'s scope, else None."""
    from ecogov.core.models import Jurisdiction

    try:
        return Jurisdiction.objects.for_user(user).filter(**lookup).first()
    except (ValueError, TypeError, OverflowError):  # an id that is not a number, or too large
        return None


def officers_by_username(usernames) -> list:
    """The accounts named in an API payload (the inspection service checks their certificates)."""
    from ecogov.core.models import User

    return list(User.objects.filter(username__in=list(usernames)))


def inspection_attachments(inspection):
    from ecogov.core.attachments import attachments_of

    return attachments_of(inspection)


DEFAULT_POINTS = ["排污许可执行情况", "污染防治设施运行", "自行监测", "危险废物管理", "环境应急管理"]


def checklist_points(plan) -> list[str]:
    """The checklist points of the plan's inspection items (current list when ad hoc)."""
    items = plan.items.all() if plan is not None else items_current()
    points = [p for item in items for p in (item.checklist or [])]
    return list(dict.fromkeys(points)) or DEFAULT_POINTS


def may_create_plan(user) -> bool:
    """True when ``user`` may make plans (``services.plan_create`` requires the same)."""
    from ecogov.core.permissions import role_allows

    return bool(user.is_superuser or role_allows(user.role, "add", InspectionPlan))


def plan_flags(user, plan: InspectionPlan) -> dict[str, bool]:
    """What ``user`` may do on ``plan``'s page now; the services refuse the same moves."""
    from ecogov.core.permissions import role_allows

    from .workflow import APPROVERS

    def may(action: str) -> bool:
        return bool(user.is_superuser or role_allows(user.role, action, InspectionPlan))

    draft = plan.status == PlanStatus.DRAFT
    return {
        "edit_ratios": draft and may("change"),
        "include_positive": draft and may("approve") and (user.is_superuser or user.role in APPROVERS),
        "record": plan.status == PlanStatus.DRAWN and may_inspect(user),
    }


def may_inspect(user) -> bool:
    """True when ``user`` may record on-site inspections (the ``inspect`` action), e.g. from another app's page."""
    from ecogov.core.permissions import role_allows

    return bool(user.is_superuser or role_allows(user.role, "inspect", Inspection))
