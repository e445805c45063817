"""Small hand-made data sets for the assessment tests (monitoring rows written directly: test setup)."""

from __future__ import annotations

import datetime as dt

import pytest

from ecogov.monitoring.models import DrinkingWaterSource, Station, StationDaily, WaterSample, WaterSection

CONST = {"so2": 10, "no2": 20, "co": 0.5, "pm10": 40, "o3_8h": 100}


def days(start: dt.date, n: int) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range(n)]


def put_daily(station, dates, pm25, aqi=None, **const):
    values = {**CONST, **const}
    rows = []
    for i, d in enumerate(dates):
        rows.append(StationDaily(station=station, date=d, pm25=pm25[i], aqi=None if aqi is None else aqi[i],
                                 hours=24, **values))
    StationDaily.objects.bulk_create(rows)


@pytest.fixture
def air_city(tree):
    """Station A1 in district A, B1 in district B (both evaluation stations), ten days of 2025 and 2024.

    A1 2025 PM2.5 10, 20, ..., 100 and AQI 30 50 80 101 120 150 201 250 301 (none on day 10); B1 PM2.5 20.
    2024: A1 PM2.5 10, B1 30. SO2 10, NO2 20, CO 0.5, PM10 40, O3-8h 100 throughout.
    """
    a = Station.objects.create(code="A1", name="甲站", kind="national", is_evaluation=True,
                               jurisdiction=tree["grid_a"])
    b = Station.objects.create(code="B1", name="乙站", kind="national", is_evaluation=True,
                               jurisdiction=tree["grid_b"])
    now, before = days(dt.date(2025, 1, 1), 10), days(dt.date(2024, 1, 1), 10)
    put_daily(a, now, [10 * (i + 1) for i in range(10)], [30, 50, 80, 101, 120, 150, 201, 250, 301, None])
    put_daily(b, now, [20] * 10, [30] * 10)
    put_daily(a, before, [10] * 10, [20] * 10)
    put_daily(b, before, [30] * 10, [40] * 10)
    return {"a": a, "b": b, "today": dt.date(2025, 1, 10), **tree}


@pytest.fixture
def water_city(tree):
    """Three sections and two drinking-water sources with hand-made samples of 2025 (and one of 2024)."""
    s1 = WaterSection.objects.create(code="S1", name="清河1号", level="national", river="清河", basin="赣江流域",
                                     water_body_kind="river", target_class=3, jurisdiction=tree["district_a"])
    s2 = WaterSection.objects.create(code="S2", name="清河2号", level="national", river="清河", basin="赣江流域",
                                     water_body_kind="river", target_class=2, jurisdiction=tree["district_b"])
    s3 = WaterSection.objects.create(code="S3", name="抚河1号", level="provincial", river="抚河", basin="赣江流域",
                                     water_body_kind="river", target_class=3, jurisdiction=tree["district_b"])
    samples = [
        (s1, dt.date(2025, 1, 10), {"nh3n": 0.5, "tp": 0.1, "do": 7}),
        (s1, dt.date(2025, 2, 10), {"nh3n": 1.3, "tp": 0.1, "do": 7}),
        (s1, dt.date(2025, 3, 10), {"nh3n": 1.2, "tp": 0.1, "do": 7}),
        (s2, dt.date(2025, 1, 10), {"codmn": 6.5, "nh3n": 0.4, "do": 7}),
        (s3, dt.date(2025, 1, 10), {"nh3n": 2.5, "do": 7}),
        (s3, dt.date(2024, 1, 10), {"nh3n": 0.4, "do": 7}),
    ]
    WaterSample.objects.bulk_create([WaterSample(section=s, date=d, values=v) for s, d, v in samples])
    d1 = DrinkingWaterSource.objects.create(code="D1", name="甲水源", water_body_kind="river", target_class=3,
                                            jurisdiction=tree["district_a"])
    d2 = DrinkingWaterSource.objects.create(code="D2", name="乙水源", water_body_kind="river", target_class=3,
                                            jurisdiction=tree["district_b"])
    WaterSample.objects.bulk_create([
        WaterSample(source=d1, date=dt.date(2025, 1, 10), values={"nh3n": 0.3, "do": 7, "fluoride": 0.5}),
        WaterSample(source=d2, date=dt.date(2025, 1, 10), values={"nh3n": 0.3, "do": 7, "nitrate": 12}),
    ])
    return {"today": dt.date(2025, 3, 31), **tree}
