"""A real ``ecogov ingest national`` process killed with SIGKILL at several points, among them while it
recomputes the daily values, then run again: readings and daily values equal a clean run's.

The kill points are failpoints (``derived.failpoint``): the process reaches the named point, says so on
stderr and waits; the test then sends SIGKILL, so the crash is a real one at a known place.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from ecogov.testing.subprocess_db import SubprocessDB

from .crash_rows import MONITORING_ROWS

DATA = Path(__file__).resolve().parents[4] / "shared" / "data"
DAYFILE = DATA / "national_dayfile_2019-01-01.csv"
STATIONS = DATA / "national_station_list_2020.csv"
INGEST = ("ingest", "national", str(DAYFILE), "--station-list", str(STATIONS), "--no-progress")

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def clean(tmp_path_factory, django_db_setup, django_db_blocker):
    """The snapshot of one clean run (computed once; the database is emptied again afterwards)."""
    with django_db_blocker.unblock():
        scratch = SubprocessDB(tmp_path_factory.mktemp("clean"))
        done = scratch.run(*INGEST)
        assert done.returncode == 0, done.stderr
        snap = scratch.snapshot(MONITORING_ROWS)
        scratch.reset()
    return snap


@pytest.mark.parametrize("failpoint", [
    "derived.step:1",   # readings committed, first group of stations' daily values written
    "derived.step:9",   # in the middle of the daily values
    "ingest.batch:1",   # first batch of readings committed, none of the daily values
])
def test_killed_ingest_rerun_equals_clean_run(tmp_path, clean, failpoint):
    scratch = SubprocessDB(tmp_path)
    scratch.run_until_failpoint(failpoint, *INGEST)
    pending = scratch.count("monitoring_derivedpending")
    partial_daily = scratch.count("monitoring_stationdaily")
    assert pending > 0  # the durable record of what is still to compute survived the kill
    assert partial_daily < len(clean["daily"])

    again = scratch.run(*INGEST)
    assert again.returncode == 0, again.stderr
    recomputed = int(re.search(r"station-days recomputed: (\d+)", again.stdout).group(1))
    assert recomputed >= len(clean["daily"]) - partial_daily > 0
    assert scratch.count("monitoring_derivedpending") == 0
    assert scratch.snapshot(MONITORING_ROWS) == clean
    scratch.reset()


def test_clean_run_has_every_station_hour_of_the_file(clean):
    """The clean run's readings, counted from the file itself: a station-hour is stored when any of its
    1-hour values or its AQI is published (the 24-hour and 8-hour rows are the centre's derivations)."""
    with open(DAYFILE, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    codes = rows[0][3:]
    published = {(r[0], r[1], codes[i]) for r in rows[1:] if r[2] in ("AQI", "PM2.5", "PM10", "SO2", "NO2", "O3", "CO")
                 for i, cell in enumerate(r[3:]) if cell.strip()}
    assert len(clean["readings"]) == len(published)
    days = {day for _, day, *_ in clean["daily"]}
    assert days == {"2018-12-31", "2019-01-01"}  # hour 0 of the day file ends 2018-12-31
