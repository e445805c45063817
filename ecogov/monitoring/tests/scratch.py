"""A database a real ``ecogov`` subprocess can use, for crash and command tests.

On SQLite the tests' database lives in memory, out of reach of another process: a migrated file is made
once per session and copied for each use. On PostgreSQL the subprocess uses the test database itself
(tests marked ``django_db(transaction=True)``), emptied of monitoring rows between runs. Rows are read
back with plain SQL (``query``), keyed by station code, so two runs compare whatever ids they got.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection

ECOGOV = str(Path(sys.executable).with_name("ecogov"))

READINGS_SQL = (
    "SELECT s.code, CAST(r.time AS TEXT), r.so2, r.no2, r.co, r.o3, r.pm10, r.pm25, r.published_aqi, "
    "r.published_primary, CAST(r.invalid AS TEXT) FROM monitoring_reading r "
    "JOIN monitoring_station s ON s.id = r.station_id ORDER BY 1, 2"
)
DAILY_SQL = (
    "SELECT s.code, CAST(d.date AS TEXT), d.so2, d.no2, d.co, d.pm10, d.pm25, d.o3_8h, d.o3_1h_max, d.aqi, "
    "d.\"primary\", d.version, d.hours FROM monitoring_stationdaily d "
    "JOIN monitoring_station s ON s.id = d.station_id ORDER BY 1, 2"
)
STATIONS_SQL = "SELECT code, name, area, lon, lat, kind FROM monitoring_station ORDER BY code"
#: Emptied between two runs on PostgreSQL (children first).
TABLES = ("monitoring_derivedpending", "monitoring_stationdaily", "monitoring_windreading", "monitoring_reading",
          "monitoring_backfillfile", "monitoring_fetchpoll", "monitoring_ingestbatch", "monitoring_station")

_template: dict[str, Path] = {}


class Scratch:
    """One database for subprocesses: ``env`` to run them with, ``query`` to read it, ``reset`` to empty."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.vendor = connection.vendor
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("ECOGOV_FAILPOINT")}
        self.env.pop("REDIS_URL", None)
        self.env.pop("CELERY_BROKER_URL", None)
        if self.vendor == "sqlite":
            self.path = tmp / "scratch.sqlite3"
            shutil.copy(_sqlite_template(tmp), self.path)
            self.env["DATABASE_URL"] = f"sqlite:///{self.path}"
        else:
            s = connection.settings_dict
            self.env["DATABASE_URL"] = (f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST'] or '127.0.0.1'}:"
                                        f"{s['PORT'] or 5432}/{s['NAME']}")

    def query(self, sql: str) -> list[tuple]:
        if self.vendor == "sqlite":
            with sqlite3.connect(self.path) as db:
                return db.execute(sql).fetchall()
        with connection.cursor() as cur:
            cur.execute(sql)
            return [tuple(r) for r in cur.fetchall()]

    def snapshot(self) -> dict[str, list[tuple]]:
        return {"readings": self.query(READINGS_SQL), "daily": self.query(DAILY_SQL),
                "stations": self.query(STATIONS_SQL)}

    def count(self, table: str) -> int:
        return self.query(f"SELECT COUNT(*) FROM {table}")[0][0]

    def reset(self) -> None:
        """An empty monitoring database again (a fresh copy on SQLite)."""
        if self.vendor == "sqlite":
            shutil.copy(_sqlite_template(self.tmp), self.path)
            return
        with connection.cursor() as cur:
            cur.execute(f"TRUNCATE {', '.join(TABLES)} CASCADE")

    def run(self, *args: str, extra_env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run(command(args), env={**self.env, **(extra_env or {})}, capture_output=True,
                              text=True, timeout=timeout, check=False)

    def run_until_failpoint(self, failpoint: str, *args: str, timeout: float = 300) -> str:
        """Start ``ecogov ARGS`` with the failpoint set, wait until it is reached, SIGKILL the process; returns
        what the process wrote on stderr."""
        proc = subprocess.Popen(command(args), env={**self.env, "ECOGOV_FAILPOINT": failpoint},
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + timeout
        seen = []
        try:
            assert proc.stderr is not None
            for line in proc.stderr:
                seen.append(line)
                if line.startswith("failpoint ") and line.strip().endswith("reached"):
                    break
                if time.monotonic() > deadline:
                    break
            else:
                raise AssertionError(f"process ended before failpoint {failpoint}: {''.join(seen)[-2000:]}")
            assert time.monotonic() <= deadline, f"failpoint {failpoint} not reached in {timeout} s"
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        return "".join(seen)


def command(args) -> list[str]:
    """``ecogov ARGS`` without Django's system checks (they import every app's URLs: another app's broken
    module must not hide what these tests measure)."""
    return [ECOGOV, args[0], "--skip-checks", *args[1:]]


def _sqlite_template(tmp: Path) -> Path:
    """A migrated SQLite file, made once per test session."""
    if "path" not in _template:
        path = tmp.parent / "ecogov-scratch-template.sqlite3"
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env["DATABASE_URL"] = f"sqlite:///{path}"
        subprocess.run(command(("migrate", "--noinput", "-v", "0")), env=env, check=True, timeout=300)
        with sqlite3.connect(path) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        _template["path"] = path
    return _template["path"]
