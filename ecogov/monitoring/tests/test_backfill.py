"""Backfill of the national archive: folders, .zip and .tar.gz of both layouts, duplicates and overlaps, any
order; resumable after SIGKILL of a real process (the database equal to a clean run's); refused rows in the
summary file with their line numbers; files run on a real Celery worker through Redis."""

from __future__ import annotations

import csv
import datetime as dt
import json
import socket
import tarfile
import zipfile
from pathlib import Path

import pytest

from ecogov.monitoring.models import BackfillFile, DerivedPending, Reading, Station, StationDaily
from ecogov.monitoring.services_backfill import backfill_run
from ecogov.testing.subprocess_db import SubprocessDB

from .crash_rows import MONITORING_ROWS
from .test_ingest_national import BAD

DATA = Path(__file__).resolve().parents[4] / "shared" / "data"
DAYFILE = DATA / "national_dayfile_2019-01-01.csv"
HOURLY = DATA / "national_hourly_sample_2022-01-04T12.csv"
STATIONS = DATA / "national_station_list_2020.csv"
TYPES = ("AQI", "PM2.5", "PM10", "SO2", "NO2", "O3", "CO")


def _dayfile(dst: Path, *, stations: int, hours: range, date: str = "20190101") -> Path:
    """The real 2019-01-01 day file cut to its first stations and to ``hours``, dated ``date``."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    with open(DAYFILE, encoding="utf-8") as src, open(dst, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        for i, rec in enumerate(csv.reader(src)):
            if i == 0 or int(rec[1]) in hours:
                writer.writerow(([date] + rec[1:3] if i else rec[:3]) + rec[3 : 3 + stations])
    return dst


def _published(path: Path) -> set[tuple[str, str, str]]:
    """(date, hour, station) of every station-hour with a 1-hour value or an AQI in a day file."""
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    codes = rows[0][3:]
    return {(r[0], r[1], codes[i]) for r in rows[1:] if r[2] in TYPES for i, c in enumerate(r[3:]) if c.strip()}


@pytest.fixture
def archive(tmp_path):
    """Folder + zip + tar.gz: a day cut in two overlapping halves (hours 0-15 and 10-23), a second day, the
    per-hour sample, a per-hour file with refused rows, the station list, and the first half again (a
    duplicate inside the tar.gz)."""
    src = tmp_path / "src"
    first = _dayfile(src / "folder" / "china_sites_20190101.csv", stations=40, hours=range(0, 16))
    second = _dayfile(src / "half" / "china_sites_20190101.csv", stations=40, hours=range(10, 24))
    other = _dayfile(src / "day2" / "china_sites_20190102.csv", stations=40, hours=range(0, 24), date="20190102")
    (src / "folder" / "README.txt").write_text("not data", encoding="utf-8")
    with zipfile.ZipFile(src / "days.zip", "w") as zf:
        zf.write(second, "2019/china_sites_20190101.csv")
        zf.write(other, "2019/china_sites_20190102.csv")
    bad = src / "bad" / "2022010412_bad.csv"
    bad.parent.mkdir()
    bad.write_text(BAD, encoding="utf-8")
    with tarfile.open(src / "more.tar.gz", "w:gz") as tf:
        tf.add(first, "copy/china_sites_20190101.csv")
        tf.add(HOURLY, "hourly/national_hourly_sample_2022-01-04T12.csv")
        tf.add(bad, "hourly/2022010412_bad.csv")
        tf.add(STATIONS, "national_station_list_2020.csv")
    expected = _published(first) | _published(second) | _published(other)
    paths = [str(src / "folder"), str(src / "days.zip"), str(src / "more.tar.gz")]
    return {"paths": paths, "day_station_hours": len(expected), "tmp": tmp_path}


def _snapshot():
    return {
        "readings": sorted(Reading.objects.values_list("station__code", "time", "so2", "no2", "co", "o3", "pm10",
                                                       "pm25", "published_aqi", "published_primary", "invalid")),
        "daily": sorted(StationDaily.objects.values_list("station__code", "date", "so2", "no2", "co", "pm10", "pm25",
                                                         "o3_8h", "o3_1h_max", "aqi", "primary", "hours")),
        "stations": sorted(Station.objects.values_list("code", "name", "area", "lon", "lat")),
    }


def _clear():
    for model in (DerivedPending, StationDaily, Reading, BackfillFile, Station):
        model.objects.all().delete()


@pytest.mark.django_db
def test_backfill_any_order_duplicates_overlaps_and_summary(archive, tmp_path):
    summary = tmp_path / "summary.json"
    result = backfill_run(archive["paths"], use_workers=False, summary_path=str(summary))
    # 5 files planned (2 halves, day 2, the per-hour sample, the bad file); the tar.gz copy is a duplicate
    assert len(result.plan.files) == 5 and len(result.plan.duplicates) == 1
    assert result.plan.duplicates[0][0].member == "copy/china_sites_20190101.csv"
    # the per-hour sample: one station-hour per line; the bad file: 9 lines of which 4 kept
    with open(HOURLY, encoding="utf-8-sig") as fh:
        hourly = sum(1 for _ in csv.DictReader(fh))
    assert Reading.objects.count() == archive["day_station_hours"] + hourly + 4
    assert not DerivedPending.objects.exists()
    # days: hour 0 of 2019-01-01 ends 2018-12-31; hour 0 of 2019-01-02 ends 2019-01-01; the per-hour files
    dates = set(StationDaily.objects.values_list("date", flat=True).distinct())
    assert dates == {dt.date(2018, 12, 31), dt.date(2019, 1, 1), dt.date(2019, 1, 2), dt.date(2022, 1, 4)}
    clean = _snapshot()

    doc = json.loads(summary.read_text(encoding="utf-8"))
    bad = next(f for f in doc["files"] if f["file"].endswith("2022010412_bad.csv"))
    refused = {(p["row"], p["field"]) for p in bad["problems"]}
    assert bad["rejected"] == 5 and {(3, "time"), (4, "time"), (5, "time"), (9, "station"), (10, "aqi")} <= refused
    assert doc["duplicates"][0]["file"].endswith("more.tar.gz!copy/china_sites_20190101.csv")
    assert doc["totals"]["run"] == 5

    again = backfill_run(archive["paths"], use_workers=False)  # everything done: skipped by content hash
    assert (again.ran, again.skipped, again.station_days) == (0, 5, 0)
    assert _snapshot() == clean

    _clear()
    backfill_run(list(reversed(archive["paths"])), use_workers=False)
    assert _snapshot() == clean


@pytest.mark.django_db
def test_backfill_read_ahead_on_two_processes_equals_the_serial_run(archive):
    """The pool processes only read; the writes stay in plan order, so rows, counts and refused rows are the
    serial run's, and a second run skips every file."""
    serial = backfill_run(archive["paths"], use_workers=False, processes=0)
    clean = _snapshot()
    _clear()
    pooled = backfill_run(archive["paths"], use_workers=False, processes=2)
    assert _snapshot() == clean
    assert (pooled.ran, pooled.rows, pooled.rejected, pooled.stations_created) == (
        serial.ran, serial.rows, serial.rejected, serial.stations_created) == (5, serial.rows, 5, serial.stations_created)
    assert [(f["file"], f["rows"], f["rejected"]) for f in pooled.files] == [
        (f["file"], f["rows"], f["rejected"]) for f in serial.files]
    assert backfill_run(archive["paths"], use_workers=False, processes=2).skipped == 5


