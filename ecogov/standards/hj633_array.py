"""HJ 633 AQI, numpy array path (vectorised, chunked, snap-to-1e-9 before ceil).

Identical to the scalar path of :mod:`ecogov.standards.hj633` for every
concentration with up to five decimals: there an exact sub-index that is not
an integer is at least 1e-6 away from one, far outside the 1e-9 snap.
Arrays are processed in cache-sized chunks so that temporaries stay small.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any

import numpy as np

from .hj633 import _DEFAULT_MISSING, ROUND_INPUTS_DEFAULT
from .hj633_tables import BREAKPOINTS, FOOTNOTES, IAQI_LEVELS, INDICATORS, POLLUTANT_BITS, POLLUTANTS, REPORTS
from .versions import normalize_version

__all__ = ["AqiArrays", "iaqi_array", "aqi_daily_array", "aqi_hourly_array", "primary_names", "NA"]

#: Sentinel for "no value" in integer result arrays.
NA = -1
CHUNK = 1 << 15
_SNAP = 1e-9
_ABOVE_TOP_VALUE = {"cap": float(IAQI_LEVELS[-1]), "none": np.nan}


@dataclass(frozen=True)
class _Table:
    """Breakpoints, a look-up table on the concentration grid, and the above-top value."""

    bps: np.ndarray
    levels: np.ndarray
    right: float
    scale: float
    lut: np.ndarray
    top: float


@lru_cache(maxsize=128)
def _table(version: str, indicator: str, footnote: tuple[int, int | None] | None, above_top: str) -> _Table:
    meta = INDICATORS[indicator]
    bps_exact = BREAKPOINTS[version][meta.table]
    if footnote is not None:
        right = np.nan if footnote[1] is None else float(footnote[1])
    else:
        if above_top not in _ABOVE_TOP_VALUE:
            raise ValueError(f"array path supports above_top 'cap' or 'none', not {above_top!r}")
        right = _ABOVE_TOP_VALUE[above_top]
    scale = 10**meta.decimals
    top = int(bps_exact[-1] * scale)
    lut = np.empty(top + 3, dtype=np.float64)
    lut[: top + 1] = _grid_iaqi(bps_exact, scale)
    lut[top + 1] = right  # above the top breakpoint (or footnote)
    lut[top + 2] = np.nan  # missing or invalid
    bps = np.array([float(b) for b in bps_exact])
    levels = np.array(IAQI_LEVELS[: len(bps)], dtype=np.float64)
    return _Table(bps, levels, right, float(scale), lut, float(top))


def _grid_iaqi(bps: tuple[Fraction, ...], scale: int) -> np.ndarray:
    """Exact sub-indices on the grid k/scale, k = 0..top*scale, in integer arithmetic."""
    top = int(bps[-1] * scale)
    k = np.arange(top + 1, dtype=np.int64)
    out = np.empty(top + 1, dtype=np.int64)
    for i in range(1, len(bps)):
        lo, hi = int(bps[i - 1] * scale), int(bps[i] * scale)
        il, ih = IAQI_LEVELS[i - 1], IAQI_LEVELS[i]
        seg = slice(lo, hi + 1)
        num = il * (hi - lo) + (ih - il) * (k[seg] - lo)
        out[seg] = -((-num) // (hi - lo))  # ceil of num / (hi - lo), exact
    return out.astype(np.float64)


def _round_scaled(y: np.ndarray) -> np.ndarray:
    """Half-to-even on already scaled values; a 1e-6 pre-round absorbs binary error (2.675*100)."""
    return np.rint(np.round(y, 6))


def _iaqi_chunk(c: np.ndarray, table: _Table, rnd: bool) -> np.ndarray:
    """IAQI as float64 (NaN = none): grid look-up, interpolation only off the grid."""
    scaled = c if table.scale == 1.0 else c * table.scale
    if rnd:
        scaled = np.rint(scaled) if table.scale == 1.0 else _round_scaled(scaled)
    valid = c >= 0
    idx_f = np.where(valid, np.fmin(scaled, table.top + 1.0), table.top + 2.0)
    idx = idx_f.astype(np.intp)
    v = table.lut.take(idx)
    if not rnd:
        off = idx != idx_f
        if off.any():
            x = c[off]
            w = np.interp(x, table.bps, table.levels, left=np.nan, right=table.right)
            v[off] = np.ceil(w - _SNAP)
    return v


def iaqi_array(
    indicator: str,
    conc: np.ndarray,
    *,
    version: str | int | None = None,
    date: _dt.date | None = None,
    round_inputs: bool | None = None,
    above_top: str = "cap",
) -> np.ndarray:
    """Vectorised IAQI of one indicator.

    Parameters
    ----------
    indicator : str
        Canonical indicator name (see :func:`ecogov.standards.hj633.iaqi`).
    conc : numpy.ndarray
        Concentrations [µg/m³; CO mg/m³]; NaN = missing, negative = invalid.
    version : {"2012", "2026"}, optional
        HJ 633 version; chosen by ``date`` when omitted (default 2026).
    date : datetime.date, optional
        Date of the data [local date].
    round_inputs : bool, optional
        GB/T 8170 rounding first (default: 2026 yes, 2012 no).
    above_top : {"cap", "none"}
        Convention above the top breakpoint (default cap at 500).

    Returns
    -------
    numpy.ndarray
        int16 IAQI [dimensionless]; ``NA`` (-1) where missing, invalid or not computed.

    References
    ----------
    HJ 633-2012, equation (1), Table 1, clause 6.2; HJ 633-2026, equation (1),
    Table 3, clause 4.2.6.
    """
    ver = normalize_version(version, date)
    rnd = ROUND_INPUTS_DEFAULT[ver] if round_inputs is None else round_inputs
    table = _table(ver, indicator, FOOTNOTES[ver].get(INDICATORS[indicator].table), above_top)
    conc = np.asarray(conc)
    out = np.empty(conc.shape, dtype=np.int16)
    flat_in, flat_out = conc.reshape(-1), out.reshape(-1)
    for s in range(0, flat_in.size, CHUNK):
        v = _iaqi_chunk(np.asarray(flat_in[s : s + CHUNK], dtype=np.float64), table, rnd)
        flat_out[s : s + CHUNK] = np.fmax(v, NA)
    return out


def _pub_partial(aqi: np.ndarray, complete: np.ndarray) -> np.ndarray:
    return aqi >= 0


def _pub_complete(aqi: np.ndarray, complete: np.ndarray) -> np.ndarray:
    return complete & (aqi >= 0)


def _pub_2026(aqi: np.ndarray, complete: np.ndarray) -> np.ndarray:
    return (aqi >= 0) & (complete | (aqi > 100))


_PUBLISH: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "partial": _pub_partial,
    "complete_only": _pub_complete,
    "hj633_2026": _pub_2026,
}


@dataclass(frozen=True)
class AqiArrays:
    """Array results: ``aqi`` int16 (NA=-1), ``primary`` uint8 bitmask, flags and options."""

    aqi: np.ndarray
    primary: np.ndarray
    complete: np.ndarray
    published: np.ndarray
    version: str
    report: str
    method: str
    missing_policy: str
    iaqi: dict[str, np.ndarray] | None = None
    exceedance: np.ndarray | None = None


def primary_names(mask: int) -> tuple[str, ...]:
    """Decode a primary-pollutant bitmask into display names.

    Parameters
    ----------
    mask : int
        Bitmask [dimensionless]; bit i is ``POLLUTANTS[i]`` (CO, NO2, O3, PM10, PM2.5, SO2).

    Returns
    -------
    tuple of str
        Display names in alphabetical order.

    References
    ----------
    HJ 633-2012, clause 3.3; HJ 633-2026, clause 4.3 (primary pollutants, ties listed).
    """
    return tuple(p for p in POLLUTANTS if int(mask) & POLLUTANT_BITS[p])


@dataclass
class _Plan:
    tables: list
    bits: list
    fallback: dict
    rnd: bool
    exceed: bool


def _plan(ver: str, report: str, method: str, rnd: bool, above_top: str, details: bool) -> _Plan:
    try:
        spec = REPORTS[(ver, report, method)]
    except KeyError:
        raise ValueError(f"no {report} method {method!r} in HJ 633-{ver} / 无此计算方法") from None
    notes = {**FOOTNOTES[ver], **dict(spec.footnote_override)}
    tables = [(ind, _table(ver, ind, notes.get(INDICATORS[ind].table), above_top)) for ind in spec.indicators]
    bits = [np.uint8(POLLUTANT_BITS[INDICATORS[ind].pollutant]) for ind in spec.indicators]
    fallback = {a: _table(ver, b, notes.get(INDICATORS[b].table), above_top) for a, b in spec.fallback}
    return _Plan(
        tables, bits, {a: (b, fallback[a]) for a, b in spec.fallback}, rnd, details and ver == "2012"
    )


def _run_chunk(values: Mapping[str, np.ndarray], s: int, e: int, plan: _Plan, out: dict[str, Any]) -> None:
    best = None
    subs = []
    complete = None
    for ind, table in plan.tables:
        c = np.asarray(values[ind][s:e], dtype=np.float64)
        valid = c >= 0
        complete = valid if complete is None else np.logical_and(complete, valid, out=complete)
        v = _iaqi_chunk(c, table, plan.rnd)
        if ind in plan.fallback:
            fb_name, fb_table = plan.fallback[ind]
            if fb_name in values:
                fb = _iaqi_chunk(np.asarray(values[fb_name][s:e], dtype=np.float64), fb_table, plan.rnd)
                v = np.where(np.isnan(v) & valid, fb, v)
        subs.append(v)
        best = v.copy() if best is None else np.fmax(best, v, out=best)
    assert best is not None and complete is not None, "a report has at least one indicator"
    mask = np.zeros(e - s, dtype=np.uint8)
    for v, bit in zip(subs, plan.bits, strict=True):
        mask |= np.equal(v, best).view(np.uint8) * bit
    mask *= best > 50
    out["aqi"][s:e] = np.fmax(best, NA)
    out["primary"][s:e] = mask
    out["complete"][s:e] = complete
    if "iaqi" in out:
        for (ind, _), v in zip(plan.tables, subs, strict=True):
            out["iaqi"][ind][s:e] = np.fmax(v, NA)
    if plan.exceed:
        ex = np.zeros(e - s, dtype=np.uint8)
        for v, bit in zip(subs, plan.bits, strict=True):
            ex |= (v > 100).view(np.uint8) * bit
        out["exceedance"][s:e] = ex


def _compute_arrays(
    values: Mapping[str, np.ndarray],
    ver: str,
    report: str,
    method: str,
    round_inputs: bool | None,
    missing_policy: str | None,
    above_top: str,
    details: bool,
) -> AqiArrays:
    rnd = ROUND_INPUTS_DEFAULT[ver] if round_inputs is None else round_inputs
    plan = _plan(ver, report, method, rnd, above_top, details)
    missing = [ind for ind, _ in plan.tables if ind not in values]
    n = len(next(iter(values.values()))) if values else 0
    values = dict(values)
    for ind in missing:  # absent column = all missing
        values[ind] = np.full(n, np.nan)
    out: dict[str, Any] = {
        "aqi": np.empty(n, dtype=np.int16),
        "primary": np.empty(n, dtype=np.uint8),
        "complete": np.empty(n, dtype=bool),
    }
    if details:
        out["iaqi"] = {ind: np.empty(n, dtype=np.int16) for ind, _ in plan.tables}
    if plan.exceed:
        out["exceedance"] = np.empty(n, dtype=np.uint8)
    for s in range(0, n, CHUNK):
        _run_chunk(values, s, min(n, s + CHUNK), plan, out)
    policy = missing_policy or _DEFAULT_MISSING[(ver, report)]
    published = _PUBLISH[policy](out["aqi"], out["complete"])
    return AqiArrays(
        out["aqi"],
        out["primary"],
        out["complete"],
        published,
        ver,
        report,
        method,
        policy,
        out.get("iaqi"),
        out.get("exceedance"),
    )


def aqi_daily_array(
    values: Mapping[str, np.ndarray],
    *,
    version: str | int | None = None,
    date: _dt.date | None = None,
    round_inputs: bool | None = None,
    missing_policy: str | None = None,
    above_top: str = "cap",
    details: bool = False,
) -> AqiArrays:
    """Vectorised daily AQI report over many stations/days.

    Parameters
    ----------
    values : mapping of str to numpy.ndarray
        1-D arrays of equal length by indicator [µg/m³; CO mg/m³], as for
        :func:`ecogov.standards.hj633.aqi_daily`; NaN = missing; an absent key
        is a column of missing values.
    version : {"2012", "2026"}, optional
        HJ 633 version; chosen by ``date`` when omitted (default 2026).
    date : datetime.date, optional
        Date of the data [local date].
    round_inputs : bool, optional
        GB/T 8170 rounding first (default: 2026 yes, 2012 no).
    missing_policy : {"partial", "complete_only", "hj633_2026"}, optional
        Default per version (2012 "partial", 2026 "hj633_2026").
    above_top : {"cap", "none"}
        Convention above the top breakpoint (default cap at 500).
    details : bool
        Also return the per-indicator IAQI arrays and (2012) the exceedance mask.

    Returns
    -------
    AqiArrays
        ``aqi`` int16 (-1 = none), ``primary`` uint8 bitmask (:func:`primary_names`),
        ``complete`` and ``published`` bool arrays.

    References
    ----------
    HJ 633-2012, clause 5.1.2, Tables 1 and 3; HJ 633-2026, clauses 4.2.2-4.2.6, 5.3, Table 4.
    """
    ver = normalize_version(version, date)
    return _compute_arrays(values, ver, "daily", "standard", round_inputs, missing_policy, above_top, details)


def aqi_hourly_array(
    values: Mapping[str, np.ndarray],
    *,
    version: str | int | None = None,
    date: _dt.date | None = None,
    method: str = "one_hour",
    round_inputs: bool | None = None,
    missing_policy: str | None = None,
    above_top: str = "cap",
    details: bool = False,
) -> AqiArrays:
    """Vectorised real-time hourly AQI over many station-hours.

    Parameters
    ----------
    values : mapping of str to numpy.ndarray
        1-D arrays by indicator [µg/m³; CO mg/m³], as for
        :func:`ecogov.standards.hj633.aqi_hourly`; NaN = missing.
    version : {"2012", "2026"}, optional
        HJ 633 version; chosen by ``date`` when omitted (default 2026).
    date : datetime.date, optional
        Date of the data [local date].
    method : {"one_hour", "hj633_2012"}
        Six 1-hour values with PM on the daily breakpoints (default), or the
        HJ 633-2012 Table 4 letter (2012 only).
    round_inputs : bool, optional
        GB/T 8170 rounding first (default: 2026 yes, 2012 no).
    missing_policy : {"partial", "complete_only", "hj633_2026"}, optional
        Default per version (2012 "complete_only", 2026 "hj633_2026").
    above_top : {"cap", "none"}
        Convention above the top breakpoint (default cap at 500).
    details : bool
        Also return the per-indicator IAQI arrays and (2012) the exceedance mask.

    Returns
    -------
    AqiArrays
        As for :func:`aqi_daily_array`.

    References
    ----------
    HJ 633-2012, clause 5.1.3, Table 4; HJ 633-2026, clause 4.2.3, Table 5;
    ../shared/standards.md §11, §14.
    """
    ver = normalize_version(version, date)
    return _compute_arrays(values, ver, "hourly", method, round_inputs, missing_policy, above_top, details)
