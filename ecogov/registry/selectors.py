"""Registry reads, always through ``for_user`` (the one restricted read path):
filtered lists (shared by pages, API and exports), one source's file, class
counts, execution-report submission rates and the overdue list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecogov.core import clock, contrib
from ecogov.core.api_utils import get_for_user
from ecogov.core.errors import ValidationFailed
from ecogov.core.pages import ListPage

from .choices import ReportFrequency, SupervisionClass
from .filters import (
    ObjectFilterSet,
    PermitFilterSet,
    RegistrationFilterSet,
    ReportFilterSet,
)
from .models import ExecutionReport, Permit, Registration, SupervisedObject
from .tables import OBJECT_COLUMNS, PERMIT_COLUMNS, REGISTRATION_COLUMNS, REPORT_COLUMNS


def _checked(fs, strict: bool):
    """``fs`` as is, or (``strict``, for the API) refused when a filter value is invalid."""
    if strict and fs.is_bound and not fs.is_valid():
        errors = {k: [str(m) for m in v] for k, v in fs.errors.items()}
        text = "; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items())
        raise ValidationFailed(
            "bad_filter", f"筛选条件有误：{text}", f"Invalid filter: {text}", detail={"errors": errors}
        )
    return fs


def objects_for(user, action: str = "view"):
    return SupervisedObject.objects.for_user(user, action).select_related("jurisdiction__parent__parent")


def permits_for(user):
    return Permit.objects.for_user(user).select_related("supervised_object__jurisdiction__parent__parent")


def registrations_for(user):
    return Registration.objects.for_user(user).select_related("jurisdiction__parent__parent")


def reports_for(user):
    return ExecutionReport.objects.for_user(user).select_related("permit__supervised_object")


# --- list pages: one definition gives the page, its .xlsx export and the API filter ----------------

OBJECTS = ListPage(
    filterset=ObjectFilterSet, columns=OBJECT_COLUMNS, queryset=objects_for, title=gettext_lazy("Supervised objects"),
    filename="supervised-objects", link="registry:object_detail", template="registry/list.html", dated=True,
)
PERMITS = ListPage(
    filterset=PermitFilterSet, columns=PERMIT_COLUMNS, queryset=permits_for, title=gettext_lazy("Discharge permits"),
    filename="permits", template="registry/list.html", dated=True,
)
REGISTRATIONS = ListPage(
    filterset=RegistrationFilterSet, columns=REGISTRATION_COLUMNS, queryset=registrations_for,
    title=gettext_lazy("Discharge registrations"), filename="registrations", template="registry/list.html",
    dated=True,
)
REPORTS = ListPage(
    filterset=ReportFilterSet, columns=REPORT_COLUMNS, queryset=reports_for, title=gettext_lazy("Execution reports"),
    filename="execution-reports", template="registry/list.html", dated=True,
)
LIST_PAGES = {"objects": OBJECTS, "permits": PERMITS, "registrations": REGISTRATIONS, "reports": REPORTS}


def object_filterset(*, user, params=None, strict: bool = False, action: str = "view") -> ObjectFilterSet:
    if action == "view":
        return _checked(OBJECTS.filter(user, params), strict)
    return _checked(ObjectFilterSet(params or None, queryset=objects_for(user, action)), strict)


def object_list(*, user, params=None, strict: bool = False, action: str = "view"):
    return object_filterset(user=user, params=params, strict=strict, action=action).qs


def object_get(*, user, pk, action: str = "view") -> SupervisedObject:
    """One object inside ``user``'s scope, else ``NotFound`` (404)."""
    return get_for_user(SupervisedObject, user, action, pk=pk)


def object_by_uscc(*, user, uscc: str, action: str = "view") -> SupervisedObject:
    """The object with this unified social credit code (case and spaces ignored) inside ``user``'s
    scope, else ``NotFound`` (404): other apps' forms and API find a supervised object through it."""
    return get_for_user(SupervisedObject, user, action, uscc=(uscc or "").strip().upper())


def object_with_uscc(user, uscc: str) -> SupervisedObject | None:
    """The object in ``user``'s scope with exactly this code, or None (a registration outside the registry)."""
    return SupervisedObject.objects.for_user(user).filter(uscc=uscc).first()


def active_objects_within(jurisdiction):
    """Every active object inside ``jurisdiction`` (the system's read behind a plan's frozen pool, not a user's)."""
    return SupervisedObject.objects.filter(jurisdiction__path__startswith=jurisdiction.path, status="active")


