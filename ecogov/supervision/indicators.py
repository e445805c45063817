"""Supervision indicators for scorecards (``contrib.indicators``)."""

from __future__ import annotations

from django.urls import reverse

from ecogov.core.contrib import IndicatorValue

from .choices import PlanStatus
from .models import DrawnObject


def double_random_completion(user, *, jurisdiction, start, end) -> IndicatorValue:
    """Objects inside the unit drawn by the double-random plans of ``start..end`` and inspected [%]."""
    drawn = (DrawnObject.objects.for_user(user)
             .filter(supervised_object__jurisdiction__path__startswith=jurisdiction.path,
                     plan__period_start__gte=start, plan__period_end__lte=end)
             .exclude(plan__status__in=(PlanStatus.DRAFT, PlanStatus.CANCELLED)))
    n = drawn.count()
    if not n:
        return IndicatorValue(None, 0.0, {"rule": "no object drawn in the period", "rows": 0})
    done = drawn.filter(inspection__isnull=False, inspection__date__lte=end).count()
    return IndicatorValue(100.0 * done / n, 1.0, {
        "rule": "drawn objects inspected / drawn objects (plans of the period)", "rows": n, "inspected": done,
        "url": reverse("supervision:plan_list")})
