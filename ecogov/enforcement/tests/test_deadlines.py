"""Administrative Penalty Law 2021 deadlines on hand-checked 2026 dates.

Calendar facts used (checked by hand): 2026-01-01 is a Thursday, so 2026-03-01 is a
Sunday, 2026-04-01 a Wednesday and 2026-05-01 a Friday.
"""

import datetime as dt
from decimal import Decimal

from ecogov.enforcement import deadlines as d

D = dt.date


def test_decision_within_90_days_plus_extensions():
    # Mar 2 + 29 days = Mar 31; + 30 = Apr 30; + 31 = May 31 (29 + 30 + 31 = 90)
    assert d.decision_due(D(2026, 3, 2)) == D(2026, 5, 31)
    assert d.decision_due(D(2026, 3, 2), [30]) == D(2026, 6, 30)
    assert d.decision_due(D(2026, 3, 2), [], {"decision_days": 60}) == D(2026, 5, 1)


def test_hearing_request_5_working_days():
    # notice Thu Mar 5: Fri 6, Mon 9, Tue 10, Wed 11, Thu 12
    assert d.hearing_request_due(D(2026, 3, 5)) == D(2026, 3, 12)
    # notice Thu Apr 2 with the Qingming holiday on Mon Apr 6: Fri 3, Tue 7, Wed 8, Thu 9, Fri 10
    assert d.hearing_request_due(D(2026, 4, 2), holidays={D(2026, 4, 6)}) == D(2026, 4, 10)
    # an adjusted working Saturday (调休) counts: Sat Mar 7 makes Wed Mar 11 the fifth day
    assert d.hearing_request_due(D(2026, 3, 5), workdays={D(2026, 3, 7)}) == D(2026, 3, 11)


def test_hearing_notified_7_working_days_ahead():
    # hearing Wed Mar 25: back Tue 24, Mon 23, Fri 20, Thu 19, Wed 18, Tue 17, Mon 16
    assert d.hearing_notice_latest(D(2026, 3, 25)) == D(2026, 3, 16)


def test_delivery_7_working_days_and_payment_15_days():
    # decision Fri May 29: Mon Jun 1 .. Fri Jun 5 (5), Mon 8 (6), Tue 9 (7)
    assert d.delivery_due(D(2026, 5, 29)) == D(2026, 6, 9)
    assert d.payment_due(D(2026, 6, 9)) == D(2026, 6, 24)


def test_late_surcharge_3_percent_a_day_capped_at_the_fine():
    fine = Decimal("10000.00")
    assert d.late_surcharge(fine, D(2026, 6, 24), D(2026, 6, 24)) == Decimal("0.00")
    # 10 days late: 10000 * 0.03 * 10 = 3000
    assert d.late_surcharge(fine, D(2026, 6, 24), D(2026, 7, 4)) == Decimal("3000.00")
    # 47 days late: 141 % -> capped at the fine
    assert d.late_surcharge(fine, D(2026, 6, 24), D(2026, 8, 10)) == Decimal("10000.00")
    # 1 day late on CNY 12,345.67: 370.3701 -> 370.37
    assert d.late_surcharge(Decimal("12345.67"), D(2026, 6, 24), D(2026, 6, 25)) == Decimal("370.37")


def test_daily_continuous_penalty():
    # order delivered Mar 10; re-inspection Mar 20 finds the violation: Mar 11..Mar 20 = 10 days
    assert d.daily_penalty(Decimal("20000"), D(2026, 3, 10), D(2026, 3, 20)) == (10, Decimal("200000.00"))
    assert d.daily_penalty(Decimal("20000"), D(2026, 3, 10), D(2026, 3, 10)) == (0, Decimal("0.00"))


def test_overdue():
    assert d.overdue(D(2026, 3, 1), None, D(2026, 3, 2))
    assert not d.overdue(D(2026, 3, 1), None, D(2026, 3, 1))
    assert not d.overdue(D(2026, 3, 1), D(2026, 3, 5), D(2026, 4, 1))
