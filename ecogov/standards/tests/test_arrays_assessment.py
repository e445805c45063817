"""Array paths of the assessment: ``o3_daily_max_8h_array`` and ``annual_statistics_array``
equal the exact scalar functions (hand-worked tables and hypothesis properties)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecogov.standards import (
    annual_statistics,
    annual_statistics_array,
    o3_daily_max_8h,
    o3_daily_max_8h_array,
)

NAN = np.nan


def _year(start=dt.date(2025, 1, 1), n=365):
    return [start + dt.timedelta(days=i) for i in range(n)]


def _scalar_o3(row, day):
    res = o3_daily_max_8h([None if np.isnan(v) else float(v) for v in row], date=day)
    return res.value if res.valid else None


def _none(v):
    return None if np.isnan(v) else float(v)


# ---- O3 daily maximum 8-hour ----------------------------------------------------------------


def test_o3_array_hand_worked():
    day = dt.date(2025, 7, 1)
    flat = np.full(24, 100.0)
    ramp = (
        np.arange(1, 25, dtype=float) * 10
    )  # windows ending 8..24: mean of h-7..h x10 -> best (17..24) = 205
    halves = np.full(24, 150.5)  # every window 150.5 -> 150 (half to even)
    gaps = np.full(24, NAN)
    gaps[:13] = (
        200.0  # windows ending 8..16 valid (>= 6 hours: 8..13 6-8 h; 14..18 drop below 6) -> < 14 windows
    )
    out = o3_daily_max_8h_array(np.stack([flat, ramp, halves, gaps])[:, None, :], dates=[day])
    # ramp: (170+...+240)/8 = 205 > 160; gaps: 200 > 160 valid by exceedance though only 11 windows
    assert [_none(v) for v in out[:, 0]] == [100.0, 205.0, 150.0, 200.0]
    low = gaps.copy()
    low[:13] = 100.0  # same 11 windows but max 100 <= 160: invalid (needs 14)
    assert np.isnan(o3_daily_max_8h_array(low[None, :], date=day)[0])
    assert np.isnan(o3_daily_max_8h_array(np.full((1, 24), NAN), date=day)[0])


def test_o3_array_equals_scalar_across_the_2026_switch():
    gen = np.random.default_rng(7)
    hourly = np.round(gen.uniform(0, 260, (3, 60, 24)), 1)
    hourly[gen.random(hourly.shape) < 0.3] = NAN  # many gaps: some days lose their validity
    hourly[0, 0, :] = NAN
    hourly[1, 1, :] = 150.5  # exact halves
    hourly[2, 2, :] = 0.1 + 0.2  # binary noise: 0.30000000000000004, read as its shortest decimal
    dates = _year(dt.date(2026, 2, 1), 60)  # across the 2026-03-01 switch
    got = o3_daily_max_8h_array(hourly, dates=dates)
    for i in range(3):
        for j in range(60):
            assert _none(got[i, j]) == _scalar_o3(hourly[i, j], dates[j]), (i, j)


hour_value = st.one_of(st.just(NAN), st.integers(0, 4000).map(lambda n: n / 10), st.floats(0, 400))


@settings(max_examples=150, deadline=None)
@given(st.lists(hour_value, min_size=24, max_size=24), st.sampled_from(_year(dt.date(2026, 2, 20), 20)))
def test_o3_array_property(row, day):
    got = o3_daily_max_8h_array(np.array([row]), date=day)
    assert _none(got[0]) == _scalar_o3(np.array(row), day)


# ---- annual statistics ----------------------------------------------------------------------


def test_annual_array_hand_worked_table():
    dates = _year()
    pm25 = np.array([[30.0] * 300 + [80.0] * 65, [35.0] * 182 + [36.0] * 183, [NAN] * 365])
    daily = {"pm25": pm25, "co": np.array([[i / 100 for i in range(1, 366)]] * 3)}
    daily["co"][2, :200] = NAN  # 165 days: not valid for a year
    res = annual_statistics_array(daily, dates=dates, date=dt.date(2025, 6, 1))
    p = res.items["pm25"]
    # station 0: mean 14200/365 = 38.90 -> 39 > 35; P95 k = 346.8 -> 80
    # station 1: mean (182*35 + 183*36)/365 = 35.50137 -> 36; P95 = 36
    assert [_none(v) for v in p.mean] == [39.0, 36.0, None]
    assert [_none(v) for v in p.percentile] == [80.0, 36.0, None]
    assert p.n_valid.tolist() == [365, 365, 0] and p.valid.tolist() == [True, True, False]
    assert p.mean_compliant.tolist() == [0, 0, -1]
    c = res.items["co"]
    # CO P95: k = 346.8 -> 3.46 + 0.01 * 0.8 = 3.468 -> 3.5 mg/m3 <= 4 (stations 0, 1);
    # station 2: values 2.01..3.65 (165), k = 1 + 164*0.95 = 156.8 -> 3.56 + 0.8*0.01 = 3.568 -> 3.6
    assert [_none(v) for v in c.percentile] == [3.5, 3.5, 3.6]
    assert c.valid.tolist() == [True, True, False]
    assert res.compliant.tolist() == [0, 0, 1]  # station 2: only CO present, and it complies
    for i in range(3):
        series = {k: [_none(v) for v in arr[i]] for k, arr in daily.items()}
        assert res.station(i) == annual_statistics(series, dates=dates, date=dt.date(2025, 6, 1))


def test_annual_array_ties_resolved_exactly():
    # two values 0.1 + 0.2 (0.30000000000000004) and 0.4: exact mean 0.35 -> 0.4 (CO, half to even: 3.5 -> 4)
    # four values 35, 36, 35, 36: mean 35.5 -> 36; float noise must not move these
    daily = {"co": np.array([[0.1 + 0.2, 0.4]]), "pm25": np.array([[35.0, 36.0]])}
    res = annual_statistics_array(daily, date=dt.date(2025, 6, 1))
    assert res.items["co"].mean.tolist() == [0.4] and res.items["pm25"].mean.tolist() == [36.0]
    # PM2.5 P95 of (35, 36): k = 1 + 0.95 = 1.95 -> 35.95 -> 36
    assert res.items["pm25"].percentile.tolist() == [36.0]


daily_value = st.one_of(st.just(NAN), st.integers(0, 600).map(float), st.floats(0, 600))
co_value = st.one_of(st.just(NAN), st.integers(0, 100).map(lambda n: n / 10))


@settings(max_examples=60, deadline=None)
@given(st.data(), st.integers(1, 4), st.integers(1, 40), st.booleans())
def test_annual_array_equals_scalar(data, m, n_days, with_dates):
    pollutants = data.draw(
        st.lists(
            st.sampled_from(["so2", "no2", "pm10", "pm25", "o3", "co"]), min_size=1, max_size=6, unique=True
        )
    )
    daily = {
        p: np.array(
            data.draw(
                st.lists(
                    st.lists(co_value if p == "co" else daily_value, min_size=n_days, max_size=n_days),
                    min_size=m,
                    max_size=m,
                )
            )
        )
        for p in pollutants
    }
    dates = _year(dt.date(2026, 2, 15), n_days) if with_dates else None
    res = annual_statistics_array(daily, dates=dates, date=dt.date(2026, 6, 1))
    for i in range(m):
        series = {p: [_none(v) for v in arr[i]] for p, arr in daily.items()}
        assert res.station(i) == annual_statistics(series, dates=dates, date=dt.date(2026, 6, 1))


def test_annual_array_validity_by_month():
    dates = _year()
    full = np.full(365, 30.0)
    feb_short = full.copy()
    feb_short[[j for j, d in enumerate(dates) if d.month == 2 and d.day > 24]] = NAN  # 24 days in February
    res = annual_statistics_array({"pm25": np.stack([full, feb_short])}, dates=dates, date=dates[0])
    assert res.items["pm25"].valid.tolist() == [True, False]


def test_annual_array_rejects_misaligned_dates():
    with pytest.raises(ValueError):
        annual_statistics_array({"pm25": np.zeros((1, 3))}, dates=_year(n=2), date=dt.date(2025, 1, 1))
