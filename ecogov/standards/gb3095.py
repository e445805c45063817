"""GB 3095-2012 / GB 3095-2026 ambient air quality standard: limits and validity rules.

Limits are data, keyed by version (chosen by date through
:func:`ecogov.standards.versions.version_for_date`).  Daily means and the O3
daily maximum 8-hour average follow the data-validity table (Table 4).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

import numpy as np

from .rounding import is_nan, round_half_even, to_fraction
from .versions import version_for_date

__all__ = [
    "LIMITS",
    "limit",
    "DAILY_MIN_HOURS",
    "O3_8H_MIN_HOURS",
    "O3_8H_MIN_WINDOWS",
    "ANNUAL_MIN_DAYS",
    "daily_mean",
    "daily_mean_array",
    "O3Max8h",
    "o3_daily_max_8h",
    "annual_data_valid",
    "DECIMALS",
]

#: Validity (GB 3095-2012/2026 Table 4): hourly values for a daily mean.
DAILY_MIN_HOURS = 20
#: Hourly values needed in one 8-hour window.
O3_8H_MIN_HOURS = 6
#: Valid 8-hour windows needed for the O3 daily maximum (HJ 663 §6.1.2).
O3_8H_MIN_WINDOWS = 14
#: Daily values for an annual mean, per year and per month (February 25).
ANNUAL_MIN_DAYS = 324
MONTH_MIN_DAYS = 27
FEBRUARY_MIN_DAYS = 25

#: Rounding decimals of reported concentrations (µg/m³ integers; CO mg/m³ 0.1).
DECIMALS: MappingProxyType = MappingProxyType({"so2": 0, "no2": 0, "co": 1, "o3": 0, "pm10": 0, "pm25": 0})


def _lim(g1: str | int, g2: str | int) -> tuple[Fraction, Fraction]:
    return Fraction(g1), Fraction(g2)


_BASE_2012 = {
    ("so2", "annual"): _lim(20, 60),
    ("so2", "24h"): _lim(50, 150),
    ("so2", "1h"): _lim(150, 500),
    ("no2", "annual"): _lim(40, 40),
    ("no2", "24h"): _lim(80, 80),
    ("no2", "1h"): _lim(200, 200),
    ("co", "24h"): _lim(4, 4),
    ("co", "1h"): _lim(10, 10),
    ("o3", "8h"): _lim(100, 160),
    ("o3", "1h"): _lim(160, 200),
    ("pm10", "annual"): _lim(40, 70),
    ("pm10", "24h"): _lim(50, 150),
    ("pm25", "annual"): _lim(15, 35),
    ("pm25", "24h"): _lim(35, 75),
}
_TRANSITION = {
    **_BASE_2012,
    ("pm10", "annual"): _lim(40, 60),
    ("pm10", "24h"): _lim(50, 120),
    ("pm25", "annual"): _lim(15, 30),
    ("pm25", "24h"): _lim(35, 60),
}
_FINAL = {
    **_TRANSITION,
    ("so2", "annual"): _lim(20, 20),
    ("so2", "24h"): _lim(50, 50),
    ("so2", "1h"): _lim(150, 150),
    ("no2", "annual"): _lim(30, 30),
    ("no2", "24h"): _lim(50, 50),
    ("pm10", "annual"): _lim(20, 50),
    ("pm10", "24h"): _lim(50, 100),
    ("pm25", "annual"): _lim(10, 25),
    ("pm25", "24h"): _lim(25, 50),
}

#: Limits (Grade I, Grade II) per version and (pollutant, period) [µg/m³; CO mg/m³].
#: Periods: "annual", "24h" (daily mean), "8h" (daily max 8-hour), "1h".
LIMITS: MappingProxyType = MappingProxyType(
    {
        "2012": MappingProxyType(_BASE_2012),
        "2026-transition": MappingProxyType(_TRANSITION),
        "2026-final": MappingProxyType(_FINAL),
    }
)


def limit(
    pollutant: str,
    period: str,
    *,
    grade: int = 2,
    date: _dt.date | None = None,
    version: str | None = None,
) -> Fraction:
    """Concentration limit of GB 3095 for a pollutant, averaging period and grade.

    Parameters
    ----------
    pollutant : {"so2", "no2", "co", "o3", "pm10", "pm25"}
        Pollutant.
    period : {"annual", "24h", "8h", "1h"}
        Averaging period ("8h" = daily maximum 8-hour average).
    grade : {1, 2}
        Grade I (Class 1 zones) or Grade II (Class 2 zones).
    date : datetime.date, optional
        Date of the data [local date]; selects the version (default: today's rules).
    version : {"2012", "2026-transition", "2026-final"}, optional
        Overrides ``date``.

    Returns
    -------
    fractions.Fraction
        Limit [µg/m³; CO mg/m³].

    References
    ----------
    GB 3095-2012, Table 1; GB 3095-2026, Table 1 (transition limits 2026-03-01..2030-12-31,
    final limits from 2031-01-01).
    """
    ver = version or version_for_date(date or _dt.date.today(), "GB3095")
    return LIMITS[ver][(pollutant, period)][grade - 1]


def _valid(values: Sequence[float | None]) -> list[Fraction]:
    out = []
    for v in values:
        if v is None or is_nan(v):
            continue
        out.append(to_fraction(v))
    return out


def daily_mean(
    hourly: Sequence[float | None],
    *,
    pollutant: str | None = None,
    min_hours: int = DAILY_MIN_HOURS,
) -> float | None:
    """Daily (24-hour) mean of hourly values, valid only with enough hours.

    Parameters
    ----------
    hourly : sequence of float or None
        The day's 1-hour values [µg/m³; CO mg/m³]; None/NaN = missing.
    pollutant : str, optional
        If given ("so2", "no2", "co", "o3", "pm10", "pm25"), the mean is rounded
        half-even to integers (CO to 0.1), computed exactly.
    min_hours : int
        Minimum valid hourly values (20 per GB 3095 Table 4).

    Returns
    -------
    float or None
        Daily mean [µg/m³; CO mg/m³], or None when fewer than ``min_hours`` values.

    References
    ----------
    GB 3095-2012, Table 4; GB 3095-2026, clause 3 (日平均) and Table 4; GB/T 8170-2008;
    HJ 633-2026, clause 4.2.2 (rounding).
    """
    vals = _valid(hourly)
    if len(vals) < min_hours:
        return None
    mean = sum(vals, Fraction(0)) / len(vals)
    if pollutant is not None:
        mean = round_half_even(mean, DECIMALS[pollutant])
    return float(mean)


def daily_mean_array(hourly: np.ndarray, *, min_hours: int = DAILY_MIN_HOURS) -> np.ndarray:
    """Vectorised daily means of a (days, hours) array, NaN where too few hours.

    Parameters
    ----------
    hourly : numpy.ndarray
        Shape (n_days, 24) of 1-hour values [µg/m³; CO mg/m³]; NaN = missing.
    min_hours : int
        Minimum valid hourly values (20).

    Returns
    -------
    numpy.ndarray
        float64 daily means (unrounded) [µg/m³; CO mg/m³].

    References
    ----------
    GB 3095-2012, Table 4; GB 3095-2026, Table 4.
    """
    hourly = np.asarray(hourly, dtype=np.float64)
    valid = ~np.isnan(hourly)
    n = valid.sum(axis=1)
    total = np.where(valid, hourly, 0.0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total / n
    return np.where(n >= min_hours, mean, np.nan)


@dataclass(frozen=True)
class O3Max8h:
    """O3 daily maximum 8-hour result with its validity evidence."""

    value: float | None
    valid: bool
    n_valid_windows: int
    windows: tuple[float | None, ...]
    exceeds_limit: bool


def o3_daily_max_8h(
    hourly: Sequence[float | None],
    *,
    limit_value: float | None = None,
    date: _dt.date | None = None,
    grade: int = 2,
    min_hours: int = O3_8H_MIN_HOURS,
    min_windows: int = O3_8H_MIN_WINDOWS,
    rounded: bool = True,
) -> O3Max8h:
    """O3 daily maximum 8-hour average (日最大8小时平均) of a natural day.

    Parameters
    ----------
    hourly : sequence of float or None
        24 hourly O3 values for the hours ending 01:00..24:00 [µg/m³]; None = missing.
    limit_value : float, optional
        8-hour limit [µg/m³] for the "exceeds the limit" exception; default the
        GB 3095 limit of ``grade`` on ``date`` (160 for Grade II).
    date : datetime.date, optional
        Date of the day [local date] (selects the GB 3095 version).
    grade : {1, 2}
        Grade for the default limit.
    min_hours : int
        Valid hours needed in a window (6).
    min_windows : int
        Valid windows needed (14) unless the maximum exceeds the limit.
    rounded : bool
        Round the result half-even to an integer (GB/T 8170).

    Returns
    -------
    O3Max8h
        ``value`` (max of the valid windows ending 08:00..24:00, None if none),
        ``valid``, ``n_valid_windows``, ``windows`` (17 window means or None),
        ``exceeds_limit``.

    References
    ----------
    GB 3095-2026, clause 3 (日最大8小时平均) and Table 4 (>= 6 hours per 8-hour
    average); HJ 663-2013 and HJ 663-2026, clause 6.1.2 (>= 14 valid 8-hour averages,
    or above the limit).
    """
    if len(hourly) != 24:
        raise ValueError("need 24 hourly values (hours ending 01..24) / 需要24个小时值")
    windows: list[Fraction | None] = []
    for end in range(8, 25):  # window ending at `end` covers hours end-7..end
        vals = _valid(hourly[end - 8 : end])
        windows.append(sum(vals, Fraction(0)) / len(vals) if len(vals) >= min_hours else None)
    valid_w = [w for w in windows if w is not None]
    if not valid_w:
        return O3Max8h(None, False, 0, tuple(None for _ in windows), False)
    best = max(valid_w)
    lim = to_fraction(limit_value) if limit_value is not None else limit("o3", "8h", grade=grade, date=date)
    if rounded:
        best = round_half_even(best, 0)
    exceeds = best > lim
    valid = len(valid_w) >= min_windows or exceeds
    return O3Max8h(
        float(best), valid, len(valid_w), tuple(None if w is None else float(w) for w in windows), exceeds
    )


def annual_data_valid(dates: Sequence[_dt.date]) -> bool:
    """Whether the valid daily values of a year suffice for an annual mean.

    Parameters
    ----------
    dates : sequence of datetime.date
        Dates that have a valid daily value (one year) [local dates].

    Returns
    -------
    bool
        True with >= 324 days and >= 27 days in every month (25 in February).

    References
    ----------
    GB 3095-2012, Table 4; GB 3095-2026, Table 4 (annual mean validity).
    """
    days = set(dates)
    if len(days) < ANNUAL_MIN_DAYS:
        return False
    per_month = {m: 0 for m in range(1, 13)}
    for d in days:
        per_month[d.month] += 1
    return all(n >= (FEBRUARY_MIN_DAYS if m == 2 else MONTH_MIN_DAYS) for m, n in per_month.items())
