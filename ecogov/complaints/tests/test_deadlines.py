"""Time limits on hand-checked dates (standards.md §8.4: notify within 15 days, finish within 60, extend ≤ 30)."""

import datetime as dt

from ecogov.complaints import deadlines as d

D = dt.date


def test_acceptance_notice_due_15_days_after_receipt():
    # received 10 January 2026: the receipt day is not counted, 10 + 15 = 25 January
    assert d.acceptance_due(D(2026, 1, 10)) == D(2026, 1, 25)
    # across a month end: 20 February + 15 days = 7 March (February 2026 has 28 days: 8 + 7)
    assert d.acceptance_due(D(2026, 2, 20)) == D(2026, 3, 7)


def test_finish_due_60_days_after_acceptance_plus_extension():
    # accepted 15 January 2026: 16 days left in January, 28 in February -> 44; 60 - 44 = 16 March
    assert d.finish_due(D(2026, 1, 15)) == D(2026, 3, 16)
    # with an approved 30-day extension: 16 March + 30 = 15 April
    assert d.finish_due(D(2026, 1, 15), extension_days=30) == D(2026, 4, 15)


def test_city_with_7_day_commitment():
    seven = d.Limits(acceptance_days=2, finish_days=7)
    assert d.acceptance_due(D(2026, 3, 30), seven) == D(2026, 4, 1)
    assert d.finish_due(D(2026, 3, 30), seven) == D(2026, 4, 6)


def test_extension_at_most_30_days_in_total():
    assert d.extension_allowed(0, 30)
    assert d.extension_allowed(10, 20)
    assert not d.extension_allowed(10, 21)
    assert not d.extension_allowed(0, 0)
    assert not d.extension_allowed(0, 31)


def test_clock_states():
    due = D(2026, 3, 16)
    assert d.clock_state(due, D(2026, 3, 17)) == "overdue"
    assert d.clock_state(due, D(2026, 3, 16)) == "due_soon"  # the due day itself is still in time
    assert d.clock_state(due, D(2026, 3, 11)) == "due_soon"  # 5 days left
    assert d.clock_state(due, D(2026, 3, 10)) == "running"  # 6 days left
    assert d.clock_state(due, D(2026, 4, 1), done_on=D(2026, 3, 16)) == "met"
    assert d.clock_state(due, D(2026, 4, 1), done_on=D(2026, 3, 17)) == "late"
    assert d.clock_state(None, D(2026, 4, 1)) == "none"
    assert d.days_left(due, D(2026, 3, 20)) == -4
