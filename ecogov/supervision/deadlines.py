"""The "supervision-inspections" clock source: drawn objects still to be inspected.

A plan that is drawn assigns each drawn object to its officers; the inspection is due by the
last working day of the plan's period (the one clock, :mod:`ecogov.core.clock`). An officer
sees the assignments that name them; other staff see every open assignment in their scope.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse

from ecogov.core import clock, contrib

from .choices import PlanStatus
from .models import DrawnObject

KIND = "supervision-inspections"


def due_by(period_end: dt.date, *, cal: clock.Calendar | None = None) -> dt.date:
    """The last working day on or before ``period_end`` (a plan's period may end on a holiday)."""
    cal = cal or clock.calendar()
    day = period_end
    for _ in range(40):  # the longest run of days off in a year is far shorter
        if cal.is_working_day(day):
            return day
        day -= dt.timedelta(days=1)
    return period_end


def assignments_for(user):
    """Drawn objects of drawn (not yet published) plans with no inspection recorded, inside ``user``'s
    scope; for an officer only those the officer is assigned to."""
    qs = DrawnObject.objects.for_user(user).filter(plan__status=PlanStatus.DRAWN, inspection__isnull=True)
    if getattr(user, "role", "") == "officer":
        qs = qs.filter(officers=user)
    return qs.select_related("plan", "supervised_object").prefetch_related("officers")


def due(user, *, today: dt.date, horizon_days: int) -> Iterator[contrib.Deadline]:
    """Open assignments overdue or due within ``horizon_days`` of ``today``, soonest first."""
    until = clock.add_calendar_days(today, horizon_days)
    rows = []
    ends: dict[dt.date, dt.date] = {}
    cal: clock.Calendar | None = None
    for row in assignments_for(user):
        end = row.plan.period_end
        if end not in ends:  # one calendar read for all rows, one walk back per period end
            cal = cal or clock.calendar()
            ends[end] = due_by(end, cal=cal)
        when = ends[end]
        if when <= until:
            rows.append((when, row))
    rows.sort(key=lambda r: (r[0], r[1].plan.code, r[1].stratum, r[1].rank))
    for when, row in rows:
        team = list(row.officers.all())
        yield contrib.Deadline(kind=KIND, label=f"{row.supervised_object.name}：{row.plan.code} 现场检查", due=when,
                               url=reverse("supervision:plan_detail", args=[row.plan_id]),
                               owner="、".join(o.full_name or o.username for o in team),
                               note=f"{row.stratum}#{row.rank}", owner_ids=tuple(o.pk for o in team))
