"""Responsibility reads through ``for_user``: the lists (page, API and export share one
FilterSet), a unit's duties next to its open items, and the committees."""

from __future__ import annotations

import django_filters as df
from django.utils.translation import gettext_lazy as _

from ecogov.core.api_utils import get_for_user
from ecogov.core.excel import Column
from ecogov.core.models import Jurisdiction

from ..choices import ItemState
from ..selectors import items_for
from .models import Committee, Duty, DutyLevel


class DutyFilterSet(df.FilterSet):
    year = df.NumberFilter(label=_("Year"), min_value=2000, max_value=2100)
    level = df.ChoiceFilter(label=_("Level"), choices=DutyLevel.choices())
    unit = df.CharFilter(label=_("Unit"), method="by_unit")

    class Meta:
        model = Duty
        fields = ["year", "level", "unit"]

    def by_unit(self, queryset, name, value):
        from django.db.models import Q

        value = value.strip()
        return queryset.filter(Q(jurisdiction__name__icontains=value) | Q(jurisdiction__code=value)
                               | Q(department__name__icontains=value)) if value else queryset


DUTY_COLUMNS = [
    Column("year", "年度", "Year"),
    Column("level", "层级", "Level", get=lambda d: DutyLevel.label(d.level)),
    Column("unit", "责任单位", "Unit", get=lambda d: d.unit_label),
    Column("duty", "职责", "Duty"),
    Column("legal_basis", "依据", "Legal basis"),
    Column("indicators", "考核指标", "Indicators"),
    Column("items", "负责的整改事项", "Ledger items", get=lambda d: "；".join(i.problem[:30] for i in d.items.all())),
]


def duties_for(user):
    return Duty.objects.for_user(user).select_related("jurisdiction", "department").prefetch_related("items")


def unit(user, code: str) -> dict:
    """A unit's page: its duties by year and the open ledger items in its area (both in ``user's`` scope)."""
    area = get_for_user(Jurisdiction, user, code=code)
    return {"unit": area, "duties": duties_for(user).filter(jurisdiction=area),
            "items": items_for(user).within(area).exclude(state=ItemState.CLOSED).order_by("deadline")[:200]}


def committees(user) -> list[tuple[Committee, list[Committee]]]:
    qs = Committee.objects.for_user(user).prefetch_related("members")
    tops = [c for c in qs if c.parent_id is None]
    return [(c, [s for s in qs if s.parent_id == c.pk]) for c in tops]


def committee_get(user, pk: int) -> Committee:
    return get_for_user(Committee, user, pk=pk)
