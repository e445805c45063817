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

from .rounding import Series, is_nan, near_half, round_half_even, to_fraction
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
    "o3_daily_max_8h_array",
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


def _valid(values: Series) -> list[Fraction]:
    out = []
    for v in values:
        if v is None or is_nan(v):
            continue
        out.append(to_fraction(v))
    return out


def daily_mean(
    hourly: Series,
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
    hourly: Series,
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


def o3_daily_max_8h_array(
    hourly: np.ndarray,
    *,
    dates: Sequence[_dt.date] | None = None,
    date: _dt.date | None = None,
    limit_value: float | None = None,
    grade: int = 2,
    min_hours: int = O3_8H_MIN_HOURS,
    min_windows: int = O3_8H_MIN_WINDOWS,
) -> np.ndarray:
    """Vectorised O3 daily maximum 8-hour averages, equal to :func:`o3_daily_max_8h`.

    Parameters
    ----------
    hourly : numpy.ndarray
        Shape ``(..., n_days, 24)``: O3 1-hour values for the hours ending
        01:00..24:00 of each day [µg/m³]; NaN = missing or flagged.
    dates : sequence of datetime.date, optional
        One date per day (axis -2) [local dates]; selects the GB 3095 limit of
        each day (the 2026-03-01 switch inside a series is honoured).
    date : datetime.date, optional
        Single date for every day when ``dates`` is not given (default today).
    limit_value : float, optional
        8-hour limit [µg/m³] overriding the GB 3095 limit of ``grade``.
    grade : {1, 2}
        Grade of the default limit.
    min_hours : int
        Valid hours needed in a window (6).
    min_windows : int
        Valid windows needed (14) unless the maximum exceeds the limit.

    Returns
    -------
    numpy.ndarray
        float64 of shape ``(..., n_days)``: the valid daily maximum 8-hour
        average rounded half-even to an integer [µg/m³]; NaN where the day is
        not valid (the scalar's ``value if valid else None``).

    Notes
    -----
    Window means are computed in float64; a maximum within 1e-6 of a half-way
    point is recomputed by the exact scalar, so the result equals the scalar
    for every input, not only for values on the 0.1 grid.

    References
    ----------
    GB 3095-2026, clause 3 (日最大8小时平均) and Table 4 (>= 6 hours per 8-hour
    average); HJ 663-2013 and HJ 663-2026, clause 6.1.2 (>= 14 valid 8-hour
    averages, or above the limit); GB/T 8170-2008 (rounding).
    """
    hourly = np.asarray(hourly, dtype=np.float64)
    if hourly.ndim < 2 or hourly.shape[-1] != 24:
        raise ValueError("need (..., days, 24) hourly values / 需要(..., 天, 24)的小时值")
    lead, n_days = hourly.shape[:-1], hourly.shape[-2]
    windows = np.stack([hourly[..., e - 8 : e] for e in range(8, 25)], axis=-2)  # (..., days, 17, 8)
    means = daily_mean_array(windows.reshape(-1, 8), min_hours=min_hours).reshape(*lead, 17)
    n_valid = np.count_nonzero(~np.isnan(means), axis=-1)
    raw = np.max(np.where(np.isnan(means), -np.inf, means), axis=-1)
    raw = np.where(n_valid > 0, raw, np.nan)
    best = np.rint(raw)  # half to even; exact away from half-way points
    _o3_fix_halves(best, raw, hourly, means, min_hours)
    limits = _o3_limits(n_days, dates, date, limit_value, grade)
    valid = (n_valid > 0) & ((n_valid >= min_windows) | (best > limits))
    return np.where(valid, best, np.nan)


def _o3_fix_halves(
    best: np.ndarray, raw: np.ndarray, hourly: np.ndarray, means: np.ndarray, min_hours: int
) -> None:
    """Re-round the maxima near a half-way point exactly, in place.

    Days whose hours are all on the 0.1 grid (every national and demo value) take
    the maximum window exactly in integers (tenths): window sums S over counts c,
    ``round_half_even(S / 10c)`` by ``divmod``. Float means order the windows
    correctly there (distinct means differ by >= 1/640). Other days use fractions.
    """
    amb = near_half(raw).reshape(-1)
    if not amb.any():
        return
    flat_best = best.reshape(-1)
    days = hourly.reshape(-1, 24)[amb]
    tenths = np.rint(days * 10.0)
    on_grid = np.all(np.isnan(days) | (tenths / 10.0 == days), axis=1)
    w = np.argmax(np.where(np.isnan(means.reshape(-1, 17)[amb]), -np.inf, means.reshape(-1, 17)[amb]), axis=1)
    hours = tenths[np.arange(len(days))[:, None], w[:, None] + np.arange(8)[None, :]]  # window ending w+8
    total = np.nansum(hours, axis=1).astype(np.int64)
    den = 10 * np.count_nonzero(~np.isnan(hours), axis=1).astype(np.int64)
    q, r = np.divmod(total, den)
    exact = q + ((2 * r > den) | ((2 * r == den) & (q % 2 == 1)))
    targets = np.nonzero(amb)[0]
    flat_best[targets[on_grid]] = exact[on_grid]
    for k in np.nonzero(~on_grid)[0]:
        flat_best[targets[k]] = float(round_half_even(_o3_exact_max(days[k], min_hours), 0))


def _o3_exact_max(day: np.ndarray, min_hours: int) -> Fraction:
    windows = [_valid(day[e - 8 : e]) for e in range(8, 25)]
    return max(sum(w, Fraction(0)) / len(w) for w in windows if len(w) >= min_hours)


def _o3_limits(
    n_days: int,
    dates: Sequence[_dt.date] | None,
    date: _dt.date | None,
    limit_value: float | None,
    grade: int,
) -> np.ndarray:
    if limit_value is not None:
        return np.full(n_days, float(to_fraction(limit_value)))
    if dates is None:
        return np.full(n_days, float(limit("o3", "8h", grade=grade, date=date)))
    if len(dates) != n_days:
        raise ValueError("one date per day needed / 每天需要一个日期")
    return np.array([float(limit("o3", "8h", grade=grade, date=d)) for d in dates])


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
