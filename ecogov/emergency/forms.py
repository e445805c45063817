"""Forms of the pages; every choice list reads through the user's scope."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ecogov.core.models import Jurisdiction
from ecogov.monitoring import selectors as monitoring
from ecogov.registry import selectors as registry

from .choices import CheckResult, Facility, HazardLevel, IncidentKind, IncidentLevel, Medium
from .models import Consultation, EmergencyPlan

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

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["consultation"].queryset = Consultation.objects.for_user(user)


class TargetForm(forms.Form):
    supervised_object = forms.ModelChoiceField(label=_("Enterprise"), queryset=None, required=False)
    source_name = forms.CharField(label=_("Or another source"), max_length=200, required=False)
    measure = forms.CharField(label=_("Measure required"), max_length=200)

    def __init__(self, *args, user=None, area=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = registry.objects_for(user).filter(status="active")
        if area is not None:
            qs = qs.filter(jurisdiction__path__startswith=area.path)
        self.fields["supervised_object"].queryset = qs.order_by("name")


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
        qs = registry.objects_for(user).filter(status="active")
        if area is not None:
            qs = qs.filter(jurisdiction__path__startswith=area.path)
        self.fields["supervised_object"].queryset = qs.order_by("name")
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
