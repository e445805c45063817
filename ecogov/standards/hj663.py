"""HJ 663-2013 / HJ 663-2026 ambient air quality assessment: period statistics.

Percentiles use the HJ 663 formula ``k = 1 + (n - 1) p``; statistics are
computed exactly (fractions) and rounded half-even (GB/T 8170) at the end:
integers for µg/m³ pollutants, one decimal for CO [mg/m³].
"""

from __future__ import annotations

import datetime as _dt
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

import numpy as np

from .gb3095 import DECIMALS, annual_data_valid, limit
from .rounding import Series, is_nan, round_half_even, to_fraction

__all__ = [
    "ANNUAL_PERCENTILES",
    "percentile_hj663",
    "percentile_hj663_array",
    "ItemStatistics",
    "AnnualStatistics",
    "annual_statistics",
    "single_item_index",
    "exceedance_multiple",
    "good_day_ratio",
    "heavy_pollution_days",
    "coverage",
    "city_mean",
    "city_mean_array",
]

#: Annual percentile per pollutant [%] and the GB 3095 period it is compared with.
ANNUAL_PERCENTILES: MappingProxyType = MappingProxyType(
    {
        "so2": (98, "24h"),
        "no2": (98, "24h"),
        "pm10": (95, "24h"),
        "pm25": (95, "24h"),
        "co": (95, "24h"),
        "o3": (90, "8h"),
    }
)
#: Pollutants whose annual mean is compared with the annual limit.
ANNUAL_MEAN_ITEMS: tuple[str, ...] = ("so2", "no2", "pm10", "pm25")


def _clean(values: Series) -> list[Fraction]:
    return [to_fraction(v) for v in values if v is not None and not is_nan(v)]


def _percentile_exact(vals: list[Fraction], p: float | int) -> Fraction:
    xs = sorted(vals)
    n = len(xs)
    k = 1 + (n - 1) * to_fraction(p) / 100
    s = k.numerator // k.denominator
    if s >= n:
        return xs[-1]
    return xs[s - 1] + (xs[s] - xs[s - 1]) * (k - s)


def percentile_hj663(values: Series, p: float | int) -> float | None:
    """Percentile of a series by HJ 663: ``k = 1 + (n-1) p``, linear interpolation.

    Parameters
    ----------
    values : sequence of float or None
        Daily values [µg/m³; CO mg/m³]; None/NaN skipped.
    p : float
        Percentile [%], e.g. 95.

    Returns
    -------
    float or None
        ``X(s) + (X(s+1) - X(s)) (k - s)`` with s the integer part of k
        (``X(n)`` when s = n), exact then converted; None for no values.

    References
    ----------
    HJ 663-2013, clause 6.3 / Annex (percentile formula); HJ 663-2026 (same formula);
    equals numpy ``percentile(method="linear")``.
    """
    vals = _clean(values)
    if not vals:
        return None
    return float(_percentile_exact(vals, p))


