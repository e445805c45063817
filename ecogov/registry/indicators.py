"""Registry indicators for scorecards (``contrib.indicators``)."""

from __future__ import annotations

from django.db.models import F
from django.urls import reverse

from ecogov.core.contrib import IndicatorValue

from .selectors import reports_for


def execution_report_rate(user, *, jurisdiction, start, end) -> IndicatorValue:
    """Permit execution reports due in ``start..end`` inside the unit and submitted by their due date [%]."""
    due = reports_for(user).within(jurisdiction).filter(due_date__gte=start, due_date__lte=end)
    n = due.count()
    if not n:
        return IndicatorValue(None, 0.0, {"rule": "no execution report due in the period", "rows": 0})
    on_time = due.filter(submitted_date__isnull=False, submitted_date__lte=F("due_date")).count()
    return IndicatorValue(100.0 * on_time / n, 1.0, {
        "rule": "reports submitted by their due date / reports due in the period", "rows": n, "on_time": on_time,
        "url": reverse("registry:report_rates")})
