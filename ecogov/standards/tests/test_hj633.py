"""HJ 633 AQI: hand-worked values, footnotes, versions, missing data and properties."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecogov.standards import aqi_daily, aqi_daily_array, aqi_hourly, aqi_hourly_array, iaqi, iaqi_array
from ecogov.standards.hj633_tables import BREAKPOINTS, INDICATORS, REPORTS
from ecogov.standards.versions import normalize_version, version_for_date

ALL = sorted(INDICATORS)


def test_float_hazard_scalar_and_array():
    # exact sub-indices that are integers: binary floats overshoot by one with a naive ceil
    cases = [("o3_1h", 160.8, 51), ("pm25_24h", 4.9, 7), ("pm25_24h", 9.8, 14), ("co_24h", 2.2, 55)]
    for ind, conc, expected in cases:
        assert iaqi(ind, conc, version="2012") == expected
        assert iaqi_array(ind, np.array([conc]), version="2012")[0] == expected


def test_hand_worked_interpolation():
    # SO2 24-h 300 (2012): 100 + (150-100)/(475-150) * (300-150) = 123.08 -> 124
    assert iaqi("so2_24h", 300, version="2012") == 124
    # PM2.5 24-h 75 under 2026: 100 + 50/55 * (75-60) = 113.6 -> 114
    assert iaqi("pm25_24h", 75, version="2026") == 114
    # PM10 24-h 120 under 2026 is the new IAQI-100 breakpoint; under 2012 it is 50 + 50*70/100 = 85
    assert iaqi("pm10_24h", 120, version="2026") == 100
    assert iaqi("pm10_24h", 120, version="2012") == 85


def test_tables_differ_only_in_two_cells():
    diff = [
        (k, i)
        for k in BREAKPOINTS["2012"]
        for i, (a, b) in enumerate(zip(BREAKPOINTS["2012"][k], BREAKPOINTS["2026"][k], strict=True))
        if a != b
    ]
    assert diff == [("pm10_24h", 2), ("pm25_24h", 2)]


def test_footnotes_per_version():
    assert iaqi("so2_1h", 801, version="2012") is None
    assert iaqi("so2_1h", 801, version="2026") == 200
    assert iaqi("o3_8h", 801, version="2012") is None
    assert iaqi("o3_8h", 801, version="2026") == 300


def test_rounding_of_inputs_by_version():
    # 2026 §4.2.2 rounds half-even first: 35.5 -> 36 -> 52; 2012 keeps 35.5 -> 50.625 -> 51
    assert iaqi("pm25_24h", 35.5, version="2026") == 52
    assert iaqi("pm25_24h", 35.5, version="2012") == 51
    # CO to one decimal: 2.25 -> 2.2 (half-even) -> 55; 2.35 -> 2.4 -> 60
    assert iaqi("co_24h", 2.25, version="2026") == 55
    assert iaqi("co_24h", 2.35, version="2026") == 60
    assert iaqi_array("co_24h", np.array([2.25, 2.35]), version="2026").tolist() == [55, 60]


def test_version_by_date():
    assert version_for_date(dt.date(2026, 2, 28)) == "2012"
    assert version_for_date(dt.date(2026, 3, 1)) == "2026"
    assert version_for_date(dt.date(2030, 12, 31), "GB3095") == "2026-transition"
    assert version_for_date(dt.date(2031, 1, 1), "GB3095") == "2026-final"
    assert normalize_version("HJ 633-2012") == "2012"
    assert iaqi("pm25_24h", 75, date=dt.date(2026, 2, 28)) == 100
    assert iaqi("pm25_24h", 75, date=dt.date(2026, 3, 1)) == 114
    with pytest.raises(ValueError):
        normalize_version("2019")


def test_daily_report_2026_drops_o3_1h():
    r = aqi_daily(
        {
            "so2_24h": 5,
            "no2_24h": 10,
            "co_24h": 0.5,
            "o3_1h": 900,
            "o3_8h": 90,
            "pm10_24h": 30,
            "pm25_24h": 20,
        },
        version="2026",
    )
    assert "o3_1h" not in r.iaqis and r.aqi == 45 and r.primary == () and r.exceedance is None
    assert r.category == "优" and r.colour == "#00E400"


def test_exceedance_2012_and_result_fields():
    r = aqi_daily(
        {
            "so2_24h": 5,
            "no2_24h": 10,
            "co_24h": 0.5,
            "o3_1h": 100,
            "o3_8h": 90,
            "pm10_24h": 160,
            "pm25_24h": 120,
        },
        version="2012",
    )
    # PM2.5 120: 150 + 50/35*5 = 157.1 -> 158; PM10 160: 100 + 0.5*10 = 105
    assert r.aqi == 158 and r.primary == ("PM2.5",) and r.exceedance == ("PM10", "PM2.5")
    assert r.level == 4 and r.category == "中度污染"
    assert r.info is not None and r.info.rgb == (255, 0, 0)


def test_missing_policies():
    values = {"so2_1h": 10, "no2_1h": 20, "co_1h": 0.5, "o3_1h": 50, "pm10_1h": None, "pm25_1h": 80}
    r12 = aqi_hourly(values, version="2012")
    assert r12.aqi == 107 and not r12.complete and r12.missing == ("pm10_1h",) and not r12.published
    assert aqi_hourly(values, version="2012", missing_policy="partial").published_aqi == 107
    r26 = aqi_hourly(values, version="2026")  # 80 on 2026: 100 + 50/55*20 = 118.2 -> 119 > 100
    assert (
        r26.aqi == 119
        and r26.published
        and r26.sensitive_groups == {"PM2.5": "心血管或呼吸系统疾病患者、儿童、户外活动人群、老年人"}
    )
    low = dict(values, pm25_1h=30)
    assert aqi_hourly(low, version="2026").published_aqi is None  # §5.3.1: AQI <= 100 -> NA


def test_table4_variant_is_named_option():
    values = {
        "so2_1h": 10,
        "no2_1h": 50,
        "co_1h": 1,
        "o3_1h": 206,
        "o3_8h": 223,
        "pm10_24h": 67,
        "pm25_24h": 31,
    }
    assert aqi_hourly(values, version="2012", method="hj633_2012").aqi == 158
    with pytest.raises(ValueError):
        aqi_hourly(values, version="2026", method="hj633_2012")


def test_above_top_conventions():
    assert iaqi("pm25_24h", 600, version="2012") == 500
    assert iaqi("pm25_24h", 600, version="2012", above_top="none") is None
    with pytest.raises(ValueError):
        iaqi("pm25_24h", 600, version="2012", above_top="raise")
    with pytest.raises(ValueError):
        iaqi("pm25_24h", -1, version="2012")


# ---- properties (hypothesis) -------------------------------------------------------------

conc = st.integers(min_value=0, max_value=4_000_000).map(lambda n: n / 1000)  # up to 3 decimals
version = st.sampled_from(["2012", "2026"])


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(ALL), conc, conc, version)
def test_iaqi_non_decreasing(ind, a, b, ver):
    lo, hi = sorted((a, b))
    x, y = iaqi(ind, lo, version=ver), iaqi(ind, hi, version=ver)
    if x is not None and y is not None:
        assert x <= y


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(ALL), version, st.data())
def test_iaqi_continuous_at_breakpoints(ind, ver, data):
    bps = BREAKPOINTS[ver][INDICATORS[ind].table]
    i = data.draw(st.integers(min_value=1, max_value=len(bps) - 2))
    bp = bps[i]
    eps = Fraction(1, 10**6)
    below = iaqi(ind, bp - eps, version=ver, round_inputs=False)
    at = iaqi(ind, bp, version=ver, round_inputs=False)
    above = iaqi(ind, bp + eps, version=ver, round_inputs=False)
    # at the breakpoint the IAQI is the table level; a hair either side is within one unit
    assert below is not None and at is not None and above is not None
    assert at - 1 <= below <= at <= above <= at + 1


values_strategy = st.fixed_dictionaries({k: st.one_of(st.none(), conc) for k in ALL})


@settings(max_examples=200, deadline=None)
@given(values_strategy, version, st.sampled_from(["daily", "hourly"]))
def test_aqi_is_max_iaqi_and_array_equals_scalar(values, ver, report):
    scalar_fn, array_fn = (
        (aqi_daily, aqi_daily_array) if report == "daily" else (aqi_hourly, aqi_hourly_array)
    )
    r = scalar_fn(values, version=ver)
    present = [v for v in r.iaqis.values() if v is not None]
    assert r.aqi == (max(present) if present else None)
    arrays = array_fn(
        {k: np.array([np.nan if v is None else v]) for k, v in values.items()}, version=ver, details=True
    )
    assert int(arrays.aqi[0]) == (-1 if r.aqi is None else r.aqi)
    assert int(arrays.primary[0]) == r.primary_mask
    assert bool(arrays.complete[0]) == r.complete and bool(arrays.published[0]) == r.published
    assert arrays.iaqi is not None
    for k, v in r.iaqis.items():
        assert int(arrays.iaqi[k][0]) == (-1 if v is None else v)


@settings(max_examples=50, deadline=None)
@given(st.lists(conc, min_size=1, max_size=200), st.sampled_from(ALL), version)
def test_iaqi_array_equals_scalar_in_bulk(xs, ind, ver):
    arr = iaqi_array(ind, np.array(xs), version=ver)
    assert arr.tolist() == [(-1 if (s := iaqi(ind, x, version=ver)) is None else s) for x in xs]


def test_every_report_spec_runs_in_both_paths():
    for (ver, report, method), spec in REPORTS.items():
        values = {k: 42.0 for k in spec.indicators}
        fn = aqi_daily if report == "daily" else aqi_hourly
        kwargs = {} if report == "daily" else {"method": method}
        r = fn(values, version=ver, **kwargs)
        a = (aqi_daily_array if report == "daily" else aqi_hourly_array)(
            {k: np.full(3, 42.0) for k in values}, version=ver, **kwargs
        )
        assert (a.aqi == r.aqi).all()
