"""Pages of episode controls: consultations, a point-to-point action with its targets (picked from
the emergency reduction list and the one-enterprise-one-policy plans), checks, ledger items and
outcome; one-enterprise-one-policy plans with their targets and follow-ups; ozone-season lists with
their sources, check rounds and checks. Thin: one service call per page (``form_action`` / ``action``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecogov.core.pages import action, form_action

from . import selectors, services_episode
from .forms import (
    ActionForm,
    ComplianceForm,
    ConsultationForm,
    FollowUpForm,
    OzoneCheckForm,
    OzoneEntryForm,
    OzoneListForm,
    OzoneRoundForm,
    ReductionPlanForm,
    TargetForm,
)
from .models import ComplianceCheck, ControlAction, ControlTarget, OzoneList, OzoneRound, ReductionPlan
from .views import FORM, _get, _steps
from .workflow import ACTION_WORKFLOW


@login_required
def consultation_new(request):
    form = ConsultationForm(request.POST or None, user=request.user)
    return form_action(request, form, lambda d: services_episode.consultation_record(data=d, actor=request.user),
                       then="emergency:consultation_list", template=FORM,
                       context={"title": _("Record a joint consultation")})


@login_required
def action_new(request):
    form = ActionForm(request.POST or None, user=request.user)
    return form_action(request, form, lambda d: services_episode.action_create(
        data=d, actor=request.user, list_objects=d["list_objects"], plans=d["plans"]),
                       then=lambda a: reverse("emergency:action_detail", args=[a.pk]),
                       template=FORM, context={"title": _("New point-to-point control action")})


@login_required
def action_detail(request, pk: int):
    obj = _get(ControlAction, request, pk)
    targets = obj.targets.select_related("supervised_object").prefetch_related("checks")
    return render(request, "emergency/action_detail.html", {
        "obj": obj, "targets": targets, "outcome": selectors.OutcomeMemo().outcome(obj),
        "steps": _steps(ACTION_WORKFLOW, obj, request.user, "emergency:action_move"),
        "target_form": TargetForm(user=request.user, area=obj.jurisdiction), "check_form": ComplianceForm()})


def _action_back(pk) -> str:
    return reverse("emergency:action_detail", args=[pk])


@login_required
@require_POST
def action_move(request, pk: int, to: str):
    obj = _get(ControlAction, request, pk, "change")
    return action(request, lambda: services_episode.action_move(action=obj, to=to, actor=request.user),
                  then=_action_back(pk))


@login_required
@require_POST
def target_add(request, pk: int):
    obj = _get(ControlAction, request, pk, "change")
    form = TargetForm(request.POST, user=request.user, area=obj.jurisdiction)

    def add():
        if not form.is_valid():
            raise ValueError(form.errors.as_text())
        return services_episode.target_add(action=obj, actor=request.user, **form.cleaned_data)

    return action(request, add, then=_action_back(pk), done=_("Target added."))


@login_required
@require_POST
def targets_from_list(request, pk: int):
    obj = _get(ControlAction, request, pk, "change")
    return action(request, lambda: services_episode.targets_from_reduction_list(action=obj, actor=request.user),
                  then=_action_back(pk), done=_("Targets taken from the emergency reduction list."))


@login_required
@require_POST
def compliance_add(request, pk: int):
    target = _get(ControlTarget, request, pk, "change")
    form = ComplianceForm(request.POST)

    def record():
        if not form.is_valid():
            raise ValueError(form.errors.as_text())
        return services_episode.compliance_check(target=target, actor=request.user, **form.cleaned_data)

    return action(request, record, then=_action_back(target.action_id), done=_("Check recorded."))


@login_required
@require_POST
def compliance_raise(request, pk: int):
    check = _get(ComplianceCheck, request, pk, "change")
    return action(request, lambda: services_episode.compliance_raise_ledger(check=check, actor=request.user),
                  then=_action_back(check.target.action_id), done=_("Put on the ledger."))


# ----------------------------------------------------------------------------- one enterprise, one policy


@login_required
def reduction_plan_new(request):
    form = ReductionPlanForm(request.POST or None, user=request.user)
    return form_action(request, form, lambda d: services_episode.reduction_plan_create(
        supervised_object=d["supervised_object"], year=d["year"], measures=d["measures"], targets=form.targets(),
        actor=request.user), then=lambda p: p.get_absolute_url(), template=FORM,
        context={"title": _("New one-enterprise-one-policy plan")}, done=_("Plan recorded."))


@login_required
def reduction_plan_detail(request, pk: int):
    plan = _get(ReductionPlan, request, pk)
    return render(request, "emergency/reduction_plan_detail.html", {"obj": plan, "targets": plan.targets.all()})


@login_required
def reduction_plan_edit(request, pk: int):
    plan = _get(ReductionPlan, request, pk, "change")
    form = ReductionPlanForm(request.POST or None, plan=plan)
    return form_action(request, form, lambda d: services_episode.reduction_plan_update(
        plan=plan, measures=d["measures"], targets=form.targets(), actor=request.user),
        then=plan.get_absolute_url(), template=FORM, context={"title": f"{plan}：{_('edit')}"})


@login_required
def reduction_follow_up(request, pk: int):
    plan = _get(ReductionPlan, request, pk, "change")
    form = FollowUpForm(request.POST or None, plan=plan)
    return form_action(request, form, lambda d: services_episode.reduction_follow_up(
        plan=plan, date=d["date"], note=d["note"], achieved=form.achieved(), actor=request.user),
        then=plan.get_absolute_url(), template=FORM, context={"title": f"{plan}：{_('follow-up')}"},
        done=_("Follow-up recorded."))


# ----------------------------------------------------------------------------- ozone season


@login_required
def ozone_new(request):
    form = OzoneListForm(request.POST or None, user=request.user)
    return form_action(request, form, lambda d: services_episode.ozone_list_create(data=d, actor=request.user),
                       then=lambda o: o.get_absolute_url(), template=FORM,
                       context={"title": _("New ozone-season control list")}, done=_("List recorded."))


@login_required
def ozone_detail(request, pk: int):
    obj = _get(OzoneList, request, pk)
    return render(request, "emergency/ozone_detail.html", selectors.ozone_page(request.user, obj))


@login_required
def ozone_entry_new(request, pk: int):
    obj = _get(OzoneList, request, pk, "change")
    form = OzoneEntryForm(request.POST or None, user=request.user, area=obj.jurisdiction)
    return form_action(request, form, lambda d: services_episode.ozone_entry_add(
        ozone_list=obj, actor=request.user, **d), then=obj.get_absolute_url(), template=FORM,
        context={"title": f"{obj.name}：{_('add a source')}"}, done=_("Source added."))


@login_required
def ozone_round_new(request, pk: int):
    obj = _get(OzoneList, request, pk, "change")
    form = OzoneRoundForm(request.POST or None)
    return form_action(request, form, lambda d: services_episode.ozone_round_add(
        ozone_list=obj, actor=request.user, **d), then=obj.get_absolute_url(), template=FORM,
        context={"title": f"{obj.name}：{_('add a check round')}"}, done=_("Check round added."))


@login_required
def ozone_check_new(request, pk: int):
    rnd = _get(OzoneRound, request, pk)
    form = OzoneCheckForm(request.POST or None, user=request.user, ozone_round=rnd)
    return form_action(request, form, lambda d: services_episode.ozone_check(
        round=rnd, actor=request.user, **d), then=reverse("emergency:ozone_detail", args=[rnd.ozone_list_id]),
        template=FORM, context={"title": f"{rnd}：{_('record a check')}"}, done=_("Check recorded."))
