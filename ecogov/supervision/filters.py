"""One filter definition per list (django-filter), shared by the list page, its
.xlsx export and the API (``selectors.PLANS`` ... are the core ListPages)."""

from __future__ import annotations

import django_filters as df
from django.utils.translation import gettext_lazy as _

from ecogov.core.filters import YearFilter, search

from .choices import InspectionResult, OffsiteMethod, PlanStatus
from .models import Inspection, InspectionItem, InspectionPlan, OffsiteCheck


class PlanFilterSet(df.FilterSet):
    q = df.CharFilter(method=search("name", "code"), label=_("Search"))
    year = YearFilter(field_name="period_start", label=_("Year"))
    status = df.ChoiceFilter(choices=PlanStatus.choices(), label=_("Status"))

    class Meta:
        model = InspectionPlan
        fields: list[str] = []


class InspectionFilterSet(df.FilterSet):
    q = df.CharFilter(method=search("supervised_object__name", exact=("supervised_object__uscc",)), label=_("Search"))
    year = YearFilter(field_name="date", label=_("Year"))
    result = df.ChoiceFilter(choices=InspectionResult.choices(), label=_("Result"))

    class Meta:
        model = Inspection
        fields: list[str] = []


class OffsiteFilterSet(df.FilterSet):
    q = df.CharFilter(method=search("supervised_object__name", exact=("supervised_object__uscc",)), label=_("Search"))
    year = YearFilter(field_name="date", label=_("Year"))
    method = df.ChoiceFilter(choices=OffsiteMethod.choices(), label=_("Method"))

    class Meta:
        model = OffsiteCheck
        fields: list[str] = []


class ItemFilterSet(df.FilterSet):
    q = df.CharFilter(method=search("code", "name", "legal_basis", "target_type"), label=_("Search"))

    class Meta:
        model = InspectionItem
        fields: list[str] = []
