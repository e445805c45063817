"""Forms of the pages; every choice list reads through the user's scope."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ecogov.core.models import Jurisdiction
from ecogov.monitoring import selectors as monitoring
from ecogov.registry import selectors as registry

from .choices import (
    CheckResult,
    Facility,
    HazardLevel,
    IncidentKind,
    IncidentLevel,
    Medium,
    OzoneSourceKind,
    PlanKind,
    Pollutant,
)
from .models import Consultation, EmergencyPlan, OzoneEntry, ReductionPlan

WHEN = forms.DateTimeInput(attrs={"type": "datetime-local"})
DAY = forms.DateInput(attrs={"type": "date"})
LEVELS = [("blue", "蓝色"), ("yellow", "黄色"), ("orange", "橙色"), ("red", "红色")]


def _areas(user):
    return Jurisdiction.objects.for_user(user).filter(level__in=("city", "district", "street")).order_by("path")


class _Scoped(forms.Form):
    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].queryset = _areas(user)


class IncidentForm(_Scoped):
    title = forms.CharField(label=_("Title"), max_length=200)
    level = forms.ChoiceField(label=_("Level"), choices=IncidentLevel.choices())
    kind = forms.ChoiceField(label=_("Type"), choices=IncidentKind.choices())
    jurisdiction = forms.ModelChoiceField(label=_("Area"), queryset=Jurisdiction.objects.none())
    location = forms.CharField(label=_("Location"), max_length=200)
    media = forms.MultipleChoiceField(label=_("Affected media"), choices=Medium.choices(), required=False,
                                      widget=forms.CheckboxSelectMultiple)
    occurred_at = forms.DateTimeField(label=_("Occurred at"), widget=WHEN)
    reported_at = forms.DateTimeField(label=_("Reported at"), widget=WHEN)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class DrillForm(_Scoped):
    date = forms.DateField(label=_("Date"), widget=DAY)
    title = forms.CharField(label=_("Title"), max_length=200)
    jurisdiction = forms.ModelChoiceField(label=_("Area"), queryset=Jurisdiction.objects.none())
    plan = forms.ModelChoiceField(label=_("Plan exercised"), queryset=EmergencyPlan.objects.none(), required=False)
    scenario = forms.CharField(label=_("Scenario"), widget=forms.Textarea(attrs={"rows": 3}))
    units = forms.CharField(label=_("Units taking part"), widget=forms.Textarea(attrs={"rows": 2}))
    participants = forms.IntegerField(label=_("Participants"), min_value=0, initial=0)
    findings = forms.CharField(label=_("Findings (one a line)"), widget=forms.Textarea(attrs={"rows": 3}),
                               required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["plan"].queryset = EmergencyPlan.objects.for_user(user)


class ConsultationForm(_Scoped):
    date = forms.DateField(label=_("Date"), widget=DAY)
    jurisdiction = forms.ModelChoiceField(label=_("Area"), queryset=Jurisdiction.objects.none())
    participants = forms.CharField(label=_("Participants"), widget=forms.Textarea(attrs={"rows": 2}))
    forecast = forms.CharField(label=_("Forecast"), widget=forms.Textarea(attrs={"rows": 3}))
    forecast_aqi = forms.IntegerField(label=_("Forecast AQI (peak)"), min_value=0, max_value=500, required=False)
    episode_start = forms.DateField(label=_("Episode from"), widget=DAY, required=False)
    episode_end = forms.DateField(label=_("Episode until"), widget=DAY, required=False)
    decision = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))
    warning = forms.ModelChoiceField(label=_("Warning issued"), queryset=None, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["warning"].queryset = monitoring.warnings_for(user).order_by("-start")


class ActionForm(_Scoped):
    day = forms.DateField(label=_("Day controlled"), widget=DAY)
    jurisdiction = forms.ModelChoiceField(label=_("Area"), queryset=Jurisdiction.objects.none())
    forecast_aqi = forms.IntegerField(label=_("Forecast AQI"), min_value=0, max_value=500)
    warning_level = forms.ChoiceField(label=_("Measures of warning level"), choices=LEVELS, initial="yellow")
    consultation = forms.ModelChoiceField(label=_("Consultation"), queryset=Consultation.objects.none(),
                                          required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    list_objects = forms.ModelMultipleChoiceField(
        label=_("Targets from the emergency reduction list (measure of the grade at the warning level)"),
        queryset=None, required=False, widget=forms.SelectMultiple(attrs={"size": 8}))
    plans = forms.ModelMultipleChoiceField(
        label=_("Targets from one-enterprise-one-policy plans (the plan's measures)"), queryset=None,
        required=False, widget=forms.SelectMultiple(attrs={"size": 6}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["consultation"].queryset = Consultation.objects.for_user(user)
        listed = _enterprises(user).filter(air_related=True).exclude(performance_grade="")
        self.fields["list_objects"].queryset = listed.order_by("performance_grade", "name")
        self.fields["list_objects"].label_from_instance = lambda o: f"{o.name}（{o.performance_grade}级）"
        self.fields["plans"].queryset = ReductionPlan.objects.for_user(user).select_related(
            "supervised_object").order_by("-year", "supervised_object__name")
        self.fields["plans"].label_from_instance = lambda p: f"{p.supervised_object.name} {p.year}：{p.measures[:40]}"


class TargetForm(forms.Form):
    supervised_object = forms.ModelChoiceField(label=_("Enterprise"), queryset=None, required=False)
    source_name = forms.CharField(label=_("Or another source"), max_length=200, required=False)
    measure = forms.CharField(label=_("Measure required"), max_length=200)

    def __init__(self, *args, user=None, area=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervised_object"].queryset = _enterprises(user, area)


class ComplianceForm(forms.Form):
    checked_at = forms.DateTimeField(label=_("Checked at"), widget=WHEN)
    compliant = forms.BooleanField(label=_("Measure in place"), required=False)
    note = forms.CharField(label=_("What was seen"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class HazardCheckForm(forms.Form):
    """One enterprise's checklist: a result per class and, for a hazard, its description and level."""

    supervised_object = forms.ModelChoiceField(label=_("Enterprise"), queryset=None)
    date = forms.DateField(label=_("Date"), widget=DAY)

    def __init__(self, *args, user=None, area=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervised_object"].queryset = _enterprises(user, area)
        for key in Facility.values():
            self.fields[f"r_{key}"] = forms.ChoiceField(label=Facility.label(key), choices=CheckResult.choices(),
                                                        initial=CheckResult.NA)
            self.fields[f"h_{key}"] = forms.CharField(label=_("Hazard found"), required=False)
            self.fields[f"l_{key}"] = forms.ChoiceField(label=_("Hazard level"), choices=HazardLevel.choices(),
                                                        initial=HazardLevel.GENERAL)

    def service_args(self) -> dict:
        d = self.cleaned_data
        keys = list(Facility.values())
        hazards = [{"facility": k, "description": d[f"h_{k}"], "level": d[f"l_{k}"]} for k in keys
                   if d[f"r_{k}"] == CheckResult.HAZARD]
        return {"supervised_object": d["supervised_object"], "date": d["date"],
                "results": {k: d[f"r_{k}"] for k in keys}, "hazards": hazards}


# ----------------------------------------------------------------------------- plans, campaigns


def _enterprises(user, area=None):
    qs = registry.objects_for(user).filter(status="active")
    if area is not None:
        qs = qs.filter(jurisdiction__path__startswith=area.path)
    return qs.order_by("name")


class PlanForm(_Scoped):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=PlanKind.choices())
    jurisdiction = forms.ModelChoiceField(label=_("Area"), queryset=Jurisdiction.objects.none())
    supervised_object = forms.ModelChoiceField(label=_("Enterprise (for an enterprise's own plan)"),
                                               queryset=None, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["supervised_object"].queryset = _enterprises(user)


class PlanVersionForm(forms.Form):
    version = forms.CharField(label=_("Version"), max_length=20)
    issued = forms.DateField(label=_("Issued on"), widget=DAY)
    summary = forms.CharField(label=_("What changed"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    document = forms.FileField(label=_("Document (PDF or DOCX)"), required=False)


class CampaignForm(_Scoped):
    name = forms.CharField(label=_("Name"), max_length=200)
    jurisdiction = forms.ModelChoiceField(label=_("Area"), queryset=Jurisdiction.objects.none())
    start = forms.DateField(label=_("From"), widget=DAY)
    end = forms.DateField(label=_("Until"), widget=DAY)
    target_checks = forms.IntegerField(label=_("Planned enterprise checks"), min_value=0, initial=0)


# ----------------------------------------------------------------------------- one enterprise, one policy


class ReductionPlanForm(forms.Form):
    """A plan's measures and, per pollutant, the baseline (t/a) and the reduction target (%);
    a pollutant with both left blank has no target."""

    supervised_object = forms.ModelChoiceField(label=_("Enterprise"), queryset=None)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    measures = forms.CharField(label=_("Measures"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user=None, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        if plan is not None:  # editing: the enterprise and the year stay
            del self.fields["supervised_object"], self.fields["year"]
            self.initial.setdefault("measures", plan.measures)
            for t in plan.targets.all():
                self.initial.setdefault(f"b_{t.pollutant}", t.baseline_t)
                self.initial.setdefault(f"t_{t.pollutant}", t.target_pct)
        else:
            self.fields["supervised_object"].queryset = _enterprises(user)
        for key in Pollutant.values():
            label = Pollutant.label(key)
            self.fields[f"b_{key}"] = forms.FloatField(label=f"{label}：{_('baseline emission (t/a)')}",
                                                       min_value=0, required=False)
            self.fields[f"t_{key}"] = forms.FloatField(label=f"{label}：{_('reduction target (%)')}",
                                                       required=False)

    def clean(self):
        data = super().clean()
        for key in Pollutant.values():
            b, t = data.get(f"b_{key}"), data.get(f"t_{key}")
            if (b is None) != (t is None):
                self.add_error(f"t_{key}" if t is None else f"b_{key}",
                               _("Give both the baseline and the target, or neither."))
        return data

    def targets(self) -> dict[str, tuple[float, float]]:
        d = self.cleaned_data
        return {k: (d[f"b_{k}"], d[f"t_{k}"]) for k in Pollutant.values() if d.get(f"t_{k}") is not None}


class FollowUpForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DAY)
    note = forms.CharField(label=_("Follow-up"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        for t in plan.targets.all() if plan is not None else ():
            self.fields[f"a_{t.pollutant}"] = forms.FloatField(
                label=f"{t.get_pollutant_display()}：{_('reduction achieved (%)')}", required=False,
                initial=t.achieved_pct)

    def achieved(self) -> dict[str, float]:
        return {k[2:]: v for k, v in self.cleaned_data.items() if k.startswith("a_") and v is not None}


# ----------------------------------------------------------------------------- ozone season


class OzoneListForm(_Scoped):
    name = forms.CharField(label=_("Name"), max_length=200)
    jurisdiction = forms.ModelChoiceField(label=_("Area"), queryset=Jurisdiction.objects.none())
    start = forms.DateField(label=_("Control period from"), widget=DAY)
    end = forms.DateField(label=_("Control period until"), widget=DAY)


class OzoneEntryForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=OzoneSourceKind.choices())
    supervised_object = forms.ModelChoiceField(label=_("Enterprise"), queryset=None, required=False)
    name = forms.CharField(label=_("Source (blank: the enterprise's name)"), max_length=200, required=False)
    jurisdiction = forms.ModelChoiceField(label=_("Area (blank: the enterprise's)"), queryset=None, required=False)
    requirement = forms.CharField(label=_("Requirement"), max_length=200)

    def __init__(self, *args, user=None, area=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervised_object"].queryset = _enterprises(user, area)
        areas = Jurisdiction.objects.for_user(user).order_by("path")
        self.fields["jurisdiction"].queryset = areas.filter(path__startswith=area.path) if area else areas


class OzoneRoundForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DAY)
    end = forms.DateField(label=_("Until"), widget=DAY)


class OzoneCheckForm(forms.Form):
    entry = forms.ModelChoiceField(label=_("Source"), queryset=None)
    date = forms.DateField(label=_("Date"), widget=DAY)
    compliant = forms.BooleanField(label=_("Compliant"), required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, user=None, ozone_round=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = OzoneEntry.objects.for_user(user, "change")
        if ozone_round is not None:
            qs = qs.filter(ozone_list=ozone_round.ozone_list_id).exclude(checks__round=ozone_round)
        self.fields["entry"].queryset = qs.order_by("kind", "name")
