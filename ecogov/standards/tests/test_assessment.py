"""GB 3095 validity rules and HJ 663 statistics, with hand-worked golden values."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import numpy as np
import pytest

from ecogov.standards import (
    annual_statistics,
    city_mean,
    coverage,
    daily_mean,
    daily_mean_array,
    exceedance_multiple,
    good_day_ratio,
    heavy_pollution_days,
    limit,
    o3_daily_max_8h,
    percentile_hj663,
    single_item_index,
)
from ecogov.standards.gb3095 import annual_data_valid
from ecogov.standards.hj663 import city_mean_array, percentile_hj663_array


def test_limits_by_date_and_stage():
    assert limit("pm25", "annual", date=dt.date(2026, 2, 28)) == 35
    assert limit("pm25", "annual", date=dt.date(2026, 3, 1)) == 30
    assert limit("pm25", "annual", date=dt.date(2031, 1, 1)) == 25
    assert limit("pm10", "24h", date=dt.date(2030, 12, 31)) == 120
    assert limit("no2", "24h", date=dt.date(2031, 1, 1)) == 50
    assert limit("so2", "annual", grade=1, date=dt.date(2020, 1, 1)) == 20
    assert limit("co", "24h", version="2026-final") == 4
    assert limit("o3", "8h", version="2012") == 160


def test_daily_mean_needs_20_hours_and_rounds_half_even():
    hours = [10.0] * 19 + [20.0] + [None] * 4  # 20 values: 210 / 20 = 10.5 -> 10 (half to even)
    assert daily_mean(hours, pollutant="pm25") == 10
    assert daily_mean(hours) == 10.5
    assert daily_mean([10.0] * 19 + [None] * 5) is None
    # CO: (1.25 * 20) / 20 = 1.25 -> 1.2 (half to even at 0.1)
    assert daily_mean([1.25] * 20, pollutant="co") == 1.2
    arr = np.array([[10.0] * 19 + [20.0] + [np.nan] * 4, [10.0] * 19 + [np.nan] * 5])
    out = daily_mean_array(arr)
    assert out[0] == 10.5 and np.isnan(out[1])


def _o3_day():
    # hours ending 01..07 = 40, 08..15 = 120, 16..24 = 80
    return [40.0] * 7 + [120.0] * 8 + [80.0] * 9


def test_o3_daily_max_8h_full_day():
    r = o3_daily_max_8h(_o3_day())
    # window ending 08:00 = hours 1..8 = (7*40 + 120)/8 = 50; ending 15:00 = hours 8..15 = 120 (max)
    assert r.windows[0] == 50 and r.windows[15 - 8] == 120
    assert r.value == 120 and r.n_valid_windows == 17 and r.valid


def test_o3_daily_max_8h_too_few_windows():
    hours = [None] * 12 + _o3_day()[12:]
    r = o3_daily_max_8h(hours)
    # windows ending t need >= 6 valid hours among t-7..t; valid hours are 13..24 -> t >= 18: 7 windows
    # max is the window ending 18:00: hours 13..18 = (3*120 + 3*80)/6 = 100 <= 160 -> invalid (< 14 windows)
    assert r.n_valid_windows == 7 and r.value == 100 and not r.valid


def test_o3_daily_max_8h_exception_above_limit():
    hours = [None] * 12 + [400.0] * 3 + [80.0] * 9
    r = o3_daily_max_8h(hours)
    # window ending 18:00: (3*400 + 3*80)/6 = 240 > 160: valid despite only 7 windows
    assert r.value == 240 and r.exceeds_limit and r.valid


def test_percentile_hand_examples():
    xs = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    # p=95: k = 1 + 9*0.95 = 9.55, s = 9: X9 + (X10 - X9)*0.55 = 90 + 5.5 = 95.5
    assert percentile_hj663(xs, 95) == 95.5
    # p=98: k = 9.82 -> 98.2 ; p=90: k = 9.1 -> 91
    assert percentile_hj663(xs, 98) == pytest.approx(98.2, abs=1e-12)
    assert percentile_hj663(xs, 90) == 91
    # unsorted with ties: [3,1,4,1,5] -> [1,1,3,4,5]; p=90: k = 1 + 4*0.9 = 4.6 -> 4 + 1*0.6 = 4.6
    assert percentile_hj663([3, 1, 4, None, 1, 5], 90) == pytest.approx(4.6)
    assert percentile_hj663([7], 95) == 7
    assert percentile_hj663([], 95) is None
    assert percentile_hj663_array(np.array([xs, xs]), 95).tolist() == [95.5, 95.5]


def _year(start=dt.date(2025, 1, 1)):
    return [start + dt.timedelta(days=i) for i in range(365)]


def test_annual_statistics_hand_worked():
    dates = _year()
    pm25 = [30.0] * 300 + [80.0] * 65
    so2 = [10.0] * 365
    o3 = [float(i) for i in range(1, 366)]
    co = [i / 100 for i in range(1, 366)]
    stats = annual_statistics(
        {"pm25": pm25, "so2": so2, "o3": o3, "co": co}, dates=dates, date=dt.date(2025, 6, 1)
    )
    p = stats.items["pm25"]
    # mean = (300*30 + 65*80)/365 = 14200/365 = 38.90 -> 39 > 35; 95th: k = 1 + 364*0.95 = 346.8 -> X346 = X347 = 80
    assert (p.mean, p.percentile, p.mean_compliant, p.percentile_compliant) == (39, 80, False, False)
    assert p.valid and p.n_valid == 365
    s = stats.items["so2"]
    assert (s.mean, s.percentile, s.compliant) == (10, 10, True)
    o = stats.items["o3"]
    # 90th: k = 1 + 364*0.9 = 328.6 -> 328 + (329-328)*0.6 = 328.6 -> 329 > 160; no annual mean limit
    assert o.percentile == 329 and o.mean_limit is None and o.compliant is False
    c = stats.items["co"]
    # 95th: k = 346.8 -> 3.46 + 0.01*0.8 = 3.468 -> 3.5 (0.1 mg/m3) <= 4
    assert c.percentile == 3.5 and c.compliant
    assert stats.compliant is False


def test_annual_validity_monthly_rule():
    dates = _year()
    assert annual_data_valid(dates)
    feb_short = [d for d in dates if not (d.month == 2 and d.day > 24)]  # February keeps 24 < 25
    assert len(feb_short) >= 324 and not annual_data_valid(feb_short)
    assert not annual_data_valid(dates[:323])


def test_indices_ratios_and_city_mean():
    assert single_item_index(21, 35) == 0.6
    assert exceedance_multiple(52.5, 35) == 0.5
    assert exceedance_multiple(30, 35) is None
    aqi = [45, 80, 100, 101, 201, 350, None]
    assert good_day_ratio(aqi) == (3, 6, 50.0)
    assert heavy_pollution_days(aqi) == 2
    assert heavy_pollution_days(aqi, threshold=300) == 1
    assert coverage(8000, 8760) == pytest.approx(91.324, abs=1e-3)
    # stations 30, 35, None, 40 -> (30 + 35 + 40)/3 = 35
    assert city_mean([30, 35, None, 40], pollutant="pm25") == 35
    assert city_mean([1.25, 1.3], pollutant="co") == 1.3  # 1.275 -> 1.3
    assert city_mean_array(np.array([[30.0, np.nan], [40.0, np.nan]])).tolist()[0] == 35
    assert Fraction(str(city_mean([1, 2]))) == Fraction(3, 2)
