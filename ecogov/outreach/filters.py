"""The open-day list's filters (django-filter), shared by the list page and its export."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from ecogov.core.params import MAX_YEAR, MIN_YEAR

from .models import OpenDayEvent


class OpenDayFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="date", lookup_expr="year", label=_("Year"),
                                       min_value=MIN_YEAR, max_value=MAX_YEAR)
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Search"))

    class Meta:
        model = OpenDayEvent
        fields = ["year", "q"]
