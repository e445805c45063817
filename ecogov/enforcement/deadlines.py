"""Penalty-case deadlines: pure date arithmetic, no Django.

Defaults from the Administrative Penalty Law of the PRC (行政处罚法, revised 2021):

- Art. 60: decide within 90 days of filing (立案之日起九十日内); extensions recorded with approval.
- Art. 63-64: a hearing must be requested within 5 days of the prior notice (告知后五日内);
  the party is notified of the hearing 7 days before it (举行听证的七日前).
- Art. 61: a decision not handed over at once is delivered within 7 days (七日内送达).
- Art. 67: the fine is paid within 15 days of receiving the decision (十五日内).
- Art. 72(1): late payment: a surcharge of 3% of the fine per day, at most the fine itself.
- Art. 85: the "2, 3, 5 and 7 days" of the law are working days (工作日), public holidays excluded.

Periods are counted from the next day (the starting day itself is not counted).
Every date is computed by the platform's one clock (``ecogov.core.clock``): working-day
periods on ``cal``, the calendar in force (``clock.calendar()``, the State Council's notices
with the bureau's changes), or when no ``cal`` is given on the calendar of ``holidays``
(public-holiday dates) and ``workdays`` (adjusted working weekend days, 调休), empty by default.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

from ecogov.core import clock
from ecogov.core.clock import Calendar

DEFAULTS: dict[str, int] = {
    "decision_days": 90,       # calendar days after filing
    "hearing_request_days": 5,  # working days after the prior notice
    "hearing_notice_days": 7,   # working days before the hearing
    "delivery_days": 7,         # working days after the decision
    "payment_days": 15,         # calendar days after delivery
    "surcharge_permille_per_day": 30,  # 3 % = 30 per mille of the fine per day
}
WORKING_DAY_KEYS = frozenset({"hearing_request_days", "hearing_notice_days", "delivery_days"})


def settings(overrides: Mapping[str, int] | None = None) -> dict[str, int]:
    out = dict(DEFAULTS)
    out.update({k: int(v) for k, v in (overrides or {}).items() if k in DEFAULTS})
    return out


def _working(start: dt.date, n: int, holidays: Iterable[dt.date], workdays: Iterable[dt.date],
             cal: Calendar | None) -> dt.date:
    """The n-th working day after ``start`` (n < 0: before) on ``cal`` or the calendar of these days."""
    return clock.add_working_days(start, n, cal=cal if cal is not None else Calendar.of(holidays, workdays))


def decision_due(filed: dt.date, extension_days: Iterable[int] = (), cfg: Mapping[str, int] | None = None) -> dt.date:
    """Last day to decide: filing date + 90 days + approved extensions (calendar days)."""
    c = settings(cfg)
    return clock.add_calendar_days(filed, c["decision_days"] + sum(extension_days))


def hearing_request_due(notice: dt.date, cfg=None, holidays=(), workdays=(), *, cal: Calendar | None = None) -> dt.date:
    return _working(notice, settings(cfg)["hearing_request_days"], holidays, workdays, cal)


def hearing_notice_latest(hearing: dt.date, cfg=None, holidays=(), workdays=(), *,
                          cal: Calendar | None = None) -> dt.date:
    """The last day on which the party may be notified of a hearing on ``hearing``."""
    return _working(hearing, -settings(cfg)["hearing_notice_days"], holidays, workdays, cal)


def delivery_due(decision: dt.date, cfg=None, holidays=(), workdays=(), *, cal: Calendar | None = None) -> dt.date:
    return _working(decision, settings(cfg)["delivery_days"], holidays, workdays, cal)


def payment_due(delivered: dt.date, cfg=None) -> dt.date:
    return clock.add_calendar_days(delivered, settings(cfg)["payment_days"])


def late_surcharge(fine: Decimal, due: dt.date, paid_or_today: dt.date, cfg=None) -> Decimal:
    """3 % of the fine per day after ``due`` up to ``paid_or_today``, capped at the fine [CNY, 0.01]."""
    days = clock.calendar_days_between(due, paid_or_today)
    if days <= 0 or fine <= 0:
        return Decimal("0.00")
    rate = Decimal(settings(cfg)["surcharge_permille_per_day"]) / 1000
    return min(fine, fine * rate * days).quantize(Decimal("0.01"), ROUND_HALF_UP)


def daily_penalty(fine_per_day: Decimal, order_delivered: dt.date, recheck: dt.date) -> tuple[int, Decimal]:
    """Daily continuous penalty (按日连续处罚): days and total [CNY].

    Environmental Protection Law 2014 Art. 59 and the MEP Measures on daily continuous
    penalties (环境保护主管部门实施按日连续处罚办法, 2014) Art. 17-18: the days run from the
    day after the correction order was delivered to the day the re-inspection found the
    violation continuing, both included; total = original fine x days.
    """
    days = clock.calendar_days_between(order_delivered, recheck)
    if days <= 0:
        return 0, Decimal("0.00")
    return days, (fine_per_day * days).quantize(Decimal("0.01"))


def overdue(due: dt.date | None, done: dt.date | None, today: dt.date) -> bool:
    """A step is overdue when not done and today is past its last day."""
    return due is not None and done is None and today > due
