"""Third-party list filters (django-filter), shared by the pages, their exports and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from .choices import FraudKind, HitStatus, StationKind, TestMethod, TestResult
from .models import FraudHit, Station, TestRecord


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