def object_ids_by_uscc(usccs) -> dict[str, int]:
    """``uscc -> id`` of the objects with these codes (a drawn list's codes back to its objects)."""
    return dict(SupervisedObject.objects.filter(uscc__in=list(usccs)).values_list("uscc", "pk"))


def positive_list_objects(user):
    """The objects on the positive list inside ``user``'s scope, by name (another app's choices)."""
    return SupervisedObject.objects.for_user(user).filter(on_positive_list=True).order_by("name")


def object_file(*, user, obj: SupervisedObject) -> dict[str, Any]:
    """Everything of one source's file (一源一档), each part read for ``user``."""
    from .models import ClassChange, CleanerProductionAudit, Commitment, PositiveListEntry

    def mine(model, lookup="supervised_object"):
        return model.objects.for_user(user).filter(**{lookup: obj})

    return {
        "permits": mine(Permit).order_by("-valid_to"),
        "registrations": mine(Registration),
        "reports": mine(ExecutionReport, "permit__supervised_object")
        .select_related("permit")
        .order_by("-period_end", "frequency")[:200],
        "commitments": mine(Commitment),
        "class_changes": mine(ClassChange).select_related("actor"),
        "positive_list": mine(PositiveListEntry),
        "cp_audits": mine(CleanerProductionAudit),
    }


def district_choices() -> list[tuple[str, str]]:
    """``(code, name)`` of every district, for filter selects."""
    from .filters import district_choices as choices

    return choices()


def grid_choices(user):
    """Grid cells a user may place an object in (form choices)."""
    from ecogov.core.selectors import jurisdictions_for

    return jurisdictions_for(user, "grid").select_related("parent__parent")


def permit_filterset(*, user, params=None, strict: bool = False) -> PermitFilterSet:
    return _checked(PERMITS.filter(user, params), strict)


def permit_get(*, user, pk, action: str = "view") -> Permit:
    return get_for_user(Permit, user, action, pk=pk)


def permit_list(*, user, params=None, strict: bool = False):
    return permit_filterset(user=user, params=params, strict=strict).qs


def registration_filterset(*, user, params=None, strict: bool = False) -> RegistrationFilterSet:
    return _checked(REGISTRATIONS.filter(user, params), strict)


def registration_list(*, user, params=None, strict: bool = False):
    return registration_filterset(user=user, params=params, strict=strict).qs


def report_filterset(*, user, params=None, strict: bool = False) -> ReportFilterSet:
    return _checked(REPORTS.filter(user, params), strict)


def report_get(*, user, pk, action: str = "view") -> ExecutionReport:
    return get_for_user(ExecutionReport, user, action, pk=pk)


def report_list(*, user, params=None, strict: bool = False):
    return report_filterset(user=user, params=params, strict=strict).qs


# --- computed figures ---------------------------------------------------------------------------


def class_counts(user) -> dict[str, int]:
    """``{"A": n, "B": n, "C": n, "": unclassed}`` of the objects ``user`` may see."""
    rows = SupervisedObject.objects.for_user(user).values("supervision_class").annotate(n=Count("id"))
    counts = {value: 0 for value in SupervisionClass.values()}
    counts.update({r["supervision_class"]: r["n"] for r in rows})
    return counts


def summary(user) -> dict[str, int]:
    """Headline figures of the registry within ``user``'s scope."""
    from .models import CleanerProductionAudit, Commitment

    counts = class_counts(user)
    objects = SupervisedObject.objects.for_user(user)
    audits = CleanerProductionAudit.objects.for_user(user)
    return {
        "objects": objects.count(),
        "class_a": counts["A"],
        "class_b": counts["B"],
        "class_c": counts["C"],
        "positive_list": objects.filter(on_positive_list=True).count(),
        "permits": Permit.objects.for_user(user).count(),
        "registrations": Registration.objects.for_user(user).count(),
        "commitments": Commitment.objects.for_user(user).values("supervised_object").distinct().count(),
        "cp_audits": audits.count(),
        "cp_low_cost_measures": sum(audits.values_list("low_cost_measures", flat=True)),
        "cp_high_cost_measures": sum(audits.values_list("high_cost_measures", flat=True)),
    }


