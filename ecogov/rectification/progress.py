"""Progress against plan (序时进度): pure arithmetic on milestones and reported shares.

An item's plan is its milestones, each with a due date and the share of the work
it stands for. On a day D the expected progress is the sum of the shares due on
or before D; the next target adds the share of the first milestone after D. An
item without milestones has one implicit milestone: all the work by its deadline.

The state follows from the reported progress p, the expected share e and the next
target n (all in per cent):

- closed: done (已完成), or done and to be sustained (已完成、长期坚持);
- p = 100 (not yet closed): done;
- p < e: behind schedule;
- p = 0 (and nothing expected yet): not started;
- p >= n > e (the next milestone's work already done): ahead of schedule;
- otherwise: on schedule.

A parent's p, e and n are the weighted means of its children's (weights of the
children, rounded half up to whole per cent), so a parent's state follows the
same rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

NOT_STARTED, BEHIND, ON_SCHEDULE, AHEAD, DONE, SUSTAINED = (
    "not_started", "behind", "on_schedule", "ahead", "done", "sustained")


@dataclass(frozen=True)
class Plan:
    """Expected progress on a day and the next target, in per cent."""

    expected: int
    next_target: int


def plan_on(milestones: Iterable[tuple[dt.date, int]], day: dt.date, *, deadline: dt.date) -> Plan:
    """The plan on ``day`` from ``(due, share)`` pairs (none: 100 % by ``deadline``)."""
    ms = sorted(milestones) or [(deadline, 100)]
    expected = sum(share for due, share in ms if due <= day)
    later = [share for due, share in ms if due > day]
    return Plan(min(expected, 100), min(expected + (later[0] if later else 0), 100))


def state(*, progress: int, plan: Plan, closed: bool = False, sustained: bool = False) -> str:
    """The progress-against-plan state (see the module docstring)."""
    if closed:
        return SUSTAINED if sustained else DONE
    if progress >= 100:
        return DONE
    if progress < plan.expected:
        return BEHIND
    if progress == 0:
        return NOT_STARTED
    if plan.next_target > plan.expected and progress >= plan.next_target:
        return AHEAD
    return ON_SCHEDULE


def weighted(pairs: Iterable[tuple[int, int]]) -> int:
    """The weighted mean of ``(weight, percent)`` pairs, rounded half up (0 when empty)."""
    pairs = list(pairs)
    total = sum(w for w, _ in pairs)
    if not total:
        return 0
    mean = Decimal(sum(w * p for w, p in pairs)) / Decimal(total)
    return int(mean.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def rate(done: int, total: int) -> float | None:
    """A completion rate in per cent to one decimal, rounded half up (45 of 48 -> 93.8)."""
    if not total:
        return None
    return float((Decimal(done * 100) / Decimal(total)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
