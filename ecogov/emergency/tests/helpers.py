"""Test helpers: enterprises, stations and hand-made daily values."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ecogov.monitoring.models import Station, StationDaily
from ecogov.registry.tests.helpers import make_object

#: Daily values whose IAQIs stay <= 50 (HJ 633-2012): SO2 10 -> 10, NO2 20 -> 25, CO 0.8 -> 20,
#: PM10 40 -> 40, O3-8h 100 -> 50; the AQI is then PM2.5's IAQI whenever it is above 50.
LOW = {"so2": 10, "no2": 20, "co": 0.8, "pm10": 40, "o3_8h": 100, "o3_1h_max": 120}


def station(jurisdiction, code: str) -> Station:
    return Station.objects.create(code=code, name=f"{code}站", kind="national", is_evaluation=True,
                                  jurisdiction=jurisdiction)


def daily(st: Station, day: dt.date, pm25: float) -> None:
    StationDaily.objects.create(station=st, date=day, pm25=pm25, **LOW)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def enterprise(grid, **fields):
    fields.setdefault("status", "active")
    return make_object(grid, **fields)
