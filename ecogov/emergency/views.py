"""Pages: the lists (page kit), an event's response with its workflow steps, a drill with its
findings, a control action with its targets, checks and outcome. Thin: read through selectors,
write through one service call (``action`` / ``form_action``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecogov.core.errors import NotFound
from ecogov.core.pages import action, form_action

from . import selectors, services, services_episode
from .forms import (
    ActionForm,
    ComplianceForm,
    ConsultationForm,
    DrillForm,
    HazardCheckForm,
    IncidentForm,
    TargetForm,
)
from .models import ControlAction, ControlTarget, Drill, DrillFinding, HazardCampaign, Incident
from .workflow import ACTION_WORKFLOW, INCIDENT_WORKFLOW


def _get(model, request, pk, action_name="view"):
    try:
        return selectors.get(model, user=request.user, pk=pk, action=action_name)
    except NotFound as exc:
        raise Http404 from exc


def _steps(workflow, obj, user, url_name) -> list[dict]:
    return [{"to": s.to, "label": s.label, "form": s.form(prefix=None),
             "url": reverse(url_name, args=[obj.pk, s.to])} for s in workflow.steps(obj, user)]


def _list(page):
    @login_required
    def view(request):
        return page.response(request)
    return view


incident_list = _list(selectors.INCIDENTS)
plan_list = _list(selectors.PLANS)
drill_list = _list(selectors.DRILLS)
campaign_list = _list(selectors.CAMPAIGNS)
hazard_list = _list(selectors.HAZARDS)
check_list = _list(selectors.CHECKS)
consultation_list = _list(selectors.CONSULTATIONS)
action_list = _list(selectors.ACTIONS)
reduction_plan_list = _list(selectors.REDUCTION_PLANS)
ozone_list = _list(selectors.OZONE_LISTS)


@login_required
def incident_new(request):
    form = IncidentForm(request.POST or None, user=request.user)
    return form_action(request, form, lambda d: services.incident_report(data=d, actor=request.user),
                       then=lambda i: reverse("emergency:incident_detail", args=[i.pk]),
                       template="emergency/form.html", context={"title": _("Report an environmental emergency")},
                       done=_("Event recorded."))


@login_required
def incident_detail(request, pk: int):
    incident = _get(Incident, request, pk)
    return render(request, "emergency/incident_detail.html", {
        "obj": incident, "steps": _steps(INCIDENT_WORKFLOW, incident, request.user, "emergency:incident_move")})


@login_required
@require_POST
def incident_move(request, pk: int, to: str):
    incident = _get(Incident, request, pk, "change")
    back = reverse("emergency:incident_detail", args=[pk])
    step = INCIDENT_WORKFLOW.step(incident, to, request.user)
    form = step.form(request.POST, prefix=None) if step else None
    data = form.cleaned_data if form is not None and form.is_valid() else {}
    return action(request, lambda: services.incident_move(incident=incident, to=to, actor=request.user, data=data),
                  then=back, done=step.label if step else None)


@login_required
def drill_new(request):
    form = DrillForm(request.POST or None, user=request.user)

    def record(d):
        findings = d.pop("findings", "").splitlines()
        return services.drill_record(data=d, actor=request.user, findings=findings)

    return form_action(request, form, record, then=lambda x: reverse("emergency:drill_detail", args=[x.pk]),
                       template="emergency/form.html", context={"title": _("Record a drill")},
                       done=_("Drill recorded."))


@login_required
def drill_detail(request, pk: int):
    drill = _get(Drill, request, pk)
    return render(request, "emergency/drill_detail.html", {"obj": drill, "findings": drill.findings.all()})


@login_required
@require_POST
def finding_raise(request, pk: int):
    finding = _get(DrillFinding, request, pk, "change")
    return action(request, lambda: services.finding_raise_ledger(finding=finding, actor=request.user),
                  then=reverse("emergency:drill_detail", args=[finding.drill_id]), done=_("Put on the ledger."))


@login_required
def campaign_check(request, pk: int):
    campaign = _get(HazardCampaign, request, pk)
    form = HazardCheckForm(request.POST or None, user=request.user, area=campaign.jurisdiction)
    return form_action(request, form, lambda d: services.hazard_check_record(
        campaign=campaign, actor=request.user, **form.service_args()),
        then=f"{reverse('emergency:check_list')}?campaign={campaign.pk}", template="emergency/form.html",
        context={"title": f"{campaign.name}：{_('record a checklist')}"}, done=_("Checklist recorded."))


@login_required
@require_POST
def hazards_sync(request):
    return action(request, lambda: services.hazards_sync(actor=request.user), then="emergency:hazard_list",
                  done=_("Hazard list brought up to date with the ledger."))


@login_required
def consultation_new(request):
    form = ConsultationForm(request.POST or None, user=request.user)
    return form_action(request, form, lambda d: services_episode.consultation_record(data=d, actor=request.user),
                       then="emergency:consultation_list", template="emergency/form.html",
                       context={"title": _("Record a joint consultation")})


@login_required
def action_new(request):
    form = ActionForm(request.POST or None, user=request.user)
    return form_action(request, form, lambda d: services_episode.action_create(data=d, actor=request.user),
                       then=lambda a: reverse("emergency:action_detail", args=[a.pk]),
                       template="emergency/form.html", context={"title": _("New point-to-point control action")})


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
