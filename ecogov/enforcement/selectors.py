"""Enforcement reads: deadline configuration, a case's deadlines, the overdue
list, period figures, and the restricted lists behind pages, API and exports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecogov.core import clock, contrib
from ecogov.core.filters import checked
from ecogov.core.models import Jurisdiction
from ecogov.core.pages import ListPage
from ecogov.core.params import year_param
from ecogov.core.permissions import role_allows
from ecogov.supervision import selectors as supervision_selectors

from . import deadlines
from .choices import CaseStatus as S
from .filters import CaseFilterSet, DiscretionFilterSet, TransferFilterSet, YellowCardFilterSet
from .models import CaseTransfer, DiscretionRule, PenaltyCase, YellowCard
from .tables import CASE_COLUMNS, DISCRETION_COLUMNS, TRANSFER_COLUMNS, YELLOW_CARD_COLUMNS
from .workflow import DECIDERS, deadline_config

DECIDED_STATES = (S.DECIDED, S.DELIVERED, S.EXECUTED, S.CLOSED)
OPEN_STATES = (S.FILED, S.INVESTIGATION, S.NOTIFIED, S.HEARING)


@dataclass
class Deadline:
    key: str
    label: str
    due: dt.date | None
    done: dt.date | None
    overdue: bool


def case_deadlines(case: PenaltyCase, today: dt.date | None = None, *, cfg: dict | None = None,
                   cal: clock.Calendar | None = None) -> list[Deadline]:
    """Every legal deadline of ``case``: last day, date done, overdue flag (on the one clock's calendar)."""
    today = today or timezone.localdate()
    cfg = cfg if cfg is not None else deadline_config()
    cal = cal if cal is not None else clock.calendar()
    out = []

    def add(key, label, due, done):
        out.append(Deadline(key, label, due, done, deadlines.overdue(due, done, today)))

    if case.filed_date:
        ext = [e.days for e in case.extensions.all()]
        finished = case.decision_date or (case.closed_date if case.status == S.WITHDRAWN else None)
        add("decision", _("Decision (90 days from filing, with extensions)"),
            deadlines.decision_due(case.filed_date, ext, cfg), finished)
    if case.notice_date:
        add("hearing_request", _("Hearing request (5 working days from notice)"),
            deadlines.hearing_request_due(case.notice_date, cfg, cal=cal),
            case.hearing_request_date or case.decision_date)
    if case.hearing_date:
        add("hearing_notice", _("Hearing notified (7 working days ahead)"),
            deadlines.hearing_notice_latest(case.hearing_date, cfg, cal=cal), case.hearing_notice_date)
    if case.decision_date:
        add("delivery", _("Delivery (7 working days from decision)"),
            deadlines.delivery_due(case.decision_date, cfg, cal=cal), case.delivery_date)
    if case.delivery_date and case.amount:
        add("payment", _("Payment (15 days from delivery)"), deadlines.payment_due(case.delivery_date, cfg), case.paid_date)
    return out


def current_surcharge(case: PenaltyCase, today: dt.date) -> Decimal:
    if not case.delivery_date or not case.amount or case.paid_date:
        return case.surcharge or Decimal("0")
    cfg = deadline_config()
    return deadlines.late_surcharge(case.amount, deadlines.payment_due(case.delivery_date, cfg), today, cfg)


def cases_for(user):
    return PenaltyCase.objects.for_user(user).select_related("supervised_object", "handler")


def _open_cases(user):
    return cases_for(user).filter(status__in=(*OPEN_STATES, S.DECIDED, S.DELIVERED)).prefetch_related("extensions")


def open_deadlines(user, today: dt.date | None = None):
    """``(case, its deadlines not yet met)`` for each open case in ``user``'s scope (one calendar for all)."""
    today = today or timezone.localdate()
    cfg, cal = deadline_config(), clock.calendar()
    for case in _open_cases(user):
        pending = [d for d in case_deadlines(case, today, cfg=cfg, cal=cal) if d.done is None and d.due]
        if pending:
            yield case, pending


def overdue_cases(user, today: dt.date | None = None) -> list[tuple[PenaltyCase, list[Deadline]]]:
    """Open cases with at least one overdue deadline."""
    out = []
    for case, pending in open_deadlines(user, today):
        late = [d for d in pending if d.overdue]
        if late:
            out.append((case, late))
    return out


@dataclass(frozen=True)
class OverdueRow:
    """One row of the overdue list (the page and its export)."""

    case: PenaltyCase
    late: list[Deadline]

    @property
    def pk(self) -> int:
        return self.case.pk


def overdue_rows(user, today: dt.date | None = None) -> list[OverdueRow]:
    return [OverdueRow(case, late) for case, late in overdue_cases(user, today)]


def due_items(user, *, today: dt.date, horizon_days: int):
    """The "enforcement" clock source: every legal deadline of an open case in ``user``'s scope that is
    not met and is overdue or falls due within ``horizon_days`` of ``today``, soonest first."""
    until = clock.add_calendar_days(today, horizon_days)
    items = []
    for case, pending in open_deadlines(user, today):
        for d in pending:
            if d.due <= until:
                items.append(contrib.Deadline(
                    kind="enforcement", label=f"{case.case_no}：{d.label}", due=d.due, url=case.get_absolute_url(),
                    owner=case.supervised_object.name, note=case.status_label,
                    owner_ids=(case.handler_id,) if case.handler_id else ()))
    return sorted(items, key=lambda d: (d.due, d.label))


def period_figures(user, start: dt.date, end: dt.date) -> dict:
    """Cases filed and decided, total fines, yellow cards and transfers in [start, end]."""
    cases = PenaltyCase.objects.for_user(user)
    decided = cases.filter(decision_date__range=(start, end), status__in=DECIDED_STATES)
    fined = decided.filter(amount__gt=0)
    return {
        "filed": cases.filter(filed_date__range=(start, end)).count(),
        "decided": decided.count(),
        "fined": fined.count(),
        "total_amount": fined.aggregate(s=Sum("amount"))["s"] or Decimal("0"),
        "joint_fined": fined.filter(joint_action=True).count(),
        "joint_amount": fined.filter(joint_action=True).aggregate(s=Sum("amount"))["s"] or Decimal("0"),
        "yellow_cards": YellowCard.objects.for_user(user).filter(issued_date__range=(start, end)).count(),
        "transfers": CaseTransfer.objects.for_user(user).filter(transfer_date__range=(start, end)).count(),
    }


def home_cards(user) -> list[dict]:
    if not user.is_authenticated or user.role == "enterprise":
        return []
    today = timezone.localdate()
    figures = period_figures(user, dt.date(today.year, 1, 1), today)
    url = reverse("enforcement:case_list")
    return [
        {"label": _("Penalty cases filed this year"), "value": figures["filed"], "url": url,
         "note": _("%(n)s decided") % {"n": figures["decided"]}},
        {"label": _("Fines this year (CNY)"), "value": f"{figures['total_amount']:,.0f}", "url": url, "note": ""},
    ]


def public_decisions(year: int | str | None = None):
    """Published decisions, of ``year`` if given (2000..2100, else ``ValidationFailed``)."""
    year = year_param(year)
    qs = PenaltyCase.objects.for_user(None).filter(status__in=DECIDED_STATES).select_related("supervised_object")
    return qs.filter(decision_date__year=year) if year else qs


def public_yellow_cards(year: int | str | None = None):
    year = year_param(year)
    qs = YellowCard.objects.for_user(None).select_related("supervised_object")
    return qs.filter(issued_date__year=year) if year else qs


#: The deciding authority of a penalty is the city's ecology and environment bureau.
AUTHORITY_SUFFIX = "生态环境局"


def penalty_authority() -> str:
    """The name printed as the deciding authority on public decisions: the city's bureau
    (the city jurisdiction's name + "生态环境局")."""
    city = Jurisdiction.objects.filter(level="city").order_by("code").values_list("name", flat=True).first()
    return f"{city}{AUTHORITY_SUFFIX}" if city else ""


def case_flags(user, case: PenaltyCase) -> dict[str, bool]:
    """Which of the case page's side forms ``user`` may use now; the services refuse the same."""
    def may(action: str, model=PenaltyCase) -> bool:
        return bool(user.is_superuser or role_allows(user.role, action, model))

    filed = case.status not in (S.PENDING, S.NOT_FILED)
    return {
        "extend": case.status in OPEN_STATES and may("approve") and (user.is_superuser or user.role in DECIDERS),
        "daily": may("change"),
        "yellow": may("add", YellowCard),
        "transfer": filed and may("change"),
    }


def may_open_case(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or role_allows(user.role, "add", PenaltyCase)))


