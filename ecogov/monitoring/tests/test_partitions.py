"""Monthly partitions of the readings on PostgreSQL (migration 0006, ``partitions``): created on demand by
ingest and ahead by the scheduled task, rows of a month without its partition kept in the default one and
moved when it is made, one partition read by a one-month query (EXPLAIN), detach. On SQLite the readings
stay one table and the same calls do nothing."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection

from ecogov.monitoring import partitions
from ecogov.monitoring.models import Reading, Station
from ecogov.monitoring.services_ingest import readings_ingest_national

DATA = Path(__file__).resolve().parents[4] / "shared" / "data"
HOURLY = DATA / "national_hourly_sample_2022-01-04T12.csv"
TZ = ZoneInfo("Asia/Shanghai")

pytestmark = pytest.mark.django_db


@pytest.fixture
def pg():
    if connection.vendor != "postgresql":
        pytest.skip("partitions exist on PostgreSQL only (SQLite keeps one readings table)")
    partitions._known.clear()
    yield
    partitions._known.clear()


def _count(table: str) -> int:
    with connection.cursor() as cur:
        cur.execute(f'SELECT COUNT(*) FROM "{table}"')
        return cur.fetchone()[0]


def test_sqlite_keeps_one_table():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    assert not partitions.enabled()
    assert partitions.ensure_for([dt.datetime(2022, 1, 4, 12, tzinfo=TZ)]) == []
    assert partitions.create_ahead(2) == []


def test_ingest_creates_the_month_partition_and_a_month_query_reads_only_it(pg):
    assert partitions.enabled()
    out = readings_ingest_national(path=str(HOURLY))
    assert "monitoring_reading_p2022_01" in partitions.existing()
    assert _count("monitoring_reading_p2022_01") == out.created == Reading.objects.count() > 0
    assert _count(partitions.DEFAULT) == 0
    lo, hi = partitions.bounds(2022, 1)
    with connection.cursor() as cur:
        cur.execute("EXPLAIN SELECT * FROM monitoring_reading WHERE time >= %s AND time < %s", [lo, hi])
        plan = "\n".join(r[0] for r in cur.fetchall())
    scanned = set(re.findall(r" on (monitoring_reading_\w+)", plan))
    assert scanned == {"monitoring_reading_p2022_01"}, plan


def test_rows_without_their_partition_wait_in_the_default_one_and_move(pg):
    station = Station.objects.create(code="P1", name="P1")
    # hour ends of March 2021 days: 03-01 01:00 .. 04-01 00:00 (this last one still belongs to March 31)
    hours = [dt.datetime(2021, 3, 1, 1, tzinfo=TZ), dt.datetime(2021, 3, 15, 12, tzinfo=TZ),
             dt.datetime(2021, 4, 1, 0, tzinfo=TZ), dt.datetime(2021, 4, 1, 1, tzinfo=TZ)]
    Reading.objects.bulk_create([Reading(station=station, time=h, pm25=10, source="t", ingested=h) for h in hours])
    assert _count(partitions.DEFAULT) == 4
    assert partitions.ensure_months([(2021, 3)]) == ["monitoring_reading_p2021_03"]
    assert _count("monitoring_reading_p2021_03") == 3  # 03-01 01:00, 03-15 12:00 and 04-01 00:00
    assert _count(partitions.DEFAULT) == 1  # 04-01 01:00 is April's
    assert Reading.objects.count() == 4
    assert partitions.ensure_months([(2021, 3)]) == []  # made once


def test_scheduled_task_creates_ahead_and_detach(pg):
    created = partitions.create_ahead(2, today=dt.date(2030, 11, 20))
    assert created == ["monitoring_reading_p2030_11", "monitoring_reading_p2030_12", "monitoring_reading_p2031_01"]
    station = Station.objects.create(code="P2", name="P2")
    when = dt.datetime(2030, 12, 5, 8, tzinfo=TZ)
    Reading.objects.create(station=station, time=when, pm25=12, source="t", ingested=when)
    assert _count("monitoring_reading_p2030_12") == 1
    call_command("monitoring", "partitions", "--detach", "2030-12")
    assert not Reading.objects.filter(time=when).exists()
    assert _count("monitoring_reading_p2030_12") == 1  # kept as its own table
    with connection.cursor() as cur:
        cur.execute('DROP TABLE "monitoring_reading_p2030_12"')