@pytest.mark.django_db(transaction=True)
def test_derived_values_on_a_process_pool_equal_the_serial_ones(archive, monkeypatch):
    """On PostgreSQL the steps (groups of stations) run on spawned processes connected to the database in use
    (here the test database); the days written are the serial run's (SQLite: always serial)."""
    from ecogov.monitoring import derived

    monkeypatch.setattr(derived, "STATIONS_PER_STEP", 10)  # the 40-odd stations in several steps
    backfill_run(archive["paths"], use_workers=False, processes=0, recompute=False)
    assert derived.recompute_pending(processes=0) > 0
    serial = _snapshot()
    StationDaily.objects.all().delete()
    derived.mark((sid, day) for sid, day in
                 {(r[0], derived.hour_day(r[1], derived_tz())) for r in Reading.objects.values_list("station_id", "time")})
    steps = DerivedPending.objects.values("station_id").distinct().count() // 10
    assert steps >= 3
    assert derived.recompute_pending(processes=2) >= len(serial["daily"])  # days with an hour, some without a value
    assert _snapshot() == serial and not DerivedPending.objects.exists()


def derived_tz():
    from ecogov.monitoring.ingest.rows import local_tz

    return local_tz()


INGEST_ARGS = ("--in-process", "--no-progress")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("failpoint", ["backfill.file:2", "derived.step:1"])
def test_backfill_killed_then_rerun_equals_clean_run(archive, tmp_path, failpoint):
    scratch = SubprocessDB(tmp_path)
    args = ("monitoring", "backfill", *archive["paths"], "--summary", str(tmp_path / "s.json"), *INGEST_ARGS)
    clean_run = scratch.run(*args)
    assert clean_run.returncode == 0, clean_run.stderr
    clean = scratch.snapshot(MONITORING_ROWS)
    scratch.reset()

    scratch.run_until_failpoint(failpoint, *args)
    done_before = scratch.query("SELECT COUNT(*) FROM monitoring_backfillfile WHERE status = 'done'")[0][0]
    assert scratch.count("monitoring_derivedpending") > 0
    rerun = scratch.run(*args)
    assert rerun.returncode == 0, rerun.stderr
    assert f"already done {done_before}" in rerun.stdout and done_before >= 2
    assert scratch.count("monitoring_derivedpending") == 0
    assert scratch.snapshot(MONITORING_ROWS) == clean
    scratch.reset()


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_backfill_on_a_celery_worker_through_redis(archive):
    """The same backfill with each file a task on a real worker (Redis broker, db 13)."""
    from celery.contrib.testing.worker import start_worker

    from ecogov.celery import app

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        pytest.fail("Redis is not answering on 127.0.0.1:6379")
    backfill_run(archive["paths"], use_workers=False)
    in_process = _snapshot()
    _clear()
    saved = {k: app.conf[k] for k in ("broker_url", "result_backend", "task_always_eager")}
    app.conf.update(broker_url="redis://127.0.0.1:6379/13", result_backend=None, task_always_eager=False,
                    worker_hijack_root_logger=False)
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
            result = backfill_run(archive["paths"], use_workers=True, timeout=120)
    finally:
        app.conf.update(saved)
    assert result.ran == 5 and result.failed == 0
    assert _snapshot() == in_process


def test_sources_plan_is_independent_of_the_order_given(archive):
    from ecogov.monitoring.ingest.sources import plan

    a, b = plan(archive["paths"]), plan(list(reversed(archive["paths"])))
    assert [e.sha256 for e in a.files] == [e.sha256 for e in b.files]
    assert a.station_list is not None and a.station_list.member == "national_station_list_2020.csv"
