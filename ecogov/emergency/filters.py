"""One filter definition per list (django-filter): the pages, the API and the exports."""

from __future__ import annotations

import django_filters as df
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ecogov.core.models import Jurisdiction

from . import models as m
from .choices import (
    ActionStatus,
    Facility,
    FindingStatus,
    HazardLevel,
    IncidentKind,
    IncidentLevel,
    IncidentStatus,
)


def within(queryset, lookup: str, code: str):
    code = (code or "").strip()
    if not code:
        return queryset
    node = Jurisdiction.objects.filter(code=code).only("path").first()
    return queryset.none() if node is None else queryset.filter(**{f"{lookup}__path__startswith": node.path})


class _Area(df.FilterSet):
    area = df.CharFilter(label=_("District or street code"), method="area_filter")
    area_lookup = "jurisdiction"

    def area_filter(self, queryset, name, value):
        return within(queryset, self.area_lookup, value)


class IncidentFilterSet(_Area):
    q = df.CharFilter(label=_("Search"), method="search")
    level = df.ChoiceFilter(label=_("Level"), choices=IncidentLevel.choices())
    kind = df.ChoiceFilter(label=_("Type"), choices=IncidentKind.choices())
    status = df.ChoiceFilter(label=_("Status"), choices=IncidentStatus.choices())
    start = df.DateFilter(label=_("From"), field_name="occurred_at", lookup_expr="date__gte")
    end = df.DateFilter(label=_("To"), field_name="occurred_at", lookup_expr="date__lte")

    class Meta:
        model = m.Incident
        fields = ["q", "level", "kind", "status", "area", "start", "end"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(title__icontains=value) | Q(code__iexact=value) | Q(location__icontains=value)) \
            if value else queryset


class PlanFilterSet(_Area):
    q = df.CharFilter(label=_("Search"), field_name="title", lookup_expr="icontains")

    class Meta:
        model = m.EmergencyPlan
        fields = ["q", "kind", "area"]


class DrillFilterSet(_Area):
    q = df.CharFilter(label=_("Search"), field_name="title", lookup_expr="icontains")
    start = df.DateFilter(label=_("From"), field_name="date", lookup_expr="gte")
    end = df.DateFilter(label=_("To"), field_name="date", lookup_expr="lte")

    class Meta:
        model = m.Drill
        fields = ["q", "area", "start", "end"]


class CampaignFilterSet(_Area):
    class Meta:
        model = m.HazardCampaign
        fields = ["area"]


class CheckFilterSet(_Area):
    campaign = df.NumberFilter(label=_("Campaign"), field_name="campaign")
    q = df.CharFilter(label=_("Search"), field_name="supervised_object__name", lookup_expr="icontains")

    class Meta:
        model = m.HazardCheck
        fields = ["campaign", "q", "area"]


class HazardFilterSet(_Area):
    area_lookup = "check_record__jurisdiction"
    status = df.ChoiceFilter(label=_("Status"), choices=FindingStatus.choices())
    level = df.ChoiceFilter(label=_("Level"), choices=HazardLevel.choices())
    facility = df.ChoiceFilter(label=_("Checklist class"), choices=Facility.choices())
    campaign = df.NumberFilter(label=_("Campaign"), field_name="check_record__campaign")

    class Meta:
        model = m.Hazard
        fields = ["status", "level", "facility", "campaign", "area"]


class ConsultationFilterSet(_Area):
    start = df.DateFilter(label=_("From"), field_name="date", lookup_expr="gte")
    end = df.DateFilter(label=_("To"), field_name="date", lookup_expr="lte")

    class Meta:
        model = m.Consultation
        fields = ["area", "start", "end"]


class ActionFilterSet(_Area):
    status = df.ChoiceFilter(label=_("Status"), choices=ActionStatus.choices())
    start = df.DateFilter(label=_("From"), field_name="day", lookup_expr="gte")
    end = df.DateFilter(label=_("To"), field_name="day", lookup_expr="lte")

    class Meta:
        model = m.ControlAction
        fields = ["status", "area", "start", "end"]


class ReductionPlanFilterSet(_Area):
    year = df.NumberFilter(label=_("Year"))
    q = df.CharFilter(label=_("Search"), field_name="supervised_object__name", lookup_expr="icontains")

    class Meta:
        model = m.ReductionPlan
        fields = ["year", "q", "area"]


class OzoneListFilterSet(_Area):
    class Meta:
        model = m.OzoneList
        fields = ["area"]
