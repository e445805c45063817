"""Reads that freeze a plan's object pool and officer pool (一单两库) into the
plain values the pure ``draw`` module works on."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Q

from ecogov.core.models import User
from ecogov.registry import selectors as registry

from . import draw as drawlib
from .models import ConflictOfInterest, DrawnObject, Inspection, InspectionPlan, PositiveListInclusion


def cycle_start(year: int, cycle_years: int) -> dt.date:
    """First day of the inspection cycle containing ``year`` (cycles aligned on years divisible by the length)."""
    cycle_years = max(1, int(cycle_years or 1))
    return dt.date(year - (year % cycle_years), 1, 1)


def pool_objects(plan: InspectionPlan):
    """Active objects inside the plan's jurisdiction; positive-list objects only with a recorded inclusion."""
    included = PositiveListInclusion.objects.filter(plan=plan).values("supervised_object_id")
    return (
        registry.active_objects_within(plan.jurisdiction)
        .filter(Q(on_positive_list=False) | Q(pk__in=included))
        .order_by("uscc").values_list("pk", "uscc", "supervision_class", "is_key_unit", "is_special")
    )


def inspected_since(object_ids: list[int], since_by_id: dict[int, dt.date], before: dt.date) -> set[int]:
    """Objects inspected on or after their cycle start and before ``before``."""
    earliest = min(since_by_id.values(), default=before)
    rows = Inspection.objects.filter(supervised_object_id__in=object_ids, date__gte=earliest, date__lt=before)
    return {oid for oid, day in rows.values_list("supervised_object_id", "date") if day >= since_by_id[oid]}


def build_pool(plan: InspectionPlan) -> tuple[list[tuple[str, str, int]], dict[str, int]]:
    """Snapshot rows ``(uscc, stratum, prior)`` and ``uscc -> object id``."""
    objs = list(pool_objects(plan))
    strata = {
        pk: drawlib.stratum_of(plan.stratify, supervision_class=cls, is_key_unit=key, is_special=special)
        for pk, _u, cls, key, special in objs
    }
    year = plan.period_start.year
    since = {pk: cycle_start(year, plan.cycle_years.get(strata[pk], 1)) for pk, *_ in objs}
    prior = inspected_since([pk for pk, *_ in objs], since, plan.period_start)
    rows = [(uscc, strata[pk], 1 if pk in prior else 0) for pk, uscc, *_ in objs]
    return rows, {uscc: pk for pk, uscc, *_ in objs}


def officer_pool(plan: InspectionPlan) -> list[drawlib.Officer]:
    """Active officers whose jurisdiction contains the plan's or lies inside it, with a
    certificate valid for the whole period (the pure function checks the start date)."""
    ancestors = [plan.jurisdiction.path[: i + 1] for i, c in enumerate(plan.jurisdiction.path) if c == "/"]
    users = User.objects.filter(role="officer", is_active=True).filter(
        Q(jurisdiction__path__in=ancestors) | Q(jurisdiction__path__startswith=plan.jurisdiction.path)
    )
    return [
        drawlib.Officer(str(u.pk), u.cert_valid_from, u.cert_valid_to)
        for u in users.only("pk", "cert_valid_from", "cert_valid_to", "cert_no")
        if u.cert_no and u.cert_valid_on(plan.period_end)
    ]


def conflicts_for(plan: InspectionPlan, uscc_by_id: dict[int, str]) -> set[tuple[str, str]]:
    rows = ConflictOfInterest.objects.filter(
        supervised_object_id__in=list(uscc_by_id), start_date__lte=plan.period_end
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=plan.period_start))
    return {(str(o), uscc_by_id[s]) for o, s in rows.values_list("officer_id", "supervised_object_id")}


def previous_pairs(plan: InspectionPlan, uscc_by_id: dict[int, str]) -> dict[str, frozenset[str]]:
    """The officers of each object's latest inspection (or latest draw) before this plan."""
    out: dict[str, frozenset[str]] = {}
    through = Inspection.officers.through
    latest: dict[int, tuple[dt.date, int]] = {}
    for iid, oid, day in Inspection.objects.filter(
        supervised_object_id__in=list(uscc_by_id), date__lt=plan.period_start
    ).values_list("pk", "supervised_object_id", "date"):
        if oid not in latest or (day, iid) > latest[oid]:
            latest[oid] = (day, iid)
    by_inspection: dict[int, set[str]] = defaultdict(set)
    for iid, uid in through.objects.filter(inspection_id__in=[v[1] for v in latest.values()]).values_list(
        "inspection_id", "user_id"
    ):
        by_inspection[iid].add(str(uid))
    for oid, (_day, iid) in latest.items():
        if by_inspection.get(iid):
            out[uscc_by_id[oid]] = frozenset(by_inspection[iid])
    return out


def year_load(plan: InspectionPlan) -> dict[str, int]:
    """Assignments per officer in the plan year's earlier draws (for balancing across quarters)."""
    through = DrawnObject.officers.through
    rows = through.objects.filter(
        drawnobject__plan__period_start__year=plan.period_start.year,
        drawnobject__plan__period_start__lt=plan.period_start,
    ).values_list("user_id", flat=True)
    load: dict[str, int] = defaultdict(int)
    for uid in rows:
        load[str(uid)] += 1
    return dict(load)
