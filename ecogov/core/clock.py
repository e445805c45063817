"""The one working-day clock: every deadline in the platform is computed here.

The calendar is the State Council's yearly holiday notices (public holidays and
make-up working days, 调休), shipped in ``core/data/holidays_cn.json`` with
their source, plus the bureau's own changes kept in :class:`core.Holiday` rows
(edited on the calendar page): a row for a date overrides the notice for that
date (``workday=True`` makes it a working day, ``False`` a day off).

Counting follows the rule for legal periods: the starting day is not counted,
so "within 5 working days" of a notice on Thursday 2 April 2026 ends on
Friday 10 April (3, 7, 8, 9, 10; 4-6 April are the Qingming holiday).
Calendar-day limits go through the same module (``add_calendar_days``) so
that every deadline has one home.

Apps declare what has a deadline as a clock source (``core.contrib.clock_sources``);
``due_items`` gathers them for the one "due soon / overdue" page.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).with_name("data") / "holidays_cn.json"
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Calendar:
    """Days off and make-up working days; any other weekday works, any other weekend day rests."""

    holidays: frozenset[dt.date] = frozenset()
    workdays: frozenset[dt.date] = frozenset()

    @classmethod
    def of(cls, holidays: Iterable[dt.date] = (), workdays: Iterable[dt.date] = ()) -> Calendar:
        return cls(frozenset(holidays), frozenset(workdays))

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day after ``start`` (``start`` itself not counted); n < 0 counts back."""
        step = ONE_DAY if n >= 0 else -ONE_DAY
        day, left = start, abs(n)
        while left:
            day += step
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in ``(start, end]`` (negative when ``end`` is before ``start``)."""
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += ONE_DAY
            count += self.is_working_day(day)
        return count


def add_calendar_days(start: dt.date, n: int) -> dt.date:
    """``start`` + n calendar days (the starting day not counted)."""
    return start + dt.timedelta(days=n)


def calendar_days_between(start: dt.date, end: dt.date) -> int:
    return (end - start).days


# ----------------------------------------------------------------------------- the official notices


@dataclass(frozen=True)
class CalendarDay:
    date: dt.date
    name: str
    workday: bool
    source: str
    local: bool = False  # the bureau's own row, not the notice


def _span(first: str, last: str) -> Iterable[dt.date]:
    day, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    while day <= end:
        yield day
        day += ONE_DAY


@cache
def official_days() -> tuple[CalendarDay, ...]:
    """Every day the shipped notices name, in date order."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    out: list[CalendarDay] = []
    for year in data["years"].values():
        for h in year["holidays"]:
            out.extend(CalendarDay(d, h["name"], False, year["source"]) for d in _span(h["from"], h["to"]))
        out.extend(CalendarDay(dt.date.fromisoformat(w["date"]), w["name"], True, year["source"])
                   for w in year["workdays"])
    return tuple(sorted(out, key=lambda d: d.date))


def official_years() -> list[int]:
    return sorted({d.date.year for d in official_days()})


def official_calendar() -> Calendar:
    days = official_days()
    return Calendar.of((d.date for d in days if not d.workday), (d.date for d in days if d.workday))


def calendar() -> Calendar:
    """The calendar in force: the notices, with the bureau's own rows overriding them date by date."""
    from .models import Holiday

    holidays = {d.date for d in official_days() if not d.workday}
    workdays = {d.date for d in official_days() if d.workday}
    for day, is_work in Holiday.objects.values_list("date", "workday"):
        (workdays.add if is_work else holidays.add)(day)
        (holidays.discard if is_work else workdays.discard)(day)
    return Calendar.of(holidays, workdays)


def add_working_days(start: dt.date, n: int, *, cal: Calendar | None = None) -> dt.date:
    """The n-th working day after ``start`` on the calendar in force (or ``cal``)."""
    return (cal or calendar()).add_working_days(start, n)


def working_days_between(start: dt.date, end: dt.date, *, cal: Calendar | None = None) -> int:
    return (cal or calendar()).working_days_between(start, end)


def is_working_day(day: dt.date, *, cal: Calendar | None = None) -> bool:
    return (cal or calendar()).is_working_day(day)


def year_days(year: int) -> list[CalendarDay]:
    """The named days of ``year``: the notice's, with the bureau's rows in their place."""
    from .models import Holiday

    local = {h.date: h for h in Holiday.objects.filter(date__year=year)}
    out = {d.date: d for d in official_days() if d.date.year == year and d.date not in local}
    for day, row in local.items():
        out[day] = CalendarDay(day, row.name, row.workday, row.source or "", local=True)
    return [out[k] for k in sorted(out)]
