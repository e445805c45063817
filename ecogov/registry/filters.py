"""One filter definition per model (django-filter), shared by the list page,
the API and the Excel export."""

from __future__ import annotations

import django_filters as df
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecogov.core.filters import within
from ecogov.core.models import Jurisdiction
from ecogov.core.params import MAX_YEAR, MIN_YEAR

from .choices import (
    ManagementClass,
    ObjectStatus,
    PerformanceGrade,
    PermitStatus,
    ReportFrequency,
    SupervisionClass,
)
from .models import ExecutionReport, Permit, Registration, SupervisedObject

FLAG_FIELDS = (
    "is_key_unit",
    "is_special",
    "water_related",
    "air_related",
    "hw_producer",
    "hw_handler",
    "soil_key_unit",
)


#: Bounds of an id filter: a positive integer that fits a 64-bit column (larger values overflow SQLite).
ID_BOUNDS = {"min_value": 1, "max_value": 2**63 - 1}


def district_choices() -> list[tuple[str, str]]:
    """Districts by administrative code (their names are public reference data)."""
    return list(Jurisdiction.objects.filter(level="district").values_list("code", "name"))


class ScopedFilterSet(df.FilterSet):
    """Free-text search over ``search_fields`` and a district (or any jurisdiction code) matched through
    ``jurisdiction_path``, the lookup from the model to its ``core.Jurisdiction``."""

    search_fields: tuple[str, ...] = ()
    jurisdiction_path = "jurisdiction"

    q = df.CharFilter(method="search", label=_("Search"))
    district = df.ChoiceFilter(choices=district_choices, method="in_jurisdiction", label=_("District"))

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        match = Q()
        for field in self.search_fields:
            match |= Q(**{f"{field}__icontains": value})
        return queryset.filter(match)

    def in_jurisdiction(self, queryset, name, value):
        return within(queryset, self.jurisdiction_path, value.strip())


class ObjectFilterSet(ScopedFilterSet):
    search_fields = ("name", "uscc", "address")

    supervision_class = df.ChoiceFilter(choices=SupervisionClass.choices(), label=_("Supervision class"))
    positive_list = df.BooleanFilter(field_name="on_positive_list", label=_("Positive list"))
    jurisdiction = df.CharFilter(method="in_jurisdiction", label=_("Jurisdiction code"))
    industry = df.CharFilter(field_name="industry_code", lookup_expr="startswith", label=_("Industry code"))
    status = df.ChoiceFilter(choices=ObjectStatus.choices(), label=_("Status"))
    performance_grade = df.ChoiceFilter(choices=PerformanceGrade.choices(), label=_("Performance grade"))
    flag = df.ChoiceFilter(
        method="has_flag",
        label=_("Flag"),
        choices=[(f, SupervisedObject._meta.get_field(f).verbose_name) for f in FLAG_FIELDS],
    )
    has_permit = df.BooleanFilter(method="with_permit", label=_("Has a permit"))

    class Meta:
        model = SupervisedObject
        fields: list[str] = []

    def has_flag(self, queryset, name, value):
        return queryset.filter(**{value: True}) if value in FLAG_FIELDS else queryset

    def with_permit(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(permits__isnull=not value).distinct()


class PermitFilterSet(ScopedFilterSet):
    search_fields = ("permit_no", "supervised_object__name", "supervised_object__uscc")
    jurisdiction_path = "supervised_object__jurisdiction"

    management_class = df.ChoiceFilter(choices=ManagementClass.choices(), label=_("Management class"))
    status = df.ChoiceFilter(choices=PermitStatus.choices(), label=_("Status"))
    supervised_object = df.NumberFilter(field_name="supervised_object_id", label=_("Supervised object"), **ID_BOUNDS)
    expires_before = df.DateFilter(field_name="valid_to", lookup_expr="lte", label=_("Expires on or before"))

    class Meta:
        model = Permit
        fields: list[str] = []


class RegistrationFilterSet(ScopedFilterSet):
    search_fields = ("registration_no", "unit_name", "uscc")

    in_registry = df.BooleanFilter(
        field_name="supervised_object",
        lookup_expr="isnull",
        exclude=True,
        label=_("In the supervised registry"),
    )
    supervised_object = df.NumberFilter(field_name="supervised_object_id", label=_("Supervised object"), **ID_BOUNDS)

    class Meta:
        model = Registration
        fields: list[str] = []


REPORT_STATES = [("submitted", _("Submitted")), ("pending", _("Not yet due")), ("overdue", _("Overdue"))]


class ReportFilterSet(ScopedFilterSet):
    search_fields = ("permit__permit_no", "permit__supervised_object__name")
    jurisdiction_path = "permit__supervised_object__jurisdiction"

    frequency = df.ChoiceFilter(choices=ReportFrequency.choices(), label=_("Frequency"))
    year = df.NumberFilter(field_name="period_start__year", label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    state = df.ChoiceFilter(choices=REPORT_STATES, method="in_state", label=_("State"))
    permit = df.NumberFilter(field_name="permit_id", label=_("Permit"), **ID_BOUNDS)

    class Meta:
        model = ExecutionReport
        fields: list[str] = []

    def in_state(self, queryset, name, value):
        today = timezone.localdate()
        if value == "submitted":
            return queryset.filter(submitted_date__isnull=False)
        if value == "overdue":
            return queryset.filter(submitted_date__isnull=True, due_date__lt=today)
        if value == "pending":
            return queryset.filter(submitted_date__isnull=True, due_date__gte=today)
        return queryset
