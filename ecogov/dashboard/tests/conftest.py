"""Shared fixtures of the dashboard tests: a national station with an hour of readings and
wind, and inventory sources at hand-computed distances from it."""

import datetime as dt
import math

import pytest
from django.utils import timezone

from ecogov.inventory import services as inventory
from ecogov.monitoring.models import Reading, Station, WindReading
from ecogov.testing import factories

R = 6371008.8
LON, LAT = 115.49, 28.5  # in district A, 0.01 deg (about 980 m) west of district B


def north(metres: float) -> float:
    return LAT + math.degrees(metres / R)


@pytest.fixture
def station(tree):
    st = Station.objects.create(code="369900051", name="市监测站", kind="national", jurisdiction=tree["grid_a"],
                                lon=LON, lat=LAT)
    Station.objects.create(code="MS001", name="微站", kind="micro", jurisdiction=tree["grid_a"], lon=115.3, lat=28.3)
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    assert hour.year >= 2026  # the 2026 table below applies
    now = timezone.now()
    # HJ 633-2026 (hours of 2026 on): 1-hour PM2.5 on the daily breakpoints 60 -> 100, 115 -> 150;
    # PM2.5 80 ug/m3: IAQI = 100 + (150 - 100) / (115 - 60) * (80 - 60) = 118.18 -> 119, 轻度污染 (orange);
    # the others stay far below it (PM10 30 -> 30, NO2 10 -> 5, O3 20 -> 6.25, CO 0.5 -> 5, SO2 5 -> 1.7)
    Reading.objects.create(station=st, time=hour, so2=5, no2=10, co=0.5, o3=20, pm10=30, pm25=80, source="test",
                           ingested=now)
    Reading.objects.create(station=st, time=hour - dt.timedelta(hours=5), so2=5, no2=10, co=0.5, o3=20, pm10=20,
                           pm25=20, source="test", ingested=now)
    WindReading.objects.create(station=st, time=hour, direction=2.0, speed=2.5, source="test", ingested=now)
    return st


def _source(code, lon, lat, kind="restaurant", grid="369902001001"):
    admin = factories.user("admin", None, is_superuser=True)
    return inventory.source_create(actor=admin, data={"code": code, "kind": kind, "name": code, "jurisdiction": grid,
                                                      "lon": lon, "lat": lat})


@pytest.fixture
def sources(station):
    return [
        _source("N1000", LON, north(1000)),          # exactly on the 1 km edge, north (upwind of a north wind)
        _source("N1001", LON, north(1001)),          # just outside 1 km: the 2 km ring
        _source("S3000", LON, north(-3000)),         # exactly 3 km south: the 3 km ring, downwind
        _source("S3002", LON, north(-3002)),         # outside the rings
        _source("EAST-B", LON + 0.015, LAT, grid="369903001001"),   # district B, ~1466 m east
    ]


