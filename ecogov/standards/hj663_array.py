"""HJ 663 annual statistics, vectorised over stations: the numpy path of
:func:`ecogov.standards.hj663.annual_statistics`.

Means and percentiles are computed in float64 and rounded half to even; any
value within 1e-6 of a half-way point is recomputed with exact fractions, so
every result equals the scalar path (property-tested), not only for values on
the integer / 0.1 grid.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from .gb3095 import ANNUAL_MIN_DAYS, DECIMALS, FEBRUARY_MIN_DAYS, MONTH_MIN_DAYS, annual_data_valid, limit
from .hj663 import ANNUAL_MEAN_ITEMS, ANNUAL_PERCENTILES, AnnualStatistics, ItemStatistics, _percentile_exact
from .rounding import near_half, round_half_even, to_fraction

__all__ = ["ItemStatisticsArray", "AnnualStatisticsArray", "annual_statistics_array"]

#: Tri-state flags: 1 True, 0 False, -1 None (not applicable / no data).
_NONE = -1


def _flag(value: int) -> bool | None:
    return None if value == _NONE else bool(value)


@dataclass(frozen=True)
class ItemStatisticsArray:
    """Annual statistics of one pollutant for ``m`` stations (arrays of length m).

    ``mean`` / ``percentile`` are NaN without data; the compliance flags are int8
    tri-states (1 met, 0 not met, -1 not applicable or no data).
    """

    pollutant: str
    n_valid: np.ndarray
    mean: np.ndarray
    percentile: np.ndarray
    percentile_p: int
    mean_limit: float | None
    percentile_limit: float
    mean_compliant: np.ndarray
    percentile_compliant: np.ndarray
    compliant: np.ndarray
    valid: np.ndarray

    def at(self, i: int) -> ItemStatistics:
        """Station ``i`` as the scalar :class:`~ecogov.standards.hj663.ItemStatistics`."""
        n = int(self.n_valid[i])
        return ItemStatistics(
            self.pollutant,
            n,
            None if n == 0 else float(self.mean[i]),
            None if n == 0 else float(self.percentile[i]),
            self.percentile_p,
            self.mean_limit,
            self.percentile_limit,
            _flag(self.mean_compliant[i]),
            _flag(self.percentile_compliant[i]),
            _flag(self.compliant[i]),
            bool(self.valid[i]),
        )


@dataclass(frozen=True)
class AnnualStatisticsArray:
    """Annual statistics of ``m`` stations: per pollutant arrays and overall compliance (int8 tri-state)."""

    items: dict[str, ItemStatisticsArray]
    compliant: np.ndarray

    def __len__(self) -> int:
        return len(self.compliant)

    def station(self, i: int) -> AnnualStatistics:
        """Station ``i`` as the scalar :class:`~ecogov.standards.hj663.AnnualStatistics`."""
        return AnnualStatistics({p: it.at(i) for p, it in self.items.items()}, _flag(self.compliant[i]))


def _exact_row(row: np.ndarray) -> list[Fraction]:
    return [to_fraction(v) for v in row[~np.isnan(row)]]


def _round_checked(raw: np.ndarray, decimals: int, exact: Callable[[int], Fraction]) -> np.ndarray:
    """Half-even rounding of float results; elements near a half-way point via ``exact(i)``."""
    scale = 10.0**decimals
    out = np.rint(raw * scale) / scale if decimals else np.rint(raw)
    for i in np.nonzero(near_half(raw, decimals))[0]:
        out[i] = float(round_half_even(exact(int(i)), decimals))
    return out


def _month_ok(valid: np.ndarray, dates: Sequence[_dt.date] | None, n: np.ndarray) -> np.ndarray:
    """GB 3095 Table 4 annual validity per station (>= 324 days; >= 27 a month, 25 in February)."""
    if dates is None:
        return n >= ANNUAL_MIN_DAYS
    if len(dates) != valid.shape[1]:
        raise ValueError("one date per day needed / 每天需要一个日期")
    months = np.array([d.month for d in dates], dtype=np.int64) - 1
    onehot = np.zeros((len(dates), 12), dtype=np.int64)
    onehot[np.arange(len(dates)), months] = 1
    per_month = valid.astype(np.int64) @ onehot  # (m, 12)
    need = np.array([FEBRUARY_MIN_DAYS if m == 2 else MONTH_MIN_DAYS for m in range(1, 13)])
    if len(set(dates)) != len(dates):  # repeated dates count once, as in the scalar rule
        return np.array(
            [annual_data_valid([d for d, ok in zip(dates, r, strict=True) if ok]) for r in valid], dtype=bool
        )
    return (n >= ANNUAL_MIN_DAYS) & np.all(per_month >= need, axis=1)


def _percentile_raw(x: np.ndarray, n: np.ndarray, p: int) -> np.ndarray:
    """HJ 663 percentile (k = 1 + (n-1)p) with exact integer index arithmetic, float interpolation."""
    xs = np.sort(x, axis=1)  # NaN last
    m = len(n)
    has = n > 0
    k = np.where(has, (n - 1) * p, 0)  # 100 * (k - 1)
    lo_i, frac = k // 100, (k % 100) / 100.0
    hi_i = np.minimum(lo_i + 1, np.maximum(n - 1, 0))
    rows = np.arange(m)
    lo, hi = xs[rows, lo_i], xs[rows, hi_i]
    return np.where(has, lo + (hi - lo) * frac, np.nan)


def _tri(ok: np.ndarray, known: np.ndarray) -> np.ndarray:
    return np.where(known, ok.astype(np.int8), np.int8(_NONE)).astype(np.int8)


def _item_arrays(
    pollutant: str, x: np.ndarray, dates: Sequence[_dt.date] | None, date: _dt.date | None, grade: int
) -> ItemStatisticsArray:
    decimals = DECIMALS[pollutant]
    p, period = ANNUAL_PERCENTILES[pollutant]
    pct_lim = float(limit(pollutant, period, grade=grade, date=date))
    mean_lim = (
        float(limit(pollutant, "annual", grade=grade, date=date)) if pollutant in ANNUAL_MEAN_ITEMS else None
    )
    valid = ~np.isnan(x)
    n = valid.sum(axis=1)
    has = n > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_raw = np.where(valid, x, 0.0).sum(axis=1) / n

    def mean_exact(i: int) -> Fraction:
        vals = _exact_row(x[i])
        return sum(vals, Fraction(0)) / len(vals)

    mean = _round_checked(mean_raw, decimals, mean_exact)
    pct = _round_checked(_percentile_raw(x, n, p), decimals, lambda i: _percentile_exact(_exact_row(x[i]), p))
    mean_ok = _tri(mean <= mean_lim, has) if mean_lim is not None else np.full(len(n), _NONE, dtype=np.int8)
    pct_ok = _tri(pct <= pct_lim, has)
    ok = _tri((pct_ok == 1) & (mean_ok != 0), has)
    return ItemStatisticsArray(
        pollutant, n, mean, pct, p, mean_lim, pct_lim, mean_ok, pct_ok, ok, _month_ok(valid, dates, n) & has
    )


def annual_statistics_array(
    daily: Mapping[str, np.ndarray],
    *,
    dates: Sequence[_dt.date] | None = None,
    date: _dt.date | None = None,
    grade: int = 2,
) -> AnnualStatisticsArray:
    """Annual statistics and compliance of many stations at once; equals :func:`annual_statistics` per station.

    Parameters
    ----------
    daily : mapping of str to numpy.ndarray
        Per pollutant an array of shape ``(n_stations, n_days)`` of daily values
        [µg/m³; CO mg/m³]: ``so2, no2, co, pm10, pm25`` daily means and ``o3``
        daily maximum 8-hour averages; NaN = invalid day. A 1-d array is one station.
    dates : sequence of datetime.date, optional
        Dates of the columns [local dates] (for the monthly validity rule).
    date : datetime.date, optional
        A date in the year [local date]; selects the GB 3095 limits (default today).
    grade : {1, 2}
        Grade of the limits.

    Returns
    -------
    AnnualStatisticsArray
        ``items[pollutant]``: ``n_valid`` (valid days per station [d]), ``mean``
        and ``percentile`` (98th SO2/NO2, 95th PM10/PM2.5/CO, 90th O3 8-h) rounded
        half-even [µg/m³ integers; CO mg/m³ 0.1], NaN without data, ``valid``
        (GB 3095 Table 4 annual validity) and int8 tri-state compliance flags;
        ``compliant`` overall per station; ``station(i)`` gives the scalar result.

    References
    ----------
    HJ 663-2013, clauses 5-6, Table 2 (annual items and percentiles, ``k = 1 + (n-1)p``);
    HJ 663-2026 (same formula); GB 3095-2012/2026, Tables 1 and 4; GB/T 8170-2008.
    """
    arrays = {p: np.atleast_2d(np.asarray(v, dtype=np.float64)) for p, v in daily.items()}
    items = {p: _item_arrays(p, x, dates, date, grade) for p, x in arrays.items()}
    m = next(iter(arrays.values())).shape[0] if arrays else 0
    flags = (
        np.stack([it.compliant for it in items.values()]) if items else np.full((1, m), _NONE, dtype=np.int8)
    )
    known = np.any(flags != _NONE, axis=0)
    return AnnualStatisticsArray(items, _tri(np.all(flags != 0, axis=0), known))
