"""Complaint time limits: the rules, counted by the one clock (``ecogov.core.clock``).

Rules (MEP Order No. 15, 环保举报热线工作管理办法, see standards.md §8.4):
the reporter is told whether the report is accepted within 15 days of
receipt; an accepted report is finished within 60 days of acceptance; a
complex case may be extended, with approval, by at most the policy's maximum
(30 days by law). Local commitments are stricter (some cities promise 7
days), so every number is a ``Limits`` field of the jurisdiction's policy
(``ComplaintPolicy`` rows, read by ``policy.policy_for``).

The rule counts calendar days; the starting day is not counted, so "within 15
days" of a report received on 10 January ends on 25 January. All the counting
is ``core.clock.add_calendar_days`` / ``calendar_days_between``: this module
only says which limit applies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ecogov.core import clock


@dataclass(frozen=True)
class Limits:
    acceptance_days: int = 15
    finish_days: int = 60
    max_extension_days: int = 30
    due_soon_days: int = 5


DEFAULT_LIMITS = Limits()


def acceptance_due(received: dt.date, limits: Limits = DEFAULT_LIMITS) -> dt.date:
    """Last day to tell the reporter whether the report is accepted."""
    return clock.add_calendar_days(received, limits.acceptance_days)


def finish_due(accepted: dt.date, limits: Limits = DEFAULT_LIMITS, extension_days: int = 0) -> dt.date:
    """Last day to finish: acceptance + ``finish_days`` + approved extension days."""
    return clock.add_calendar_days(accepted, limits.finish_days + extension_days)


def extended(due: dt.date, days: int) -> dt.date:
    """A finishing day moved by an approved extension of ``days``."""
    return clock.add_calendar_days(due, days)


def extension_room(already_days: int, limits: Limits = DEFAULT_LIMITS) -> int:
    """Days that may still be requested when ``already_days`` are approved or pending."""
    return max(0, limits.max_extension_days - already_days)


def extension_allowed(already_days: int, requested_days: int, limits: Limits = DEFAULT_LIMITS) -> bool:
    """True when ``requested_days`` more keeps the total extension within ``max_extension_days``."""
    return 0 < requested_days <= extension_room(already_days, limits)


def days_left(due: dt.date, today: dt.date) -> int:
    """Days until ``due`` (negative when overdue; 0 on the due day itself)."""
    return clock.calendar_days_between(today, due)


def due_soon_until(today: dt.date, days: int | None = None) -> dt.date:
    """The last due day that counts as "due soon" from ``today`` (default: the legal 5-day warning)."""
    return clock.add_calendar_days(today, DEFAULT_LIMITS.due_soon_days if days is None else days)


def clock_state(due: dt.date | None, today: dt.date, done_on: dt.date | None = None,
                limits: Limits = DEFAULT_LIMITS) -> str:
    """"none", "met", "late" (finished after the due day), "overdue", "due_soon" or "running"."""
    if due is None:
        return "none"
    if done_on is not None:
        return "met" if done_on <= due else "late"
    left = days_left(due, today)
    if left < 0:
        return "overdue"
    if left <= limits.due_soon_days:
        return "due_soon"
    return "running"


def handling_days(accepted: dt.date, closed: dt.date) -> int:
    """Calendar days from acceptance to closing."""
    return clock.calendar_days_between(accepted, closed)