def _inspection_model():
    return PenaltyCase._meta.get_field("inspection").related_model


def related_panels(user, obj) -> list[dict]:
    """On an inspection's page: the penalty cases it opened (in ``user``'s scope) and, while none
    exists and the inspection found a problem, the link to open one."""
    if not isinstance(obj, _inspection_model()):
        return []
    cases = list(cases_for(user).filter(inspection=obj))
    items = [{"url": c.get_absolute_url(), "label": c.case_no, "note": c.status_label} for c in cases]
    if not cases and may_open_case(user) and supervision_selectors.inspection_problem_text(obj):
        items.append({"url": f"{reverse('enforcement:case_from_inspection')}?inspection={obj.pk}",
                      "label": _("Open a penalty case from this inspection"), "note": ""})
    return [{"title": _("Penalty cases"), "items": items}]


def discretion_rules():
    return DiscretionRule.objects.filter(active=True)


def _discretion(user):
    return discretion_rules()


def yellow_cards_for(user):
    return YellowCard.objects.for_user(user).select_related("supervised_object")


def transfers_for(user):
    return CaseTransfer.objects.for_user(user).select_related("case", "case__supervised_object")


# --- list pages: one definition gives the page, its .xlsx export and the API filter ----------------

LIST_PAGE_SIZE = 50

