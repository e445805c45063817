"""One filter definition for the ledger (django-filter), shared by the list page,
the API and the .xlsx export."""

from __future__ import annotations

import django_filters as df
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import ItemLevel, ItemState, PlanState, RectificationStatus
from .models import Batch, RectificationItem

ID = {"min_value": 1, "max_value": 2**63 - 1}


class RectificationItemFilterSet(df.FilterSet):
    q = df.CharFilter(label=_("Search"), method="search")
    batch = df.CharFilter(label=_("Batch code"), field_name="batch__code")
    unit = df.CharFilter(label=_("Responsible unit"), method="by_unit")
    leader = df.CharFilter(label=_("Responsible leader"), field_name="leader", lookup_expr="icontains")
    state = df.ChoiceFilter(label=_("State"), choices=ItemState.choices())
    progress = df.ChoiceFilter(label=_("Progress against plan"), field_name="plan_state", choices=PlanState.choices())
    level = df.ChoiceFilter(label=_("Level"), choices=ItemLevel.choices())
    overdue = df.BooleanFilter(label=_("Overdue"), method="by_overdue")
    status = df.ChoiceFilter(label=_("Status"), choices=RectificationStatus.choices())
    inspection = df.NumberFilter(label=_("Source inspection"), field_name="source_inspection", **ID)

    class Meta:
        model = RectificationItem
        fields = ["q", "batch", "unit", "leader", "state", "progress", "level", "overdue", "status", "inspection"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(problem__icontains=value) | Q(supervised_object__name__icontains=value)
                               | Q(supervised_object__uscc=value.upper()) | Q(external_no=value))

    def by_unit(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(jurisdiction__name__icontains=value) | Q(jurisdiction__code=value)
                               | Q(department__name__icontains=value) | Q(supervised_object__name__icontains=value))

    def by_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(deadline__lt=timezone.localdate()) & ~Q(state=ItemState.CLOSED)
        return queryset.filter(late) if value else queryset.exclude(late)


class BatchFilterSet(df.FilterSet):
    q = df.CharFilter(label=_("Search"), method="search")
    source = df.ChoiceFilter(label=_("Source"), choices=Batch._meta.get_field("source").choices)

    class Meta:
        model = Batch
        fields = ["q", "source"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(code__icontains=value) | Q(title__icontains=value)) if value else queryset
