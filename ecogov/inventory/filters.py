"""One filter definition per model (django-filter): list pages, API and exports."""

from __future__ import annotations

import django_filters as df
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ecogov.core.filters import within

from .choices import CheckOutcome, CoverState, DustLevel, SourceKind, SourceState
from .models import MobileRun, Source, SourceCheck


class SourceFilterSet(df.FilterSet):
    q = df.CharFilter(label=_("Search"), method="search")
    kind = df.ChoiceFilter(label=_("Kind"), choices=SourceKind.choices())
    state = df.ChoiceFilter(label=_("State"), choices=SourceState.choices())
    area = df.CharFilter(label=_("District, street or grid code"), method="area_filter")
    dust_level = df.ChoiceFilter(label=_("Dust level"), choices=DustLevel.choices())
    cover_state = df.ChoiceFilter(label=_("Cover state"), choices=CoverState.choices())
    unchecked_since = df.DateFilter(label=_("Not checked since"), method="unchecked")

    class Meta:
        model = Source
        fields = ["q", "kind", "state", "area", "dust_level", "cover_state", "unchecked_since"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(code__iexact=value) | Q(holder__icontains=value)
                               | Q(address__icontains=value))

    def area_filter(self, queryset, name, value):
        return within(queryset, "jurisdiction", value.strip())

    def unchecked(self, queryset, name, value):
        return queryset.filter(Q(last_checked__isnull=True) | Q(last_checked__lt=value))


class CheckFilterSet(df.FilterSet):
    q = df.CharFilter(label=_("Search"), method="search")
    outcome = df.ChoiceFilter(label=_("Outcome"), choices=CheckOutcome.choices())
    kind = df.ChoiceFilter(label=_("Kind"), choices=SourceKind.choices(), field_name="source__kind")
    start = df.DateFilter(label=_("From"), field_name="date", lookup_expr="gte")
    end = df.DateFilter(label=_("To"), field_name="date", lookup_expr="lte")

    class Meta:
        model = SourceCheck
        fields = ["q", "outcome", "kind", "start", "end"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(source__name__icontains=value) | Q(source__code__iexact=value)
                               | Q(findings__icontains=value))


class MobileRunFilterSet(df.FilterSet):
    """Mobile-monitoring runs (走航) by vehicle and date."""

    vehicle = df.CharFilter(label=_("Vehicle or team"), lookup_expr="icontains")
    start = df.DateFilter(label=_("From"), field_name="date", lookup_expr="gte")
    end = df.DateFilter(label=_("To"), field_name="date", lookup_expr="lte")

    class Meta:
        model = MobileRun
        fields = ["vehicle", "start", "end"]
