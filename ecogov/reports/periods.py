"""Briefing periods (pure): "2021-08", "2021Q3", "2021" <-> (start, end) dates, both inclusive."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Period:
    kind: str  # "month" | "quarter" | "year"
    start: dt.date
    end: dt.date

    @property
    def code(self) -> str:
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "quarter":
            return f"{self.start.year}Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year}"

    @property
    def label(self) -> str:
        """As a Chinese document names it: 2021年8月, 2021年第三季度, 2021年."""
        if self.kind == "month":
            return f"{self.start.year}年{self.start.month}月"
        if self.kind == "quarter":
            return f"{self.start.year}年第{'一二三四'[(self.start.month - 1) // 3]}季度"
        return f"{self.start.year}年"

    @property
    def year_start(self) -> dt.date:
        return self.start.replace(month=1, day=1)

    @property
    def months_label(self) -> str:
        """The year to date as the seed writes it: "1-8月"."""
        return f"1-{self.end.month}月"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})$"), "month"),
    (re.compile(r"^(\d{4})[Qq]([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})$"), "year"),
)


def parse(code: str) -> Period:
    """The period a code names; ValueError for anything else (month 1-12, year 2000-2100)."""
    code = (code or "").strip()
    for pattern, kind in PATTERNS:
        m = pattern.match(code)
        if not m:
            continue
        year = int(m.group(1))
        if not 2000 <= year <= 2100:
            break
        if kind == "year":
            return Period(kind, dt.date(year, 1, 1), dt.date(year, 12, 31))
        n = int(m.group(2))
        if kind == "quarter":
            return Period(kind, dt.date(year, 3 * n - 2, 1), _month_end(year, 3 * n))
        if 1 <= n <= 12:
            return Period(kind, dt.date(year, n, 1), _month_end(year, n))
    raise ValueError(f"not a period: {code!r} (use 2021-08, 2021Q3 or 2021)")


def previous(kind: str, today: dt.date) -> Period:
    """The last complete period of ``kind`` before ``today``."""
    if kind == "month":
        last = today.replace(day=1) - dt.timedelta(days=1)
        return parse(f"{last:%Y-%m}")
    if kind == "quarter":
        q = (today.month - 1) // 3
        return parse(f"{today.year}Q{q}") if q else parse(f"{today.year - 1}Q4")
    return parse(str(today.year - 1))
