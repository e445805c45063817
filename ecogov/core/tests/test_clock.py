"""The one working-day clock against dates checked by hand on the State Council's
2025 and 2026 holiday notices (core/data/holidays_cn.json)."""

from __future__ import annotations

import datetime as dt

import pytest

from ecogov.core import clock
from ecogov.core.models import Holiday

D = dt.date


def test_notices_as_typed_in():
    days = clock.official_days()
    off = lambda y: [d for d in days if d.date.year == y and not d.workday]  # noqa: E731
    work = lambda y: [d.date for d in days if d.date.year == y and d.workday]  # noqa: E731
    # 2025: 元旦 1 + 春节 8 + 清明 3 + 劳动节 5 + 端午 3 + 国庆中秋 8 days off; 5 make-up days.
    assert len(off(2025)) == 1 + 8 + 3 + 5 + 3 + 8
    assert work(2025) == [D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11)]
    # 2026: 元旦 3 + 春节 9 + 清明 3 + 劳动节 5 + 端午 3 + 中秋 3 + 国庆 7 days off; 6 make-up days.
    assert len(off(2026)) == 3 + 9 + 3 + 5 + 3 + 3 + 7
    assert work(2026) == [D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10)]
    assert all("国务院办公厅" in d.source for d in days)
    assert clock.official_years() == [2025, 2026]


def test_fifteen_working_days_across_national_day_2026():
    cal = clock.official_calendar()
    # From Mon 28 Sep 2026: Sep 29, 30 (2); Oct 1-7 off; Oct 8, 9 (4); Sat Oct 10 is a make-up day (5);
    # Oct 12-16 (10); Oct 19-23 (15).
    assert cal.add_working_days(D(2026, 9, 28), 15) == D(2026, 10, 23)
    # Weekends only (no notice) would give Mon 19 Oct.
    assert clock.Calendar().add_working_days(D(2026, 9, 28), 15) == D(2026, 10, 19)


def test_fifteen_working_days_across_national_day_2025():
    cal = clock.official_calendar()
    # From Fri 26 Sep 2025: Sun Sep 28 works (1); Sep 29, 30 (3); Oct 1-8 off; Oct 9, 10 (5);
    # Sat Oct 11 works (6); Oct 13-17 (11); Oct 20-23 (15).
    assert cal.add_working_days(D(2025, 9, 26), 15) == D(2025, 10, 23)


def test_spring_festival_2026_and_counting_back():
    cal = clock.official_calendar()
    # From Thu 12 Feb 2026: Fri 13 (1); Sat 14 works (2); Feb 15-23 off; Feb 24, 25, 26 (5).
    assert cal.add_working_days(D(2026, 2, 12), 5) == D(2026, 2, 26)
    # Back from Mon 12 Oct 2026: Sat 10 works (1), Fri 9 (2), Thu 8 (3).
    assert cal.add_working_days(D(2026, 10, 12), -3) == D(2026, 10, 8)
    assert cal.add_working_days(D(2026, 10, 12), 0) == D(2026, 10, 12)


def test_working_days_between_and_calendar_days():
    cal = clock.official_calendar()
    # (30 Sep, 12 Oct 2026]: Oct 8, 9, 10 (make-up), 12.
    assert cal.working_days_between(D(2026, 9, 30), D(2026, 10, 12)) == 4
    assert cal.working_days_between(D(2026, 10, 12), D(2026, 9, 30)) == -4
    assert cal.working_days_between(D(2026, 10, 1), D(2026, 10, 1)) == 0
    assert clock.add_calendar_days(D(2026, 1, 10), 15) == D(2026, 1, 25)
    assert clock.calendar_days_between(D(2026, 1, 10), D(2026, 3, 1)) == 50
    assert not cal.is_working_day(D(2025, 1, 1)) and cal.is_working_day(D(2025, 1, 26))
    assert not cal.is_working_day(D(2026, 1, 3)) and cal.is_working_day(D(2026, 1, 4))


@pytest.mark.django_db
def test_bureau_rows_override_the_notice():
    assert clock.add_working_days(D(2026, 9, 28), 15) == D(2026, 10, 23)
    # A local day off on Fri 9 Oct and Wed 7 Oct made a working day: Sep 29, 30, Oct 7, 8, 10 (5) ...
    Holiday.objects.create(date=D(2026, 10, 9), name="本地调整", workday=False)
    Holiday.objects.create(date=D(2026, 10, 7), name="本地调整", workday=True)
    cal = clock.calendar()
    assert not cal.is_working_day(D(2026, 10, 9)) and cal.is_working_day(D(2026, 10, 7))
    # ... Oct 12-16 (10), Oct 19-23 (15): the two changes cancel out.
    assert clock.add_working_days(D(2026, 9, 28), 15) == D(2026, 10, 23)
    assert clock.add_working_days(D(2026, 9, 28), 3) == D(2026, 10, 7)
    names = {d.date: d.name for d in clock.year_days(2026)}
    assert names[D(2026, 10, 9)] == "本地调整" and names[D(2026, 10, 1)] == "国庆节"
