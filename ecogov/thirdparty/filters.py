"""Third-party list filters (django-filter), shared by the pages, their exports and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from ecogov.core.params import MAX_YEAR, MIN_YEAR

from .choices import (
    FraudKind,
    HitStatus,
    SourceStatus,
    StationKind,
    TestMethod,
    TestResult,
    TruckViolationKind,
)
from .models import CollectionPoint, CollectionRecord, FraudHit, RadioactiveSource, Station, TestRecord
from .models_dust import DustResponsibility, MuckTruck, TruckViolation


class StationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=StationKind.choices(), label=_("Kind"))

    class Meta:
        model = Station
        fields = ["q", "kind"]


class RecordFilter(django_filters.FilterSet):
    plate = django_filters.CharFilter(field_name="plate", lookup_expr="icontains", label=_("Plate"))
    station = django_filters.CharFilter(field_name="station__code", label=_("Station code"))
    method = django_filters.ChoiceFilter(choices=TestMethod.choices(), label=_("Method"))
    result = django_filters.ChoiceFilter(choices=TestResult.choices(), label=_("Result"))
    start = django_filters.DateFilter(field_name="started_at", lookup_expr="date__gte", label=_("From"))
    end = django_filters.DateFilter(field_name="started_at", lookup_expr="date__lte", label=_("To"))

    class Meta:
        model = TestRecord
        fields = ["plate", "station", "method", "result", "start", "end"]


class HitFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=FraudKind.choices(), label=_("Indicator"))
    status = django_filters.ChoiceFilter(choices=HitStatus.choices(), label=_("Status"))
    station = django_filters.CharFilter(field_name="station__code", label=_("Station code"))

    class Meta:
        model = FraudHit
        fields = ["kind", "status", "station"]


class PointFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Search"))

    class Meta:
        model = CollectionPoint
        fields = ["q"]


class CollectionFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="collected_on", lookup_expr="year", label=_("Year"),
                                       min_value=MIN_YEAR, max_value=MAX_YEAR)
    point = django_filters.CharFilter(field_name="point__code", label=_("Collection point"))
    in_city = django_filters.BooleanFilter(field_name="handler__in_city", label=_("Handled in the city"))

    class Meta:
        model = CollectionRecord
        fields = ["year", "point", "in_city"]


class SourceFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=SourceStatus.choices(), label=_("Status"))
    q = django_filters.CharFilter(field_name="holder", lookup_expr="icontains", label=_("Holding unit"))

    class Meta:
        model = RadioactiveSource
        fields = ["status", "q"]


class DutyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="site__name", lookup_expr="icontains", label=_("Search"))

    class Meta:
        model = DustResponsibility
        fields = ["q"]


class TruckFilter(django_filters.FilterSet):
    plate = django_filters.CharFilter(field_name="plate", lookup_expr="icontains", label=_("Plate"))

    class Meta:
        model = MuckTruck
        fields = ["plate"]


class TruckViolationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=TruckViolationKind.choices(), label=_("Violation"))
    plate = django_filters.CharFilter(field_name="truck__plate", lookup_expr="icontains", label=_("Plate"))

    class Meta:
        model = TruckViolation
        fields = ["kind", "plate"]
