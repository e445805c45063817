"""HJ 663 period assessment, vectorised over stations or areas: data capture,
period validity (GB 3095 Table 4 applied to a year or a year to date),
good-day ratio and heavy-pollution days from daily AQI arrays.

Every function takes arrays of shape ``(m, n_days)`` (m stations or areas) and
returns one value per row; a 1-d input is one row.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

import numpy as np

from .gb3095 import ANNUAL_MIN_DAYS, FEBRUARY_MIN_DAYS, MONTH_MIN_DAYS

__all__ = [
    "capture_rate_array",
    "period_data_valid_array",
    "good_day_ratio_array",
    "heavy_pollution_days_array",
    "months_complete",
]


def _rows(x: np.ndarray) -> np.ndarray:
    return np.atleast_2d(np.asarray(x))


def capture_rate_array(valid: np.ndarray) -> np.ndarray:
    """Data capture (数据有效率) per row: valid days over the days of the period, in percent.

    Parameters
    ----------
    valid : numpy.ndarray of bool, shape (m, n)
        True where a day has a valid value [day].

    Returns
    -------
    numpy.ndarray
        Capture [%] per row; 0 for an empty period.

    References
    ----------
    GB 3095-2012/2026, clause 5 and Table 4 (analysers run every day of the year;
    valid data enter the statistics); HJ 663-2013, clause 5 (statistics of valid data).
    """
    v = _rows(valid).astype(bool)
    n = v.shape[1]
    return 100.0 * v.sum(axis=1) / n if n else np.zeros(v.shape[0])


def months_complete(dates: Sequence[_dt.date]) -> list[tuple[int, int]]:
    """The (year, month) pairs whose every day lies in ``dates`` (the whole months of a period).

    Parameters
    ----------
    dates : sequence of datetime.date
        Days of a period [local dates].

    Returns
    -------
    list of tuple
        ``(year, month)`` of each whole calendar month [month], in order.

    References
    ----------
    GB 3095-2012/2026, Table 4 (monthly minima apply to calendar months).
    """
    seen: dict[tuple[int, int], int] = {}
    for d in set(dates):
        seen[(d.year, d.month)] = seen.get((d.year, d.month), 0) + 1
    out = []
    for (y, m), count in sorted(seen.items()):
        nxt = _dt.date(y + (m == 12), m % 12 + 1, 1)
        if count == (nxt - _dt.date(y, m, 1)).days:
            out.append((y, m))
    return out


def period_data_valid_array(valid: np.ndarray, dates: Sequence[_dt.date], *, whole_year: bool) -> np.ndarray:
    """Whether each row's period statistic is valid: GB 3095 Table 4 on a year or a year to date.

    Parameters
    ----------
    valid : numpy.ndarray of bool, shape (m, n)
        True where a day has a valid daily value [day].
    dates : sequence of datetime.date
        The n dates of the columns [local dates].
    whole_year : bool
        True for a calendar year: also >= 324 valid days. A year to date checks
        only the monthly minimum of its whole months (a month still running is
        not judged: the standard sets minima for whole months only).

    Returns
    -------
    numpy.ndarray of bool
        Validity per row.

    References
    ----------
    GB 3095-2012/2026, Table 4: annual means need >= 324 daily means a year and
    >= 27 a month (25 in February).
    """
    v = _rows(valid).astype(bool)
    if v.shape[1] != len(dates):
        raise ValueError("one date per day needed / 每天需要一个日期")
    ok = np.ones(v.shape[0], dtype=bool)
    if whole_year:
        ok &= v.sum(axis=1) >= ANNUAL_MIN_DAYS
    keys = [(d.year, d.month) for d in dates]
    for y, m in months_complete(dates):
        cols = np.array([j for j, k in enumerate(keys) if k == (y, m)])
        need = FEBRUARY_MIN_DAYS if m == 2 else MONTH_MIN_DAYS
        ok &= v[:, cols].sum(axis=1) >= need
    return ok


def good_day_ratio_array(daily_aqi: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Good days, valid days and the good-day ratio (优良天数比例) per row.

    Parameters
    ----------
    daily_aqi : numpy.ndarray of int, shape (m, n)
        Daily AQI [dimensionless]; a negative value (-1) = no valid AQI, left out
        of the denominator.

    Returns
    -------
    tuple of numpy.ndarray
        ``(good, valid, ratio)``: counts [d] and ratio [%] unrounded, NaN for a row
        without a valid day.

    References
    ----------
    HJ 633-2012/2026, category table (优 and 良 = AQI <= 100); HJ 663-2013, clause 7
    (达标天数比例 = good days / valid days).
    """
    a = _rows(daily_aqi).astype(np.int64)
    has = a >= 0
    good = (has & (a <= 100)).sum(axis=1)
    n = has.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(n > 0, 100.0 * good / np.where(n > 0, n, 1), np.nan)
    return good, n, ratio


def heavy_pollution_days_array(daily_aqi: np.ndarray, *, threshold: int = 200) -> np.ndarray:
    """Heavy-pollution days (重污染天数) per row: valid days with AQI above ``threshold``.

    Parameters
    ----------
    daily_aqi : numpy.ndarray of int, shape (m, n)
        Daily AQI [dimensionless]; negative = none.
    threshold : int
        200 (重度 and 严重) or 300 (严重 only).

    Returns
    -------
    numpy.ndarray of int
        Days [d].

    References
    ----------
    HJ 633-2012/2026, category table (重度污染 201-300, 严重污染 > 300).
    """
    a = _rows(daily_aqi).astype(np.int64)
    return (a > threshold).sum(axis=1)
