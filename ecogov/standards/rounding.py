"""GB/T 8170-2008 rounding (数值修约规则): round half to even, exact.

The scalar path works on :class:`decimal.Decimal` / :class:`fractions.Fraction`
so that a float such as ``2.675`` is rounded as the decimal the user sees,
never as its binary neighbour.  The numpy path snaps values within ``1e-9``
(relative) of a half-way point before deciding, which gives the same answer for
every input with up to about six significant decimals.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import Any, SupportsFloat, TypeAlias

import numpy as np

#: A scalar the exact functions accept: int, float, Decimal, Fraction, decimal string,
#: numpy number, or any other real type convertible with ``float()`` (``numbers.Real``
#: is not usable in static annotations).
Number: TypeAlias = int | float | Decimal | Fraction | str | np.number[Any] | SupportsFloat
#: A series of values (None or NaN = missing): a sequence of :data:`Number` or a numpy array.
Series: TypeAlias = Sequence[Number | None] | np.ndarray

__all__ = [
    "Number",
    "Series",
    "is_nan",
    "near_half",
    "to_fraction",
    "round_half_even",
    "round_half_even_array",
    "ceil_exact",
    "ceil_snap",
]

#: Relative tolerance of the numpy snap (half-way points and integers).
SNAP_TOL = 1e-9


def is_nan(value: object) -> bool:
    """Whether a value is a floating NaN (Python float or any numpy floating scalar).

    Parameters
    ----------
    value : object
        A value of a series [any unit]; None, ints, Decimals and strings are not NaN.

    Returns
    -------
    bool
        True for ``float("nan")``, ``np.float64("nan")``, ``np.float32("nan")``.

    References
    ----------
    HJ 663-2013, clause 4 (missing values are left out of a statistic).
    """
    return isinstance(value, (float, np.floating)) and bool(value != value)


def to_fraction(value: Number) -> Fraction:
    """Convert a number to an exact fraction, reading floats as their shortest decimal.

    Parameters
    ----------
    value : int, float, Decimal, Fraction, str or numpy scalar
        A concentration or index [any unit]; ``160.8`` (also ``np.float64(160.8)``)
        becomes ``804/5``, not the binary float closest to it; ``np.float32`` is read
        as its own shortest decimal; numpy integers exactly.

    Returns
    -------
    fractions.Fraction
        The exact value.

    References
    ----------
    GB/T 8170-2008, clause 3 (rounding applies to the stated decimal value).
    """
    if isinstance(value, Fraction):
        return value
    if isinstance(value, (bool, np.bool_)):
        raise TypeError("boolean is not a number / 布尔值不是数值")
    if isinstance(value, (int, np.integer)):
        return Fraction(int(value))
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            raise ValueError(f"not a finite number: {value!r} / 非有限数值")
        # Shortest decimal that reads back as the same value *in its own precision*:
        # float.__repr__ for Python floats and np.float64 (whose repr is "np.float64(...)"
        # under numpy 2), numpy's own shortest form for float32/float16.
        text = (
            float.__repr__(value)
            if isinstance(value, float)
            else np.format_float_positional(value, unique=True)
        )
        return Fraction(Decimal(text))
    if isinstance(value, (Decimal, str)):
        dec = Decimal(value.strip() if isinstance(value, str) else value)
        if not dec.is_finite():
            raise ValueError(f"not a finite number: {value!r} / 非有限数值")
        return Fraction(dec)
    return to_fraction(float(value))  # other Real types


def round_half_even(value: Number, ndigits: int = 0) -> Fraction:
    """Round half to even to ``ndigits`` decimals, exactly (GB/T 8170 "四舍六入五成双").

    Parameters
    ----------
    value : int, float, Decimal, Fraction or str
        Value to round [any unit].
    ndigits : int
        Number of decimals to keep; 0 for integers, 1 for CO [mg/m³].

    Returns
    -------
    fractions.Fraction
        The rounded value (``float(result)`` for display).

    References
    ----------
    GB/T 8170-2008, clause 3.2 (rounding rules); HJ 633-2026, clause 4.2.2
    (concentrations: integers, CO to one decimal).
    """
    frac = to_fraction(value)
    scale = Fraction(10) ** ndigits
    scaled = frac * scale
    floor = scaled.numerator // scaled.denominator
    rest = scaled - floor
    if rest > Fraction(1, 2) or (rest == Fraction(1, 2) and floor % 2 == 1):
        floor += 1
    return Fraction(floor) / scale


def round_decimal(value: Number, ndigits: int = 0) -> Decimal:
    """Round half to even and return a :class:`~decimal.Decimal` with ``ndigits`` places.

    Parameters
    ----------
    value : int, float, Decimal, Fraction or str
        Value to round [any unit].
    ndigits : int
        Decimals to keep.

    Returns
    -------
    decimal.Decimal
        Rounded value, e.g. ``Decimal("0.103")``.

    References
    ----------
    GB/T 8170-2008, clause 3.2.
    """
    frac = round_half_even(value, ndigits)
    quantum = Decimal(1).scaleb(-ndigits)
    return (Decimal(frac.numerator) / Decimal(frac.denominator)).quantize(quantum, ROUND_HALF_EVEN)


def round_half_even_array(values: np.ndarray, ndigits: int = 0) -> np.ndarray:
    """Round a float array half to even, snapping near-half values to the exact half.

    Parameters
    ----------
    values : numpy.ndarray
        Values [any unit]; NaN stays NaN.
    ndigits : int
        Decimals to keep.

    Returns
    -------
    numpy.ndarray
        float64 array of rounded values.

    References
    ----------
    GB/T 8170-2008, clause 3.2; HJ 633-2026, clause 4.2.2.
    """
    scale = 10.0**ndigits
    y = np.asarray(values, dtype=np.float64) * scale
    floor = np.floor(y)
    frac = y - floor
    tol = SNAP_TOL * np.maximum(np.abs(y), 1.0)
    half = np.abs(frac - 0.5) <= tol
    out = np.where(frac > 0.5, floor + 1.0, floor)
    out = np.where(half, floor + np.mod(floor, 2.0), out)
    return out / scale if ndigits else out


def near_half(values: np.ndarray, ndigits: int = 0, *, tol: float = 1e-6) -> np.ndarray:
    """Mask of float values within ``tol`` (relative) of a half-way point of ``ndigits`` decimals.

    Parameters
    ----------
    values : numpy.ndarray
        Values computed in float64 [any unit]; NaN gives False.
    ndigits : int
        Decimals the value will be rounded to.
    tol : float
        Relative tolerance (scale ``max(|y|, 1)`` with ``y = value * 10**ndigits``).

    Returns
    -------
    numpy.ndarray
        bool mask: where float rounding might differ from the exact rounding, so
        that an array path recomputes just those elements exactly.

    References
    ----------
    GB/T 8170-2008, clause 3.2 (half-way points are the only discontinuities of
    half-even rounding).
    """
    y = np.asarray(values, dtype=np.float64) * 10.0**ndigits
    with np.errstate(invalid="ignore"):
        frac = y - np.floor(y)
        return np.isfinite(y) & (np.abs(frac - 0.5) <= tol * np.maximum(np.abs(y), 1.0))


def ceil_exact(value: Fraction) -> int:
    """Round an exact fraction up to an integer (全部向上进位取整).

    Parameters
    ----------
    value : fractions.Fraction
        Exact index value [dimensionless].

    Returns
    -------
    int
        Smallest integer not below ``value``.

    References
    ----------
    HJ 633-2012, clause 6.2; HJ 633-2026, clause 4.2.6 (IAQI and AQI rounded up).
    """
    return -((-value.numerator) // value.denominator)


def ceil_snap(values: np.ndarray) -> np.ndarray:
    """Round a float array up, treating values within 1e-9 of an integer as that integer.

    Parameters
    ----------
    values : numpy.ndarray
        Index values computed in float64 [dimensionless].

    Returns
    -------
    numpy.ndarray
        float64 array of integers (NaN stays NaN).

    References
    ----------
    HJ 633-2012, clause 6.2; HJ 633-2026, clause 4.2.6; ../shared/standards.md §11
    (float hazard: O3 160.8 -> 51, not 52).
    """
    near = np.rint(values)
    return np.where(np.abs(values - near) <= SNAP_TOL * np.maximum(np.abs(near), 1.0), near, np.ceil(values))
