"""HJ 663 period assessment (capture, validity, good days, heavy days), rank change and the
2011 water-evaluation period pieces, on hand-worked examples and the shared vectors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ecogov.standards import section_class
from ecogov.standards.hj663_period import (
    capture_rate_array,
    good_day_ratio_array,
    heavy_pollution_days_array,
    months_complete,
    period_data_valid_array,
)
from ecogov.standards.ranking import rank_change, rank_with_ties
from ecogov.standards.water_eval import good_water_ratio, period_means, river_main_pollutants, tli

VECTORS = Path(__file__).resolve().parents[3].parent / "shared" / "vectors" / "standards_vectors.json"


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def test_capture_rate_is_valid_days_over_period_days():
    valid = np.array([[True, True, False, True], [False, False, False, False]])
    # row 0: 3 of 4 days = 75 %; row 1: 0 %
    assert capture_rate_array(valid).tolist() == [75.0, 0.0]


def test_months_complete_lists_only_whole_months():
    assert months_complete(_days(dt.date(2025, 1, 15), dt.date(2025, 3, 31))) == [(2025, 2), (2025, 3)]
    assert months_complete(_days(dt.date(2024, 2, 1), dt.date(2024, 2, 29))) == [(2024, 2)]  # leap February
    assert months_complete(_days(dt.date(2024, 2, 1), dt.date(2024, 2, 28))) == []


def test_period_validity_year_needs_324_days_and_27_a_month_25_in_february():
    dates = _days(dt.date(2025, 1, 1), dt.date(2025, 12, 31))  # 365 days
    full = np.ones(365, dtype=bool)
    feb_25 = full.copy()
    feb_25[31 + 25:31 + 28] = False  # February keeps 25 valid days: still valid
    feb_24 = full.copy()
    feb_24[31 + 24:31 + 28] = False  # 24 in February: invalid
    march_26 = full.copy()
    march_26[59:64] = False  # March 26 of 31 valid: invalid
    # 41 days lost, 324 left, every month still >= 27 (25 in February): 4 days in January, March, May,
    # July, August (31-day months, 27 left), 3 in October and December, 3 in each 30-day month, 3 in February
    lost = {1: 4, 2: 3, 3: 4, 4: 3, 5: 4, 6: 3, 7: 4, 8: 4, 9: 3, 10: 3, 11: 3, 12: 3}
    few = full.copy()
    for m, k in lost.items():
        first = (dt.date(2025, m, 1) - dt.date(2025, 1, 1)).days
        few[first:first + k] = False
    fewer = few.copy()
    fewer[364] = False  # one more day in December (28 -> 27 left): 323 days, months still fine
    valid = np.stack([full, feb_25, feb_24, march_26, few, fewer])
    assert few.sum() == 324 and fewer.sum() == 323
    assert period_data_valid_array(valid, dates, whole_year=True).tolist() == [True, True, False, False, True, False]


def test_year_to_date_validity_judges_whole_months_only():
    dates = _days(dt.date(2025, 1, 1), dt.date(2025, 3, 10))  # January, February whole; March running
    v = np.ones(len(dates), dtype=bool)
    v[-10:] = False  # no valid day yet in March: not judged
    bad_jan = v.copy()
    bad_jan[:5] = False  # January 26 days: invalid
    assert period_data_valid_array(np.stack([v, bad_jan]), dates, whole_year=False).tolist() == [True, False]
    with pytest.raises(ValueError):
        period_data_valid_array(v[:-1], dates, whole_year=False)


def test_good_day_ratio_and_heavy_days_per_row():
    aqi = np.array([
        [50, 100, 101, 201, 300, 301, -1, -1],  # valid 6, good 2 (50, 100), heavy 3 (201, 300, 301), severe 1
        [-1, -1, -1, -1, -1, -1, -1, -1],
    ])
    good, n, ratio = good_day_ratio_array(aqi)
    assert good.tolist() == [2, 0] and n.tolist() == [6, 0]
    assert ratio[0] == pytest.approx(100 * 2 / 6) and np.isnan(ratio[1])
    assert heavy_pollution_days_array(aqi).tolist() == [3, 0]
    assert heavy_pollution_days_array(aqi, threshold=300).tolist() == [1, 0]


def test_rank_change_counts_places_up():
    # "rank up 33 places": 34th last year, 1st this year
    assert rank_change(34, 1) == 33
    assert rank_change(2, 5) == -3
    assert rank_change(None, 1) is None
    before = rank_with_ties({"a": 3.1, "b": 3.5, "c": 4.0}, ascending=True)
    now = rank_with_ties({"a": 3.6, "b": 3.2, "c": 3.2}, ascending=True)
    assert {k: rank_change(before[k], now[k]) for k in now} == {"a": -2, "b": 1, "c": 2}


def test_period_means_skip_missing_results():
    samples: list[dict[str, Any]] = [{"nh3n": 0.5, "tp": 0.1, "do": "*"}, {"nh3n": 1.3, "tp": None, "do": 6.0}, {"nh3n": 1.2}]
    # NH3-N (0.5 + 1.3 + 1.2) / 3 = 1.0; TP 0.1 (one result); DO 6.0 (one result)
    assert period_means(samples) == {"nh3n": pytest.approx(1.0), "tp": pytest.approx(0.1), "do": 6.0}
    # the period class is the single-factor class of the means: NH3-N 1.0 is Class III (<= 1.0)
    assert section_class(period_means(samples)).klass == 3


def test_good_water_ratio_and_bad_count():
    # classes II, III, IV, 劣V, III and one section without data: 3 good of 5, one 劣V
    good, bad, n, ratio = good_water_ratio([2, 3, 4, 6, 3, None])
    assert (good, bad, n) == (3, 1, 5) and ratio == pytest.approx(60.0)
    assert good_water_ratio([]) == (0, 0, 0, None)


def test_river_main_pollutants_by_section_exceedance_rate():
    sections = [
        {"nh3n": 1.5, "tp": 0.25, "codmn": 4},  # NH3-N > 1.0 and TP > 0.2 exceed Class III
        {"nh3n": 1.2, "tp": 0.1, "codmn": 7},  # NH3-N and CODMn (> 6) exceed
        {"nh3n": 0.5, "tp": 0.1, "codmn": 3},
        {"nh3n": 0.4, "tp": 0.3, "codmn": 3},  # TP exceeds
    ]
    # NH3-N 2/4, TP 2/4, CODMn 1/4
    assert river_main_pollutants(sections) == (("nh3n", 0.5), ("tp", 0.5), ("codmn", 0.25))
    assert river_main_pollutants([]) == ()


def test_tli_with_three_items_renormalises_the_weights():
    # TP 0.05, TN 1.0, CODMn 4 (no chla, no SD): W = r² / (0.7056 + 0.6724 + 0.6889)
    import math

    comps = {"tp": 10 * (9.436 + 1.624 * math.log(0.05)), "tn": 10 * (5.453 + 1.694 * math.log(1.0)),
             "codmn": 10 * (0.109 + 2.661 * math.log(4))}
    r2 = {"tp": 0.7056, "tn": 0.6724, "codmn": 0.6889}
    expected = sum(r2[k] * comps[k] for k in r2) / sum(r2.values())
    res = tli({"tp": 0.05, "tn": 1.0, "codmn": 4})
    assert res.tli == pytest.approx(expected)
    assert res.grade == ("中营养" if 30 <= expected <= 50 else res.grade)


def test_water_class_vectors_through_period_means():
    vectors = [v for v in json.loads(VECTORS.read_text(encoding="utf-8")) if v["kind"] == "water_class"]
    assert vectors
    for v in vectors:
        values = v["input"].get("values", v["input"])
        waterbody = v["input"].get("waterbody", "river")
        expected = v["expected"]["class"] if isinstance(v["expected"], dict) else v["expected"]
        # one result per item: the period mean equals the value, so the class is the vector's
        assert section_class(period_means([values]), waterbody=waterbody).klass == expected
