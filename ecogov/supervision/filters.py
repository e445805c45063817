"""One filter definition per list (django-filter), shared by the list page, its
.xlsx export and the API (``selectors.PLANS`` ... are the core ListPages)."""

from __future__ import annotations

import django_filters as df
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ecogov.core.errors import ValidationFailed
from ecogov.core.params import year_param

from .choices import InspectionResult, OffsiteMethod, PlanStatus
from .models import Inspection, InspectionItem, InspectionPlan, OffsiteCheck


class YearFilter(df.CharFilter):
    """``?year=`` on the date ``field_name``: a year 2000..2100; junk is a 422 naming ``year``."""

    def filter(self, qs, value):
        year = year_param(value)
        return qs.filter(**{f"{self.field_name}__year": year}) if year else qs


def search(*fields: str, exact: tuple[str, ...] = ()):
    """A filter method matching the text in any of ``fields`` (or exactly in ``exact``)."""
    def method(queryset, name, value):
        value = (value or "").strip()
        if not value:
            return queryset
        match = Q()
        for field in fields:
            match |= Q(**{f"{field}__icontains": value})
        for field in exact:
            match |= Q(**{field: value})
        return queryset.filter(match)
    return method


def checked(fs):
    """``fs``, or (the API) a 422 naming the filters whose values are invalid."""
    if fs.is_bound and not fs.is_valid():
        errors = {k: [str(m) for m in v] for k, v in fs.errors.items()}
        text = "; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items())
        raise ValidationFailed("bad_filter", f"筛选条件有误：{text}", f"Invalid filter: {text}",
                               detail={"errors": errors})
    return fs


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
