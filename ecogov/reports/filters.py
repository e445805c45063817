"""One filter definition for the archive (page, API and .xlsx export)."""

from __future__ import annotations

import django_filters as df
from django.utils.translation import gettext_lazy as _

from .choices import BriefingStatus, DocKind
from .models import Briefing


class BriefingFilterSet(df.FilterSet):
    kind = df.ChoiceFilter(label=_("Type"), choices=DocKind.choices())
    status = df.ChoiceFilter(label=_("Status"), choices=BriefingStatus.choices())
    period = df.CharFilter(label=_("Period"), field_name="period_code", lookup_expr="startswith")
    year = df.NumberFilter(label=_("Year"), field_name="year", min_value=2000, max_value=2100)

    class Meta:
        model = Briefing
        fields = ["kind", "status", "period", "year"]
