"""Complaint time limits: pure date arithmetic, no Django.

Rules (MEP Order No. 15, 环保举报热线工作管理办法, see standards.md §8.4):
the reporter is told whether the report is accepted within 15 days of
receipt; an accepted report is finished within 60 days of acceptance; a
complex case may be extended by at most 30 days with approval. Local
commitments are stricter (some cities promise 7 days), so every number is a
``Limits`` field configured per jurisdiction.

Day counting follows the usual rule for legal periods: the day of the event
is not counted, so "within 15 days" of a report received on 10 January ends
on 25 January (10 + 15). Calendar days are used throughout.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    acceptance_days: int = 15
    finish_days: int = 60
    max_extension_days: int = 30
    due_soon_days: int = 5


DEFAULT_LIMITS = Limits()


def acceptance_due(received: dt.date, limits: Limits = DEFAULT_LIMITS) -> dt.date:
    """Last day to tell the reporter whether the report is accepted."""
    return received + dt.timedelta(days=limits.acceptance_days)


def finish_due(accepted: dt.date, limits: Limits = DEFAULT_LIMITS, extension_days: int = 0) -> dt.date:
    """Last day to finish: acceptance + ``finish_days`` + approved extension days."""
    return accepted + dt.timedelta(days=limits.finish_days + extension_days)


def extension_allowed(already_days: int, requested_days: int, limits: Limits = DEFAULT_LIMITS) -> bool:
    """True when ``requested_days`` more keeps the total extension within ``max_extension_days``."""
    return requested_days > 0 and already_days + requested_days <= limits.max_extension_days


def days_left(due: dt.date, today: dt.date) -> int:
    """Days until ``due`` (negative when overdue; 0 on the due day itself)."""
    return (due - today).days


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
    return (closed - accepted).days
