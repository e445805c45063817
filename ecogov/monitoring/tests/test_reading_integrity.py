"""Reading -> station integrity: set-based triggers on PostgreSQL, the native deferred foreign key on
SQLite, and a cascade trigger on both (migration 0003).

The checks run on the migrated test database of each backend, so they also catch a later migration
that rebuilds a table (SQLite drops its triggers, and this field's foreign key, then)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, connection, transaction

from ecogov.monitoring.bulk import copy_new_rows, insert_rows
from ecogov.monitoring.models import Reading, Station

TZ = ZoneInfo("Asia/Shanghai")
HOUR = dt.datetime(2026, 1, 5, 10, tzinfo=TZ)


def _station(code="9001A") -> Station:
    return Station.objects.create(code=code, name=code)


def _reading(station_id: int, hour: int = 10) -> Reading:
    return Reading(station_id=station_id, time=HOUR.replace(hour=hour), pm25=30, source="test", ingested=HOUR)


def _committed() -> None:
    """What a commit checks: SQLite's foreign key is deferred to it (PostgreSQL's triggers have already run)."""
    connection.check_constraints(table_names=[Reading._meta.db_table])


@pytest.mark.django_db
def test_a_reading_of_an_unknown_station_is_refused():
    missing = _station().pk + 1000
    with pytest.raises(IntegrityError), transaction.atomic():
        _reading(missing).save()
        _committed()
    with pytest.raises(IntegrityError), transaction.atomic():
        Reading.objects.bulk_create([_reading(missing)])
        _committed()
    assert not Reading.objects.exists()


@pytest.mark.django_db
def test_the_bulk_insert_paths_check_the_station_once_per_statement():
    s = _station()
    row = (s.pk, HOUR, None, None, None, None, None, 30.0, "{}", None, "", "test", HOUR, None)
    assert insert_rows([row, (*row[:1], HOUR.replace(hour=11), *row[2:])]) == 2
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows([(s.pk + 1000, HOUR.replace(hour=12), *row[2:])])
        _committed()
    assert Reading.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_the_copy_fast_path_refuses_an_unknown_station():
    """The direct COPY of new hours must not fall back to the upsert and swallow the error."""
    from ecogov.monitoring.bulk import insert_or_upsert

    s = _station()
    line = f"{s.pk + 1000}\t{HOUR.isoformat()}\t\\N\t\\N\t\\N\t\\N\t\\N\t30\t{{}}\t\\N\t\ttest\t{HOUR.isoformat()}\t\\N\n"
    with pytest.raises(Exception, match="does not exist|foreign key"), transaction.atomic():
        insert_or_upsert(line, 1, probe=[(s.pk + 1000, HOUR)])
    assert not Reading.objects.exists()


@pytest.mark.django_db
def test_moving_a_reading_to_an_unknown_station_is_refused():
    s = _station()
    r = _reading(s.pk)
    r.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        Reading.objects.filter(pk=r.pk).update(station_id=s.pk + 1000)
        _committed()
    other = _station("9002A")
    Reading.objects.filter(pk=r.pk).update(station_id=other.pk)
    assert Reading.objects.get().station_id == other.pk


@pytest.mark.django_db
def test_deleting_a_station_deletes_its_readings_even_in_raw_sql():
    a, b = _station("9001A"), _station("9002A")
    Reading.objects.bulk_create([_reading(a.pk, 10), _reading(a.pk, 11), _reading(b.pk, 10)])
    a.delete()  # Django's collector
    assert list(Reading.objects.values_list("station_id", flat=True)) == [b.pk]
    with connection.cursor() as cur:  # bypassing the ORM: the database cascades
        cur.execute("DELETE FROM monitoring_station WHERE id = %s", [b.pk])
    assert not Reading.objects.exists()
    _committed()


def test_copy_new_rows_takes_the_model_defaults(db):
    rows = [{"code": "9101A", "name": "甲", "lon": 116.1}, {"code": "9102A", "name": "乙", "lat": None}]
    if connection.vendor != "postgresql":
        assert copy_new_rows(Station, rows) is False  # the caller falls back to bulk_create
        return
    assert copy_new_rows(Station, rows) is True
    a = Station.objects.get(code="9101A")
    assert (a.name, a.lon, a.kind, a.active, a.is_evaluation, a.api_key_hash) == ("甲", 116.1, "national", True, False, "")
    assert a.created is not None
    assert copy_new_rows(Station, [{"code": "9103A", "name": "丙"}, {"code": "9101A", "name": "again"}]) is False
    assert not Station.objects.filter(code="9103A").exists()  # all or nothing


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_an_ingest_locks_its_stations_against_a_concurrent_delete():
    """As a foreign key would: while a transaction that inserted readings of a station is open, another
    connection cannot delete that station (it waits; here it times out), so no reading is ever orphaned."""
    import psycopg

    s = _station()
    cfg = connection.settings_dict
    conninfo = psycopg.conninfo.make_conninfo(dbname=cfg["NAME"], user=cfg["USER"], host=cfg["HOST"] or None,
                                              port=cfg["PORT"] or None)
    with transaction.atomic():
        Reading.objects.bulk_create([_reading(s.pk)])
        with psycopg.connect(conninfo, autocommit=True) as other:
            other.execute("SET lock_timeout = '300ms'")
            with pytest.raises(psycopg.errors.LockNotAvailable):
                other.execute("DELETE FROM monitoring_station WHERE id = %s", [s.pk])
    assert Reading.objects.filter(station=s).count() == 1