def percentile_hj663_array(values: np.ndarray, p: float, axis: int = -1) -> np.ndarray:
    """Vectorised HJ 663 percentile along an axis, ignoring NaN.

    Parameters
    ----------
    values : numpy.ndarray
        Daily values [µg/m³; CO mg/m³]; NaN = missing.
    p : float
        Percentile [%].
    axis : int
        Axis of the series.

    Returns
    -------
    numpy.ndarray
        Percentiles [same unit], snapped to 1e-9 so that a later half-even
        rounding sees 95.5, not 95.49999999999999; NaN where a series has no values.

    References
    ----------
    HJ 663-2013 / HJ 663-2026 percentile formula ``k = 1 + (n-1) p``.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN series give NaN
        out = np.nanpercentile(np.asarray(values, dtype=np.float64), p, axis=axis, method="linear")
    return np.round(out, 9)  # remove binary noise (95.49999999999999 -> 95.5) before any rounding


def single_item_index(conc: float, standard: float) -> float:
    """Single-item index (单项指数) ``I = C / S``.

    Parameters
    ----------
    conc : float
        Statistic of the period [µg/m³; CO mg/m³].
    standard : float
        Limit compared with [same unit].

    Returns
    -------
    float
        Index [dimensionless], exact quotient converted to float.

    References
    ----------
    HJ 663-2013, clause 7 (单项质量指数); 城市环境空气质量排名技术规定 (2018).
    """
    return float(to_fraction(conc) / to_fraction(standard))


def exceedance_multiple(conc: float, standard: float) -> float | None:
    """Exceedance multiple (超标倍数) ``(C - S) / S``, only when ``C > S``.

    Parameters
    ----------
    conc : float
        Statistic [µg/m³; CO mg/m³].
    standard : float
        Limit [same unit].

    Returns
    -------
    float or None
        Multiple [dimensionless]; None when the limit is met.

    References
    ----------
    HJ 663-2013, clause 7 (超标倍数).
    """
    c, s = to_fraction(conc), to_fraction(standard)
    return float((c - s) / s) if c > s else None


@dataclass(frozen=True)
class ItemStatistics:
    """Annual statistics of one pollutant."""

    pollutant: str
    n_valid: int
    mean: float | None
    percentile: float | None
    percentile_p: int
    mean_limit: float | None
    percentile_limit: float
    mean_compliant: bool | None
    percentile_compliant: bool | None
    compliant: bool | None
    valid: bool


@dataclass(frozen=True)
class AnnualStatistics:
    """Annual statistics of a station or city: per item and overall compliance."""

    items: dict[str, ItemStatistics]
    compliant: bool | None


def _item_stats(
    pollutant: str, values: Series, dates: Sequence[_dt.date] | None, date: _dt.date | None, grade: int
) -> ItemStatistics:
    vals = _clean(values)
    decimals = DECIMALS[pollutant]
    p, period = ANNUAL_PERCENTILES[pollutant]
    pct_lim = limit(pollutant, period, grade=grade, date=date)
    mean_lim = limit(pollutant, "annual", grade=grade, date=date) if pollutant in ANNUAL_MEAN_ITEMS else None
    if dates is not None:
        valid_dates = [d for d, v in zip(dates, values, strict=True) if v is not None and not is_nan(v)]
        valid = annual_data_valid(valid_dates)
    else:
        valid = len(vals) >= 324
    if not vals:
        return ItemStatistics(
            pollutant,
            0,
            None,
            None,
            p,
            None if mean_lim is None else float(mean_lim),
            float(pct_lim),
            None,
            None,
            None,
            False,
        )
    mean = round_half_even(sum(vals, Fraction(0)) / len(vals), decimals)
    pct = round_half_even(_percentile_exact(vals, p), decimals)
    mean_ok = (mean <= mean_lim) if mean_lim is not None else None
    pct_ok = pct <= pct_lim
    ok = pct_ok and (mean_ok is not False)
    return ItemStatistics(
        pollutant,
        len(vals),
        float(mean),
        float(pct),
        p,
        None if mean_lim is None else float(mean_lim),
        float(pct_lim),
        mean_ok,
        pct_ok,
        ok,
        valid,
    )


def annual_statistics(
    daily: Mapping[str, Series],
    *,
    dates: Sequence[_dt.date] | None = None,
    date: _dt.date | None = None,
    grade: int = 2,
) -> AnnualStatistics:
    """Annual statistics and compliance of the six basic pollutants.

    Parameters
    ----------
    daily : mapping of str to sequence of float or None
        Daily values per pollutant [µg/m³; CO mg/m³]: ``so2, no2, co, pm10, pm25``
        daily means and ``o3`` daily maximum 8-hour averages; None = invalid day.
    dates : sequence of datetime.date, optional
        Dates aligned with the values (for the monthly validity rule).
    date : datetime.date, optional
        A date in the year [local date]; selects the GB 3095 limits (default today).
    grade : {1, 2}
        Grade of the limits.

    Returns
    -------
    AnnualStatistics
        Per pollutant: ``mean`` (annual arithmetic mean), ``percentile`` (98th
        SO2/NO2, 95th PM10/PM2.5/CO, 90th O3 8-h), both rounded half-even
        (integers; CO 0.1), limits, compliance; overall ``compliant`` when every
        item present meets its limits (None when no item has data).

    References
    ----------
    HJ 663-2013, clauses 5-6, Table 2 (annual evaluation items and percentiles);
    GB 3095-2012/2026, Tables 1 and 4; GB/T 8170-2008.
    """
    items = {p: _item_stats(p, vals, dates, date, grade) for p, vals in daily.items()}
    flags = [it.compliant for it in items.values() if it.compliant is not None]
    return AnnualStatistics(items, all(flags) if flags else None)


def good_day_ratio(daily_aqi: Sequence[int | None]) -> tuple[int, int, float | None]:
    """Good-day count and ratio (优良天数比例): days with AQI <= 100 over valid days.

    Parameters
    ----------
    daily_aqi : sequence of int or None
        Daily AQI [dimensionless]; None = no valid AQI (left out of the denominator).

    Returns
    -------
    tuple
        ``(good_days, valid_days, ratio)``, ratio [%] unrounded, None with no valid day.

    References
    ----------
    HJ 633-2012, Table 2 (优 and 良 = AQI <= 100); HJ 663-2013, clause 7 (达标天数比例).
    """
    valid = [a for a in daily_aqi if a is not None]
    good = sum(1 for a in valid if a <= 100)
    return good, len(valid), (100.0 * good / len(valid) if valid else None)


def heavy_pollution_days(daily_aqi: Sequence[int | None], *, threshold: int = 200) -> int:
    """Number of heavy-pollution days (重污染天数): daily AQI above 200.

    Parameters
    ----------
    daily_aqi : sequence of int or None
        Daily AQI [dimensionless].
    threshold : int
        AQI above which a day counts (200 = 重度 and 严重; 300 for severe days).

    Returns
    -------
    int
        Number of days [d].

    References
    ----------
    HJ 633-2012, Table 2 (重度污染 AQI 201-300, 严重污染 > 300).
    """
    return sum(1 for a in daily_aqi if a is not None and a > threshold)


def coverage(n_valid: int, n_expected: int) -> float:
    """Data capture coverage (数据有效率) in percent.

    Parameters
    ----------
    n_valid : int
        Valid values [count].
    n_expected : int
        Values expected in the period [count].

    Returns
    -------
    float
        Coverage [%].

    References
    ----------
    GB 3095-2012/2026, Table 4 and clause 5 (valid data and continuous operation).
    """
    return 100.0 * n_valid / n_expected if n_expected else 0.0


def city_mean(station_values: Series, *, pollutant: str | None = None) -> float | None:
    """City concentration as the arithmetic mean of its evaluation stations.

    Parameters
    ----------
    station_values : sequence of float or None
        Values of the city's evaluation stations [µg/m³; CO mg/m³]; None skipped.
    pollutant : str, optional
        Round half-even (integers; CO 0.1) when given.

    Returns
    -------
    float or None
        Mean [µg/m³; CO mg/m³], None when no station has a value.

    References
    ----------
    HJ 663-2013, clause 5.2 (城市点位平均); HJ 633-2026, clause 4.2.2.
    """
    vals = _clean(station_values)
    if not vals:
        return None
    mean = sum(vals, Fraction(0)) / len(vals)
    return float(round_half_even(mean, DECIMALS[pollutant]) if pollutant else mean)


def city_mean_array(values: np.ndarray, axis: int = 0) -> np.ndarray:
    """Vectorised city mean over stations (NaN-aware).

    Parameters
    ----------
    values : numpy.ndarray
        Station values, stations along ``axis`` [µg/m³; CO mg/m³].
    axis : int
        Station axis.

    Returns
    -------
    numpy.ndarray
        Means [same unit], NaN where no station has a value.

    References
    ----------
    HJ 663-2013, clause 5.2.
    """
    values = np.asarray(values, dtype=np.float64)
    valid = ~np.isnan(values)
    n = valid.sum(axis=axis)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(valid, values, 0.0).sum(axis=axis) / np.where(n > 0, n, np.nan)
