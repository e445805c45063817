"""Daily values, daily AQI and rollups on a small hand-made data set; every
expected figure is worked out by hand below (HJ 633-2012 tables, 2025 data)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from ecogov.monitoring.models import QualityFlag, Reading, Station, StationDaily
from ecogov.monitoring.processing import station_daily_compute
from ecogov.monitoring.rollups import period_bounds, period_stats, ranking, year_on_year

TZ = ZoneInfo("Asia/Shanghai")
D1, D2 = dt.date(2025, 6, 1), dt.date(2025, 6, 2)
BASE = {"so2": 10, "no2": 40, "co": 1.0, "o3": 100, "pm10": 40}

pytestmark = pytest.mark.django_db


def _hours(station, day, skip_pm25=(), **values):
    """24 readings for ``day`` (hours ending 01:00 .. 24:00)."""
    rows = []
    for h in range(1, 25):
        t = dt.datetime.combine(day, dt.time(0), tzinfo=TZ) + dt.timedelta(hours=h)
        v = {**BASE, **values}
        if h in skip_pm25:
            v["pm25"] = None
        rows.append(Reading(station=station, time=t, source="test", ingested=t, **v))
    Reading.objects.bulk_create(rows)


@pytest.fixture
def two_stations(tree):
    a = Station.objects.create(code="A", name="甲站", kind="national", is_evaluation=True,
                               jurisdiction=tree["district_a"])
    b = Station.objects.create(code="B", name="乙站", kind="provincial", is_evaluation=True,
                               jurisdiction=tree["district_b"])
    _hours(a, D1, pm25=50)
    _hours(a, D2, pm25=50)
    _hours(b, D1, pm25=30)
    _hours(b, D2, pm25=30, skip_pm25=(1, 2, 3, 4, 5))  # 19 valid hours < 20: no daily PM2.5
    station_daily_compute(start=D1, end=D2)
    return a, b


def test_station_daily_values_and_aqi(two_stations):
    a, b = two_stations
    day = StationDaily.objects.get(station=a, date=D1)
    assert (day.so2, day.no2, day.co, day.pm10, day.pm25, day.o3_8h, day.hours) == (10, 40, 1.0, 40, 50, 100, 24)
    # IAQI (HJ 633-2012 Table 1): PM2.5 50 -> 50 + (50-35)/(75-35)*50 = 68.75 -> 69;
    # PM10 40 -> 40; NO2 40 -> 50; SO2 10 -> 10; CO 1.0 -> 25; O3 8-h 100 -> 50; O3 1-h 100 -> 31.25 -> 32
    assert (day.aqi, day.primary, day.version) == (69, "PM2.5", "2012")
    b2 = StationDaily.objects.get(station=b, date=D2)
    assert b2.pm25 is None and b2.hours == 19
    # without PM2.5 the max is NO2 and O3 8-h, both 50: AQI 50, no primary pollutant (AQI <= 50)
    assert (b2.aqi, b2.primary) == (50, "")


def test_city_period_statistics(two_stations):
    a, b = two_stations
    s = period_stats([a.pk, b.pk], D1, D2)
    # city PM2.5: day 1 mean(50, 30) = 40, day 2 only A = 50 -> daily AQI 57 (50+5/40*50=56.25) and 69
    assert list(s.daily["aqi"]) == [57, 69]
    assert (s.days, s.valid_days, s.good_days, s.good_ratio, s.coverage) == (2, 2, 2, 100.0, 100.0)
    assert s.stats["pm25"] == 45  # (40 + 50) / 2
    assert (s.stats["co"], s.stats["o3"]) == (1.0, 100)  # 95th / 90th percentiles of constant series
    # composite = 10/60 + 40/40 + 40/70 + 45/35 + 1.0/4 + 100/160 = 3.8988 -> 3.90
    assert s.composite == 3.90


def test_station_ranking_with_composite_index(two_stations):
    a, b = two_stations
    rows = ranking({"A": [a.pk], "B": [b.pk]}, D1, D2)
    # A: PM2.5 mean 50 -> 10/60+1+40/70+50/35+0.25+0.625 = 4.0417 -> 4.04
    # B: PM2.5 mean 30 (one valid day) -> 3.4702 -> 3.47: B ranks first
    assert [(r["key"], r["rank"], r["stats"].composite) for r in rows] == [("B", 1, 3.47), ("A", 2, 4.04)]


def test_quality_flag_removes_hours_from_the_daily_value(two_stations):
    a, _ = two_stations
    QualityFlag.objects.create(
        station=a, pollutant="pm25", kind="fault",
        start=dt.datetime(2025, 6, 1, 1, tzinfo=TZ), end=dt.datetime(2025, 6, 1, 5, tzinfo=TZ),
    )
    station_daily_compute(start=D1, end=D1, station_ids=[a.pk])
    day = StationDaily.objects.get(station=a, date=D1)
    assert (day.pm25, day.hours, day.pm10) == (None, 19, 40)


def test_year_on_year_and_period_bounds(two_stations):
    a, b = two_stations
    last = dt.date(2024, 6, 1)
    _hours(a, last, pm25=60)
    station_daily_compute(start=last, end=last)
    yoy = year_on_year([a.pk], D1, D1)
    # 2025-06-01: 50; 2024-06-01: 60 -> -10 µg/m³, (50-60)/60 = -16.7 %
    assert (yoy["pm25_change"], yoy["pm25_change_pct"]) == (-10, -16.7)
    assert period_bounds("month", 2024, 2) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert period_bounds("quarter", 2025, 4) == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    assert period_bounds("ytd", 2026, today=dt.date(2026, 11, 20)) == (dt.date(2026, 1, 1), dt.date(2026, 11, 20))


def test_daily_values_from_cube_equal_the_exact_scalars():
    """Daily values of the cube (means, O3 daily max 8-h by the standards array path) equal the exact scalars."""
    import numpy as np

    from ecogov.monitoring.processing import daily_from_cube
    from ecogov.standards import daily_mean, o3_daily_max_8h

    gen = np.random.default_rng(7)
    cube = {p: np.round(gen.uniform(0, 260, (3, 60, 24)), 1) for p in ("so2", "no2", "co", "o3", "pm10", "pm25")}
    for arr in cube.values():
        arr[gen.random(arr.shape) < 0.15] = np.nan  # gaps: some days lose their validity
    cube["o3"][0, 0, :] = np.nan
    cube["o3"][1, 1, :] = 150.5  # exact halves
    cube["pm25"][2, 3, :] = 35.5
    start = dt.date(2026, 2, 1)  # across the 2026-03-01 switch
    daily = daily_from_cube(cube, start)
    for i in range(3):
        for j in range(60):
            day = start + dt.timedelta(days=j)
            res = o3_daily_max_8h([None if np.isnan(v) else float(v) for v in cube["o3"][i, j]], date=day)
            got = daily["o3_8h"][i, j]
            assert (None if np.isnan(got) else got) == (res.value if res.valid else None), (i, j)
            for p in ("so2", "co", "pm25"):
                want = daily_mean([None if np.isnan(v) else float(v) for v in cube[p][i, j]], pollutant=p)
                got = daily[p][i, j]
                assert (None if np.isnan(got) else got) == want, (p, i, j)
