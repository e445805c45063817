"""Exact-arithmetic helpers with numpy scalars (numpy 2 reprs them as ``np.float64(...)``)."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest

from ecogov.standards import annual_statistics, iaqi, water_item_class
from ecogov.standards.hj663 import percentile_hj663
from ecogov.standards.rounding import is_nan, round_half_even, to_fraction


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (np.float64(160.8), Fraction(804, 5)),  # shortest decimal 160.8, not the binary neighbour
        (np.float64(2.675), Fraction(107, 40)),
        (np.float32(0.1), Fraction(1, 10)),  # float32's own shortest decimal, not 0.100000001490116...
        (np.float16(0.5), Fraction(1, 2)),
        (np.int64(2**62 + 1), Fraction(2**62 + 1)),  # exact, no float detour
        (np.int32(-7), Fraction(-7)),
    ],
)
def test_to_fraction_numpy_scalars(value, expected):
    assert to_fraction(value) == expected


def test_to_fraction_rejects_numpy_nan_inf_and_bool():
    with pytest.raises(ValueError):
        to_fraction(np.float64("nan"))
    with pytest.raises(ValueError):
        to_fraction(np.float32("inf"))
    with pytest.raises(TypeError):
        to_fraction(np.bool_(True))


def test_round_half_even_numpy_float64_ties():
    # GB/T 8170: 2.675 -> 2.68 (the decimal 2.675 is a tie, 7 odd -> 8); 0.125 -> 0.12; 95.5 -> 96
    assert round_half_even(np.float64(2.675), 2) == Fraction(268, 100)
    assert round_half_even(np.float64(0.125), 2) == Fraction(12, 100)
    assert round_half_even(np.float64(95.5), 0) == 96


def test_is_nan():
    assert is_nan(float("nan")) and is_nan(np.float64("nan")) and is_nan(np.float32("nan"))
    assert not any(is_nan(v) for v in (None, 0, 1.5, np.float32(1), "x"))


def test_public_functions_accept_numpy_values():
    # IAQI of O3 1-h 160.8 µg/m³ (2012 table: 160-200 -> 50-100): 50 + 50*0.8/40 = 51 exactly (standards.md §11)
    assert iaqi("o3_1h", np.float64(160.8), version="2012") == 51
    # GB 3838 NH3-N 0.54 mg/L: class III (0.5 < 0.54 <= 1.0)
    assert water_item_class("nh3n", np.float64(0.54), waterbody="river") == 3
    # percentile of 1..5 at 90 %: k = 1 + 4*0.9 = 4.6 -> 4 + 0.6*(5-4) = 4.6; np.float32 NaN skipped
    series = [np.float64(v) for v in (1, 2, 3, 4, 5)] + [np.float32("nan")]
    p90 = percentile_hj663(series, 90)
    assert p90 is not None and math.isclose(p90, 4.6)
    stats = annual_statistics({"pm25": np.array([30.0, 40.0, np.nan])})
    assert stats.items["pm25"].mean == 35.0 and stats.items["pm25"].n_valid == 2
