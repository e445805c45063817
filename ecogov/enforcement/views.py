"""Staff pages: case list, case page (the workflow's steps with their forms, deadlines,
history), a case opened from an inspection, overdue list, period figures, yellow cards,
transfers, the discretion table. Lists are core ListPages; every POST goes through
``core.pages.action`` or ``form_action``."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ecogov.core.api_utils import get_for_user
from ecogov.core.errors import NotFound, ValidationFailed
from ecogov.core.pages import action, form_action, table_response
from ecogov.core.params import date_param, id_param
from ecogov.supervision import selectors as supervision_selectors

from . import selectors, services, tables
from .choices import TransferReceiver
from .models import CaseTransfer, PenaltyCase
from .workflow import WORKFLOW


def _load(model, user, action="view", **lookup):
    try:
        return get_for_user(model, user, action, **lookup)
    except NotFound as exc:
        raise Http404 from exc


@login_required
def case_list(request):
    return selectors.CASES.response(request, extra={"link_column": 1})


def _steps(case, user) -> list[dict]:
    """The moves ``user`` may make on ``case`` now (from the workflow), each with the form of its inputs."""
    return [{"to": s.to, "label": s.label, "form": s.form(prefix=None, auto_id=False)}
            for s in WORKFLOW.steps(case, user)]


@login_required
def case_detail(request, pk: int):
    case = _load(PenaltyCase, request.user, pk=pk)
    today = timezone.localdate()
    return render(request, "enforcement/case_detail.html", {
        "case": case, "steps": _steps(case, request.user), "deadlines": selectors.case_deadlines(case, today),
        "surcharge": selectors.current_surcharge(case, today),
        "extensions": case.extensions.all(), "daily": case.daily_penalties.all(), "transfers": case.transfers.all(),
        "cards": case.yellow_cards.all(), "receivers": TransferReceiver.choices(),
        "may": selectors.case_flags(request.user, case),
    })


def _step_data(case, new: str, user, post) -> dict:
    """The inputs of the step ``new`` from its form (``Rule.fields``); invalid input is refused with
    the form's own messages. A move the user may not make gets no form: the service refuses it."""
    step = WORKFLOW.step(case, new, user)
    if step is None:
        return {}
    form = step.form(post, prefix=None)
    if not form.is_valid():
        errors = {n: f"{form.fields[n].label if n in form.fields else ''}：{' '.join(e)}".lstrip("：")
                  for n, e in form.errors.items()}
        text = "；".join(errors.values())
        raise ValidationFailed("bad_step_input", text, text,
                               detail={"errors": {n: {"zh": e, "en": e} for n, e in errors.items()}})
    return {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}


@login_required
@require_POST
def case_transition(request, pk: int):
    case = _load(PenaltyCase, request.user, pk=pk)
    new, post = request.POST.get("to", ""), request.POST

    def move():
        data = _step_data(case, new, request.user, post)
        return services.case_transition(case=case, new=new, data=data, note=post.get("note", ""), actor=request.user)

    return action(request, move, then=case.get_absolute_url())


class FactsForm(forms.Form):
    facts = forms.CharField(label=gettext_lazy("Facts of the violation"), widget=forms.Textarea(attrs={"rows": 5}))


@login_required
def case_from_inspection(request):
    """Open a penalty case from an inspection (``?inspection=<id>``): a form with the facts,
    prefilled with the problems the inspection recorded."""
    pk = id_param(request.GET.get("inspection") or request.POST.get("inspection"), name="inspection")
    inspection = supervision_selectors.inspection_get(user=request.user, pk=pk)  # else 404
    form = FactsForm(request.POST or None,
                     initial={"facts": supervision_selectors.inspection_problem_text(inspection)})
    return form_action(
        request, form,
        lambda data: services.case_open_from_inspection(inspection=inspection, facts=data["facts"], actor=request.user),
        then=lambda case: case.get_absolute_url(), template="enforcement/case_from_inspection.html",
        context={"inspection": inspection}, done=_("Penalty case opened."),
    )


def _day(post, name: str) -> dt.date:
    return dt.date.fromisoformat(post.get(name, ""))


def _case_actions(case, post, actor) -> dict:
    """Extension, daily penalty, yellow card and transfer: each one service call on the posted fields."""
    return {
        "extension": lambda: services.case_extend(
            case=case, days=int(post.get("days", "")), reason=post.get("reason", ""),
            approved_date=_day(post, "date"), actor=actor),
        "daily": lambda: services.daily_penalty_record(
            case=case, fine_per_day=post.get("fine_per_day", ""), order_delivered=_day(post, "order_delivered"),
            recheck_date=_day(post, "recheck_date"), actor=actor),
        "yellow": lambda: services.yellow_card_issue(
            supervised_object=case.supervised_object, case=case, issued_date=_day(post, "date"),
            valid_to=_day(post, "valid_to"), reason=post.get("reason", ""), actor=actor),
        "transfer": lambda: services.transfer_create(
            case=case, receiver=post.get("receiver", ""), receiver_name=post.get("receiver_name", ""),
            transfer_date=_day(post, "date"), actor=actor),
    }


@login_required
@require_POST
def case_action(request, pk: int):
    """Extension, daily penalty, yellow card or transfer recorded on the case page."""
    case = _load(PenaltyCase, request.user, pk=pk)
    calls = _case_actions(case, request.POST, request.user)
    if request.POST.get("kind") not in calls:
        raise Http404
    return action(request, calls[request.POST["kind"]], then=case.get_absolute_url())


@login_required
def overdue(request):
    return table_response(request, selectors.overdue_rows(request.user), tables.OVERDUE_COLUMNS,
                          title=_("Overdue cases"), filename="overdue-cases", template="enforcement/list.html",
                          link="enforcement:case_detail", model=PenaltyCase, page_size=selectors.LIST_PAGE_SIZE,
                          extra={"link_column": 1})


@login_required
def figures(request):
    today = timezone.localdate()
    start = date_param(request.GET.get("start"), dt.date(today.year, 1, 1), name="start")
    end = date_param(request.GET.get("end"), today, name="end")
    return render(request, "enforcement/figures.html",
                  {"f": selectors.period_figures(request.user, start, end), "start": start, "end": end})


@login_required
def yellow_card_list(request):
    return selectors.YELLOW_CARDS.response(request)


@login_required
def transfer_list(request):
    if request.method == "POST":
        transfer = _load(CaseTransfer, request.user, pk=request.POST.get("pk"))
        return action(request, lambda: services.transfer_update(
            transfer=transfer, status=request.POST.get("status", ""), status_date=_day(request.POST, "date"),
            actor=request.user,
        ), then="enforcement:transfer_list")
    return selectors.TRANSFERS.response(request)


@login_required
def discretion_list(request):
    return selectors.DISCRETION.response(request)
