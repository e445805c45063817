"""One filter definition per list (django-filter), shared by the page and its .xlsx export."""

from __future__ import annotations

import django_filters as df
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import selectors
from .choices import StationKind
from .models import IngestBatch, Station


def _districts():
    return [(d.code, d.name) for d in selectors.districts()]


class StationFilterSet(df.FilterSet):
    q = df.CharFilter(label=_("Search"), method="search")
    kind = df.ChoiceFilter(label=_("Kind"), choices=StationKind.choices(), empty_label=_("All"))
    district = df.ChoiceFilter(label=_("District"), choices=_districts, empty_label=_("All"), method="in_district")
    evaluation = df.BooleanFilter(label=_("Evaluation station"), field_name="is_evaluation")

    class Meta:
        model = Station
        fields = ["q", "kind", "district", "evaluation"]

    def search(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value) | Q(area__icontains=value))

    def in_district(self, queryset, name, value):
        return queryset.filter(jurisdiction__path__contains=f"{value}/") if value else queryset


class IngestBatchFilterSet(df.FilterSet):
    source = df.CharFilter(label=_("Source"), field_name="source")
    status = df.CharFilter(label=_("Status"), field_name="status")

    class Meta:
        model = IngestBatch
        fields = ["source", "status"]


def station_filterset(user, params) -> StationFilterSet:
    """The station list's filters over ``user``'s stations (the page and its export)."""
    return StationFilterSet(params or None, queryset=selectors.stations_for_user(user))
