import datetime as dt

import pytest
from django.utils import timezone

from ecogov.thirdparty.models import Line, Station


@pytest.fixture
def station_a(tree):
    s = Station.objects.create(code="JDC-A1", name="甲区检测站", jurisdiction=tree["district_a"],
                               opens=dt.time(8, 30), closes=dt.time(17, 30))
    Line.objects.create(station=s, code="1", method="asm")
    return s


@pytest.fixture
def station_b(tree):
    s = Station.objects.create(code="JDC-B1", name="乙区检测站", jurisdiction=tree["district_b"],
                               opens=dt.time(8, 30), closes=dt.time(17, 30))
    Line.objects.create(station=s, code="1", method="asm")
    return s


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2026, 5, day, hour, minute))
