"""Enforcement indicators for scorecards (``contrib.indicators``)."""

from __future__ import annotations

from django.urls import reverse

from ecogov.core.contrib import IndicatorValue
from ecogov.registry import selectors as registry_selectors

from .models import PenaltyCase


def cases_per_100_ab(user, *, jurisdiction, start, end) -> IndicatorValue:
    """Penalty cases filed in ``start..end`` per 100 supervised objects of class A or B inside the unit."""
    ab = registry_selectors.objects_for(user).within(jurisdiction).filter(supervision_class__in=("A", "B")).count()
    if not ab:
        return IndicatorValue(None, 0.0, {"rule": "no class A/B object in the unit", "rows": 0})
    cases = PenaltyCase.objects.for_user(user).within(jurisdiction).filter(
        filed_date__gte=start, filed_date__lte=end).count()
    return IndicatorValue(100.0 * cases / ab, 1.0, {
        "rule": "penalty cases filed in the period x 100 / class A and B objects", "rows": cases, "objects_ab": ab,
        "url": reverse("enforcement:case_list")})
