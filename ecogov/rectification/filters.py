"""One filter definition for the ledger (django-filter), shared by the list page,
the API and the .xlsx export."""

from __future__ import annotations

import django_filters as df
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import RectificationStatus
from .models import RectificationItem


class RectificationItemFilterSet(df.FilterSet):
    q = df.CharFilter(label=_("Search"), method="search")
    status = df.ChoiceFilter(label=_("Status"), choices=RectificationStatus.choices())
    inspection = df.NumberFilter(label=_("Source inspection"), field_name="source_inspection",
                                 min_value=1, max_value=2**63 - 1)

    class Meta:
        model = RectificationItem
        fields = ["q", "status", "inspection"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(problem__icontains=value) | Q(supervised_object__name__icontains=value)
                               | Q(supervised_object__uscc=value.upper()))
