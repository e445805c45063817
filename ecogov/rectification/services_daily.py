"""The daily jobs of the ledger, both idempotent:

- ``plan_recompute(day)``: progress against plan (序时进度) of every item, from its
  milestones (leaves) or its children (parents), and the coarse status (open/overdue/done);
  only changed rows are written, a changed state is audited.
- ``escalate(day)``: the escalation ladder on the working-day clock (reminder, supervisor,
  red list, summons). Each step is taken once per item (a unique row), audited, and
  notified after commit; a second run on the same day sends nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ecogov.core.audit import audit_record
from ecogov.core.clock import Calendar, calendar
from ecogov.core.notifications import notify

from . import progress as calc
from .choices import LADDER, EscalationStep, ItemState, RectificationStatus
from .models import Escalation, RectificationItem
from .policy import policy

PLAN_FIELDS = ["progress", "expected", "plan_state", "plan_date", "status"]


def _status(item: RectificationItem, day: dt.date) -> str:
    if item.state == ItemState.CLOSED:
        return RectificationStatus.DONE
    return RectificationStatus.OVERDUE if item.deadline < day else RectificationStatus.OPEN


def _compute(items: list[RectificationItem], day: dt.date) -> list[RectificationItem]:
    """Set the plan fields of ``items`` (whole trees) in memory; return those that changed."""
    milestones: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
    from .models import Milestone

    for item_id, due, share in Milestone.objects.filter(item__in=items).values_list("item_id", "due", "share"):
        milestones[item_id].append((due, share))
    children: dict[int, list[RectificationItem]] = defaultdict(list)
    for item in items:
        if item.parent_id:
            children[item.parent_id].append(item)
    plans: dict[int, calc.Plan] = {}
    changed = []
    depth = {"problem": 0, "task": 1, "subtask": 2}
    for item in sorted(items, key=lambda i: -depth.get(i.level, 0)):  # leaves first
        before = [getattr(item, f) for f in PLAN_FIELDS]
        kids = children.get(item.pk, [])
        closed = item.state == ItemState.CLOSED
        if kids:
            item.progress = calc.weighted((k.weight, k.progress) for k in kids)
            plan = calc.Plan(calc.weighted((k.weight, plans[k.pk].expected) for k in kids),
                             calc.weighted((k.weight, plans[k.pk].next_target) for k in kids))
        else:
            plan = calc.plan_on(milestones.get(item.pk, []), day, deadline=item.deadline)
        if closed:
            item.progress = 100
        plans[item.pk] = plan
        item.expected = plan.expected
        item.plan_state = calc.state(progress=item.progress, plan=plan, closed=closed, sustained=item.sustained)
        item.status = _status(item, day)
        if [getattr(item, f) for f in PLAN_FIELDS[:3] + ["status"]] != before[:3] + before[4:]:
            item.plan_date = day
            changed.append((item, before))
    return [_audit(item, before) for item, before in changed]


def _audit(item: RectificationItem, before: list) -> RectificationItem:
    if before[2] != item.plan_state:
        audit_record(actor=None, obj=item, event="update", changes={"plan_state": [before[2], item.plan_state]},
                     note="序时进度 progress against plan")
    return item


def _trees(qs) -> list[RectificationItem]:
    return list(qs.select_related(None).only("pk", "parent_id", "level", "weight", "progress", "expected",
                                             "plan_state", "plan_date", "status", "state", "sustained",
                                             "deadline", "jurisdiction_id", "problem"))


@transaction.atomic
def plan_recompute(*, day: dt.date | None = None) -> int:
    """Recompute every item's progress against plan on ``day``; returns the number of rows changed."""
    day = day or timezone.localdate()
    changed = _compute(_trees(RectificationItem.objects.all()), day)
    RectificationItem.objects.bulk_update(changed, PLAN_FIELDS, batch_size=500)
    return len(changed)


def plan_refresh(*, item: RectificationItem, day: dt.date) -> None:
    """Recompute the tree ``item`` belongs to (after a report, a milestone, a move)."""
    root = item
    while root.parent_id:
        root = root.parent
    tree = RectificationItem.objects.filter(Q(pk=root.pk) | Q(parent_id=root.pk) | Q(parent__parent_id=root.pk))
    changed = _compute(_trees(tree), day)
    RectificationItem.objects.bulk_update(changed, PLAN_FIELDS)
    for fresh in changed:
        if fresh.pk == item.pk:
            for f in PLAN_FIELDS:
                setattr(item, f, getattr(fresh, f))


# ----------------------------------------------------------------------------- escalation


def ladder(deadline: dt.date, *, cal: Calendar, pol: dict | None = None) -> dict[str, dt.date]:
    """The day each step of the ladder falls due for an item due on ``deadline``."""
    pol = pol or policy()
    return {
        EscalationStep.REMIND: cal.add_working_days(deadline, -pol["remind_before"]),
        EscalationStep.SUPERVISOR: deadline,
        EscalationStep.RED_LIST: cal.add_working_days(deadline, pol["red_list_after"]),
        EscalationStep.SUMMONS: cal.add_working_days(deadline, pol["summons_after"]),
    }


SUBJECTS = {
    EscalationStep.REMIND: "整改事项即将到期：{p}（期限{d}）",
    EscalationStep.SUPERVISOR: "整改事项已到期未销号，请督办：{p}（期限{d}）",
    EscalationStep.RED_LIST: "整改事项逾期列入通报：{p}（期限{d}）",
    EscalationStep.SUMMONS: "整改事项严重逾期，包案领导{l}列入约谈名单：{p}（期限{d}）",
}


def _recipients(item: RectificationItem, step: str) -> list:
    if step == EscalationStep.REMIND:
        return [item.owner]
    if step == EscalationStep.SUPERVISOR:
        return [item.supervisor]
    return [item.supervisor, item.owner]


def _take(item: RectificationItem, step: str, due: dt.date, day: dt.date) -> Escalation:
    esc = Escalation.objects.create(item=item, step=step, date=day, due=due)
    audit_record(actor=None, obj=item, event="action", changes={"escalation": [None, step]},
                 note=f"{EscalationStep.label_zh(step)} {day}")
    subject = SUBJECTS[step].format(p=item.problem[:40], d=item.deadline, l=item.leader or "—")
    for person in {p for p in _recipients(item, step) if p is not None}:
        notify(recipient=person, subject=subject, body=item.problem, obj=item)
    return esc


@transaction.atomic
def escalate(*, day: dt.date | None = None) -> dict[str, int]:
    """Take every step of the ladder that has fallen due by ``day`` and not been taken yet."""
    day = day or timezone.localdate()
    cal, pol = calendar(), policy()
    taken: dict[int, set[str]] = defaultdict(set)
    for item_id, step in Escalation.objects.values_list("item_id", "step"):
        taken[item_id].add(step)
    counts = {step: 0 for step in LADDER}
    rows = RectificationItem.objects.exclude(state=ItemState.CLOSED).filter(deadline__lte=day + dt.timedelta(days=60))
    for item in rows.select_related("owner", "supervisor").order_by("deadline", "pk"):
        for step, due in ladder(item.deadline, cal=cal, pol=pol).items():
            late_reminder = step == EscalationStep.REMIND and day > item.deadline
            if due <= day and step not in taken[item.pk] and not late_reminder:
                _take(item, step, due, day)
                counts[step] += 1
    return counts
