"""A tiny monitored city: two evaluation stations with two days of hours, a water
section with samples, and a draft warning."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from ecogov.monitoring.models import Reading, Station, WaterSample, WaterSection
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
