"""Staff pages: case list, case page (workflow buttons, deadlines, history),
a case opened from an inspection, overdue list, period figures, yellow cards,
transfers."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from ecogov.core.api_utils import get_for_user
from ecogov.core.errors import DomainError, NotFound
from ecogov.core.pages import error_text, table_response
from ecogov.core.params import date_param, id_param
from ecogov.supervision import selectors as supervision_selectors

from . import selectors, services, tables
from .choices import CaseStatus, TransferStatus
from .models import CaseTransfer, PenaltyCase
from .workflow import WORKFLOW

LIST_PAGE_SIZE = 50

# Inputs each target state asks for: (name, kind) with kind date / text / money / rule / bool.
STEP_FIELDS = {
    CaseStatus.FILED: [("filed_date", "date")],
    CaseStatus.NOT_FILED: [("outcome_reason", "text")],
    CaseStatus.NOTIFIED: [("notice_date", "date")],
    CaseStatus.HEARING: [("hearing_request_date", "date")],
    CaseStatus.DECIDED: [("decision_date", "date"), ("decision_no", "text"), ("discretion_rule", "rule"),
                         ("amount", "money"), ("discretion_reasoning", "text"), ("hearing_notice_date", "date"),
                         ("hearing_date", "date"), ("waived", "bool")],
    CaseStatus.DELIVERED: [("delivery_date", "date")],
    CaseStatus.EXECUTED: [("paid_date", "date")],
    CaseStatus.CLOSED: [("closed_date", "date")],
    CaseStatus.WITHDRAWN: [("outcome_reason", "text")],
}
FIELD_LABELS = {
    "filed_date": _l("Filed on"), "outcome_reason": _l("Reason"), "notice_date": _l("Prior notice on"),
    "hearing_request_date": _l("Hearing requested on"), "decision_date": _l("Decided on"),
    "decision_no": _l("Decision number"), "discretion_rule": _l("Discretion rule"), "amount": _l("Fine (CNY)"),
    "discretion_reasoning": _l("Discretion reasoning"), "hearing_notice_date": _l("Hearing notified on"),
    "hearing_date": _l("Hearing on"), "waived": _l("Party waived statement and hearing"),
    "delivery_date": _l("Delivered on"), "paid_date": _l("Paid on"), "closed_date": _l("Closed on"),
}


def _load(model, user, action="view", **lookup):
    try:
        return get_for_user(model, user, action, **lookup)
    except NotFound as exc:
        raise Http404 from exc


def _list(request, rows, columns, *, template: str, title: str, filename: str, **extra):
    """A list page and its .xlsx export (the export needs the "export" permission on the model)."""
    return table_response(request, rows, columns, title=title, filename=filename, template=template,
                          page_size=LIST_PAGE_SIZE, model=rows.model, extra=extra)


@login_required
def case_list(request):
    return _list(request, selectors.cases_for(request.user, request.GET), tables.CASE_COLUMNS,
                 template="enforcement/case_list.html", title=_("Penalty cases"), filename="penalty-cases",
                 statuses=CaseStatus.choices())


@login_required
def case_detail(request, pk: int):
    case = _load(PenaltyCase, request.user, pk=pk)
    today = timezone.localdate()
    steps = []
    for new in WORKFLOW.allowed(case, request.user):
        rule = WORKFLOW.transitions[(case.status, new)]
        fields = [f for f in STEP_FIELDS.get(new, []) if case.status == CaseStatus.HEARING or f[0] not in
                  ("hearing_notice_date", "hearing_date")]
        steps.append({"to": new, "rule": rule, "fields": [(n, k, FIELD_LABELS[n]) for n, k in fields]})
    return render(request, "enforcement/case_detail.html", {
        "case": case, "steps": steps, "deadlines": selectors.case_deadlines(case, today),
        "surcharge": selectors.current_surcharge(case, today), "rules": selectors.discretion_rules(),
        "extensions": case.extensions.all(), "daily": case.daily_penalties.all(), "transfers": case.transfers.all(),
        "cards": case.yellow_cards.all(), "receivers": [("police", _("Public security")),
                                                        ("procuratorate", _("Procuratorate"))],
    })


def _parse(post, fields) -> dict:
    data = {}
    for name, kind in fields:
        raw = post.get(name, "").strip()
        if kind == "bool":
            data[name] = raw == "on"
        elif not raw:
            continue
        elif kind == "date":
            data[name] = dt.date.fromisoformat(raw)
        elif kind == "rule":
            data[name] = selectors.discretion_rules().filter(pk=raw).first()
        else:
            data[name] = raw
    return data


@login_required
@require_POST
def case_transition(request, pk: int):
    case = _load(PenaltyCase, request.user, pk=pk)
    new = request.POST.get("to", "")
    try:
        data = _parse(request.POST, STEP_FIELDS.get(new, []))
        services.case_transition(case=case, new=new, data=data, note=request.POST.get("note", ""), actor=request.user)
        messages.success(request, _("Done."))
    except (DomainError, ValueError) as exc:
        messages.error(request, error_text(exc))
    return redirect("enforcement:case_detail", pk=case.pk)


@login_required
def case_from_inspection(request):
    """Open a penalty case from an inspection (``?inspection=<id>``): a form with the facts,
    prefilled with the problems the inspection recorded."""
    pk = id_param(request.GET.get("inspection") or request.POST.get("inspection"), name="inspection")
    inspection = supervision_selectors.inspection_get(user=request.user, pk=pk)  # else 404
    facts = request.POST.get("facts", "") if request.method == "POST" else ""
    if request.method == "POST":
        try:
            case = services.case_open_from_inspection(inspection=inspection, facts=facts, actor=request.user)
        except DomainError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Penalty case opened."))
            return redirect("enforcement:case_detail", pk=case.pk)
    return render(request, "enforcement/case_from_inspection.html", {
        "inspection": inspection,
        "facts": facts or supervision_selectors.inspection_problem_text(inspection),
    })


@login_required
@require_POST
def case_action(request, pk: int):
    """Extension, daily penalty, yellow card or transfer recorded on the case page."""
    case = _load(PenaltyCase, request.user, pk=pk)
    post, kind = request.POST, request.POST.get("kind")
    day = dt.date.fromisoformat
    try:
        if kind == "extension":
            services.case_extend(case=case, days=int(post["days"]), reason=post.get("reason", ""),
                                 approved_date=day(post["date"]), actor=request.user)
        elif kind == "daily":
            services.daily_penalty_record(case=case, fine_per_day=post["fine_per_day"],
                                          order_delivered=day(post["order_delivered"]),
                                          recheck_date=day(post["recheck_date"]), actor=request.user)
        elif kind == "yellow":
            services.yellow_card_issue(supervised_object=case.supervised_object, case=case,
                                       issued_date=day(post["date"]), valid_to=day(post["valid_to"]),
                                       reason=post.get("reason", ""), actor=request.user)
        elif kind == "transfer":
            services.transfer_create(case=case, receiver=post.get("receiver", ""),
                                     receiver_name=post.get("receiver_name", ""), transfer_date=day(post["date"]),
                                     actor=request.user)
        else:
            raise Http404
        messages.success(request, _("Done."))
    except (DomainError, ValueError, KeyError) as exc:
        messages.error(request, error_text(exc))
    return redirect("enforcement:case_detail", pk=case.pk)


@login_required
def overdue(request):
    return render(request, "enforcement/overdue.html", {"rows": selectors.overdue_cases(request.user)})


@login_required
def figures(request):
    today = timezone.localdate()
    start = date_param(request.GET.get("start"), dt.date(today.year, 1, 1), name="start")
    end = date_param(request.GET.get("end"), today, name="end")
    return render(request, "enforcement/figures.html",
                  {"f": selectors.period_figures(request.user, start, end), "start": start, "end": end})


@login_required
def yellow_card_list(request):
    qs = selectors.yellow_cards_for(request.user)
    return _list(request, qs, tables.YELLOW_CARD_COLUMNS, template="enforcement/simple_list.html",
                 title=_("Yellow cards"), filename="yellow-cards")


@login_required
def transfer_list(request):
    if request.method == "POST":
        transfer = _load(CaseTransfer, request.user, pk=request.POST.get("pk"))
        try:
            services.transfer_update(transfer=transfer, status=request.POST.get("status", ""),
                                     status_date=dt.date.fromisoformat(request.POST.get("date", "")),
                                     actor=request.user)
        except (DomainError, ValueError) as exc:
            messages.error(request, error_text(exc))
        return redirect("enforcement:transfer_list")
    qs = selectors.transfers_for(request.user)
    return _list(request, qs, tables.TRANSFER_COLUMNS, template="enforcement/transfer_list.html",
                 title=_("Case transfers"), filename="transfers", statuses=TransferStatus.choices())


@login_required
def discretion_list(request):
    return _list(request, selectors.discretion_rules(), tables.DISCRETION_COLUMNS,
                 template="enforcement/simple_list.html", title=_("Discretion table"), filename="discretion")
