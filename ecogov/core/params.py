"""Reading query parameters: junk in a URL is a clear 422, never a 500.

Pages and API endpoints read ``?year=``, ``?month=``, ``?date=``, ``?page=``
and ids through these helpers. A bad value raises ``ValidationFailed`` naming
the parameter in both languages (pages render it through
``DomainErrorMiddleware``, the API through its error handler).
"""

from __future__ import annotations

import datetime as dt

from .errors import ValidationFailed

MIN_YEAR, MAX_YEAR = 2000, 2100


def _bad(name: str, value, zh: str, en: str) -> ValidationFailed:
    return ValidationFailed(
        "bad_parameter",
        f"参数 {name} 无效（{value!s:.40}）：{zh}",
        f"Parameter {name} is invalid ({value!s:.40}): {en}",
        detail={"field": name, "errors": {name: {"zh": zh, "en": en}}},
    )


def int_param(name: str, raw, default: int | None = None, *, lo: int | None = None, hi: int | None = None):
    """``raw`` as an int in [lo, hi]; ``default`` when empty."""
    if raw in (None, ""):
        return default
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        raise _bad(name, raw, "应为整数", "must be an integer") from None
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise _bad(name, raw, f"应在 {lo} 到 {hi} 之间", f"must be between {lo} and {hi}")
    return value


def year_param(raw, default: int | None = None, name: str = "year") -> int | None:
    """A calendar year between 2000 and 2100."""
    return int_param(name, raw, default, lo=MIN_YEAR, hi=MAX_YEAR)


def month_param(raw, default: int | None = None, name: str = "month") -> int | None:
    """A month 1..12."""
    return int_param(name, raw, default, lo=1, hi=12)


def date_param(raw, default: dt.date | None = None, name: str = "date") -> dt.date | None:
    """An ISO date (YYYY-MM-DD) between 2000 and 2100."""
    if raw in (None, ""):
        return default
    if isinstance(raw, dt.date):
        return raw
    try:
        value = dt.date.fromisoformat(str(raw).strip())
    except ValueError:
        raise _bad(name, raw, "应为日期，格式 YYYY-MM-DD", "must be a date, YYYY-MM-DD") from None
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise _bad(name, raw, f"年份应在 {MIN_YEAR} 到 {MAX_YEAR} 之间", f"year must be {MIN_YEAR}..{MAX_YEAR}")
    return value


def id_param(raw, name: str = "id") -> int | None:
    """A database id (a positive integer that fits a 64-bit column)."""
    return int_param(name, raw, None, lo=1, hi=2**63 - 1)
