"""Complaint indicators for scorecards (``contrib.indicators``)."""

from __future__ import annotations

from django.db.models import F
from django.urls import reverse

from ecogov.core.contrib import IndicatorValue

from .choices import ComplaintStatus
from .models import Complaint


def handled_in_time_rate(user, *, jurisdiction, start, end) -> IndicatorValue:
    """Complaints inside the unit whose finishing deadline fell in ``start..end`` and that were closed by it [%]."""
    due = (Complaint.objects.for_user(user).within(jurisdiction)
           .filter(finish_due__gte=start, finish_due__lte=end)
           .exclude(status__in=(ComplaintStatus.MERGED, ComplaintStatus.NOT_ACCEPTED)))
    n = due.count()
    if not n:
        return IndicatorValue(None, 0.0, {"rule": "no complaint due in the period", "rows": 0})
    in_time = due.filter(closed_at__isnull=False, closed_at__date__lte=F("finish_due")).count()
    return IndicatorValue(100.0 * in_time / n, 1.0, {
        "rule": "complaints closed by their finishing deadline / complaints due in the period", "rows": n,
        "in_time": in_time, "url": reverse("complaints:complaint_list")})
