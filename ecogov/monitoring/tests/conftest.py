"""A tiny monitored city: two evaluation stations with two days of hours, a water
section with samples, and a draft warning."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from ecogov.monitoring.models import Reading, Station, WaterSample, WaterSection, WindReading
from ecogov.monitoring.processing import station_daily_compute

TZ = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def city_data(tree):
    a = Station.objects.create(code="A", name="甲站", kind="national", is_evaluation=True,
                               jurisdiction=tree["district_a"], lon=115.2, lat=28.5)
    b = Station.objects.create(code="B", name="乙站", kind="provincial", is_evaluation=True,
                               jurisdiction=tree["district_b"], lon=115.7, lat=28.5)
    rows = []
    for station, pm25 in ((a, 50), (b, 30)):
        for h in range(1, 49):
            t = dt.datetime(2025, 6, 1, tzinfo=TZ) + dt.timedelta(hours=h)
            rows.append(Reading(station=station, time=t, so2=10, no2=40, co=1.0, o3=100, pm10=40, pm25=pm25,
                                source="test", ingested=t))
    Reading.objects.bulk_create(rows)
    station_daily_compute(start=dt.date(2025, 6, 1), end=dt.date(2025, 6, 2))
    section = WaterSection.objects.create(code="W1", name="清河一号断面", level="national", water_body_kind="river",
                                          river="清河", target_class=3, jurisdiction=tree["district_a"])
    WaterSample.objects.create(section=section, date=dt.date(2025, 6, 10),
                               values={"ph": 7.5, "do": 6.8, "codmn": 3.1, "nh3n": 0.4, "tp": 0.08})
    return {"a": a, "b": b, "section": section}


@pytest.fixture
def micro(tree):
    return Station.objects.create(code="MS01", name="微站一", kind="micro", jurisdiction=tree["district_a"])


@pytest.fixture
def windy(micro):
    """One day at MS01 (2025-06-01): hours 1-24 with PM2.5 = 40 + h, wind from the SW (225°) at
    2 m/s in hours 1-12, from the N (0°) in hours 13-20, calm (0.1 m/s) in 21-22, none in 23-24."""
    readings, winds = [], []
    for h in range(1, 25):
        readings.append(Reading(station=micro, time=_windy_hour(h), pm25=40 + h, source="test", ingested=_windy_hour(0)))
        if h <= 22:
            wd, ws = (225.0, 2.0) if h <= 12 else (0.0, 2.0) if h <= 20 else (90.0, 0.1)
            winds.append(WindReading(station=micro, time=_windy_hour(h), direction=wd, speed=ws, source="test",
                                     ingested=_windy_hour(0)))
    Reading.objects.bulk_create(readings)
    WindReading.objects.bulk_create(winds)
    return micro


def _windy_hour(h: int) -> dt.datetime:
    return dt.datetime(2025, 6, 1, tzinfo=TZ) + dt.timedelta(hours=h)
