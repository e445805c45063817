"""Pages of environmental emergencies: the lists (page kit), an event's response with its workflow
steps, plans with their versions, a drill with its findings, hazard-check campaigns with their
checklist form and .xlsx import. Thin: read through selectors, write through one service call
(``action`` / ``form_action`` / ``import_page``). Episode controls are in ``views_episode``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecogov.core.errors import NotFound
from ecogov.core.pages import action, form_action, import_page, import_template_response

from . import selectors, services, services_import
from .forms import CampaignForm, DrillForm, HazardCheckForm, IncidentForm, PlanForm, PlanVersionForm
from .models import Drill, DrillFinding, EmergencyPlan, HazardCampaign, Incident
from .workflow import INCIDENT_WORKFLOW

FORM = "emergency/form.html"


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
                       template=FORM, context={"title": _("Report an environmental emergency")},
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
                       template=FORM, context={"title": _("Record a drill")},
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
        then=f"{reverse('emergency:check_list')}?campaign={campaign.pk}", template=FORM,
        context={"title": f"{campaign.name}：{_('record a checklist')}", "links": [
            {"url": reverse("emergency:campaign_import", args=[campaign.pk]), "label": _("Import checks (.xlsx)")}]},
        done=_("Checklist recorded."))


@login_required
@require_POST
def hazards_sync(request):
    return action(request, lambda: services.hazards_sync(actor=request.user), then="emergency:hazard_list",
                  done=_("Hazard list brought up to date with the ledger."))


@login_required
def plan_new(request):
    form = PlanForm(request.POST or None, user=request.user)
    return form_action(request, form, lambda d: services.plan_create(data=d, actor=request.user),
                       then=lambda p: reverse("emergency:plan_detail", args=[p.pk]), template=FORM,
                       context={"title": _("New emergency plan or response manual")}, done=_("Plan recorded."))


@login_required
def plan_detail(request, pk: int):
    plan = _get(EmergencyPlan, request, pk)
    return render(request, "emergency/plan_detail.html", {"obj": plan, "versions": plan.versions.all()})


@login_required
def plan_edit(request, pk: int):
    plan = _get(EmergencyPlan, request, pk, "change")
    initial = {"title": plan.title, "kind": plan.kind, "jurisdiction": plan.jurisdiction_id,
               "supervised_object": plan.supervised_object_id}
    form = PlanForm(request.POST or None, user=request.user, initial=initial)
    return form_action(request, form, lambda d: services.plan_update(plan=plan, data=d, actor=request.user),
                       then=plan.get_absolute_url(), template=FORM, context={"title": f"{plan.title}：{_('edit')}"})


@login_required
def plan_version_new(request, pk: int):
    plan = _get(EmergencyPlan, request, pk, "change")
    form = PlanVersionForm(request.POST or None, request.FILES or None)
    return form_action(request, form, lambda d: services.plan_version_add(plan=plan, actor=request.user, **d),
                       then=plan.get_absolute_url(), template=FORM,
                       context={"title": f"{plan.title}：{_('upload a new version')}"}, done=_("Version recorded."))


@login_required
def campaign_new(request):
    form = CampaignForm(request.POST or None, user=request.user)
    return form_action(request, form, lambda d: services.campaign_create(data=d, actor=request.user),
                       then="emergency:campaign_list", template=FORM,
                       context={"title": _("New hazard check campaign")}, done=_("Campaign recorded."))


@login_required
def campaign_import(request, pk: int):
    """The campaign's enterprise checks from an .xlsx: the whole file or nothing."""
    campaign = _get(HazardCampaign, request, pk, "change")
    return import_page(request, lambda data: services_import.hazard_checks_import(
        campaign=campaign, data=data, actor=request.user), template="emergency/check_import.html",
        context={"campaign": campaign})


@login_required
def check_import_template(request):
    return import_template_response(services_import.IMPORT_COLUMNS, title="隐患排查检查记录",
                                    filename="hazard-checks-template")