CASES = ListPage(
    filterset=CaseFilterSet, columns=CASE_COLUMNS, queryset=cases_for, title=gettext_lazy("Penalty cases"),
    filename="penalty-cases", link="enforcement:case_detail", template="enforcement/list.html",
    page_size=LIST_PAGE_SIZE,
)
YELLOW_CARDS = ListPage(
    filterset=YellowCardFilterSet, columns=YELLOW_CARD_COLUMNS, queryset=yellow_cards_for,
    title=gettext_lazy("Yellow cards"), filename="yellow-cards", template="enforcement/list.html",
    page_size=LIST_PAGE_SIZE,
)
TRANSFERS = ListPage(
    filterset=TransferFilterSet, columns=TRANSFER_COLUMNS, queryset=transfers_for,
    title=gettext_lazy("Case transfers"), filename="transfers", template="enforcement/transfer_list.html",
    page_size=LIST_PAGE_SIZE,
)
DISCRETION = ListPage(
    filterset=DiscretionFilterSet, columns=DISCRETION_COLUMNS, queryset=_discretion,
    title=gettext_lazy("Discretion table"), filename="discretion", template="enforcement/list.html",
    page_size=LIST_PAGE_SIZE,
)
LIST_PAGES = {"cases": CASES, "yellow_cards": YELLOW_CARDS, "transfers": TRANSFERS, "discretion": DISCRETION}


def api_list(page: ListPage, user, params):
    """The API's list: the page's FilterSet over ``user``'s rows; an invalid filter value is a 422."""
    return checked(page.filter(user, params)).qs