def _rate(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _period_label(frequency: str, start: dt.date) -> str:
    if frequency == ReportFrequency.ANNUAL:
        return f"{start.year}"
    if frequency == ReportFrequency.SEMIANNUAL:
        return f"{start.year}H{1 if start.month <= 6 else 2}"
    if frequency == ReportFrequency.QUARTERLY:
        return f"{start.year}Q{(start.month - 1) // 3 + 1}"
    return f"{start:%Y-%m}"


def submission_rates(
    *,
    user,
    frequency: str | None = None,
    year: int | None = None,
    as_of: dt.date | None = None,
    district: str = "",
) -> list[dict[str, Any]]:
    """Submission rate per (frequency, period), computed from the execution reports.

    Only reports due on or before ``as_of`` count: ``due`` reports, of which
    ``submitted`` were submitted by ``as_of`` (``on_time`` by their due date);
    ``overdue`` = due and not submitted. Rates are percentages to one decimal.
    """
    as_of = as_of or timezone.localdate()
    params = {k: v for k, v in {"frequency": frequency, "year": year, "district": district}.items() if v}
    qs = report_list(user=user, params=params, strict=True).filter(due_date__lte=as_of)
    rows = (
        qs.order_by()
        .values("frequency", "period_start", "period_end")
        .annotate(
            due=Count("id"),
            submitted=Count("id", filter=Q(submitted_date__lte=as_of)),
            on_time=Count("id", filter=Q(submitted_date__lte=as_of) & Q(submitted_date__lte=F("due_date"))),
        )
        .order_by("-period_end", "frequency")
    )
    out = []
    for r in rows:
        out.append(
            {
                "frequency": r["frequency"],
                "frequency_label": ReportFrequency.label(r["frequency"]),
                "period": _period_label(r["frequency"], r["period_start"]),
                "period_start": r["period_start"],
                "period_end": r["period_end"],
                "due": r["due"],
                "submitted": r["submitted"],
                "on_time": r["on_time"],
                "overdue": r["due"] - r["submitted"],
                "rate": _rate(r["submitted"], r["due"]),
                "on_time_rate": _rate(r["on_time"], r["due"]),
            }
        )
    return out


def overdue_reports(*, user, as_of: dt.date | None = None, params=None):
    """Reports past their due date and not submitted (by ``as_of``), oldest due first."""
    as_of = as_of or timezone.localdate()
    qs = report_list(user=user, params=params)
    return (
        qs.filter(due_date__lt=as_of)
        .filter(Q(submitted_date__isnull=True) | Q(submitted_date__gt=as_of))
        .order_by("due_date", "permit__permit_no")
    )


def due_reports(user, *, today: dt.date, horizon_days: int):
    """Execution reports not yet submitted that are overdue or fall due within ``horizon_days`` of
    ``today`` (the "registry-reports" clock source), soonest first, each linked to its file's tab."""
    until = clock.add_calendar_days(today, horizon_days)
    rows = reports_for(user).filter(submitted_date__isnull=True, due_date__lte=until)
    for report in rows.order_by("due_date", "permit__permit_no", "pk"):
        obj = report.permit.supervised_object
        period = f"{report.period_start:%Y-%m-%d}~{report.period_end:%Y-%m-%d}"
        yield contrib.Deadline(
            kind="registry-reports",
            label=f"{obj.name}：{report.permit.permit_no} {ReportFrequency.label(report.frequency)}",
            due=report.due_date,
            url=f"{reverse('registry:object_detail', args=[obj.pk])}?tab=reports",
            owner=obj.name,
            note=period,
        )


def annual_submission_rate(*, user, year: int, as_of: dt.date | None = None) -> dict[str, Any] | None:
    rows = submission_rates(user=user, frequency=ReportFrequency.ANNUAL, year=year, as_of=as_of)
    return rows[0] if rows else None


def home_cards(user) -> list[dict[str, Any]]:
    """Home-page cards: objects by class, positive list, permits, last year's annual report rate."""
    objects = SupervisedObject.objects.for_user(user)
    if not objects.exists() and getattr(user, "role", "") == "enterprise":
        return []
    counts = class_counts(user)
    url = reverse("registry:object_list")
    last_year = timezone.localdate().year - 1
    annual = annual_submission_rate(user=user, year=last_year)
    return [
        {
            "label": _("Supervised objects"),
            "value": objects.count(),
            "url": url,
            "note": f"A {counts['A']} · B {counts['B']} · C {counts['C']}",
        },
        {
            "label": _("Positive list"),
            "value": objects.filter(on_positive_list=True).count(),
            "url": f"{url}?positive_list=true",
            "note": "",
        },
        {
            "label": _("Discharge permits"),
            "value": Permit.objects.for_user(user).count(),
            "url": reverse("registry:permit_list"),
            "note": _("%(n)s registrations") % {"n": Registration.objects.for_user(user).count()},
        },
        {
            "label": _("Annual execution reports %(year)s") % {"year": last_year},
            "value": f"{annual['rate']}%" if annual and annual["rate"] is not None else "—",
            "url": reverse("registry:report_rates"),
            "note": _("submission rate"),
        },
    ]
