"""Benchmark of the archive backfill (``make bench``; not a test).

Synthetic day files ``china_sites_YYYYMMDD.csv`` of the national publication (the real layout: one row per
hour and type, the 15 types of the archive, one column per station; default 2,000 stations) are written for
``--days`` consecutive days of 2023, then ``ecogov monitoring backfill`` (in-process) loads them into a fresh
PostgreSQL database (``ecogov_bench_backfill``, created and dropped), derived values (station daily values
and daily AQI) included. The child process reports the load time, the derived-values time and its peak
resident memory; the figures are extrapolated linearly to a whole year (the issue's target: 2,000 stations,
17.5 M station-hours in under 10 minutes, peak under 2 GB) and to the 2014-2026 national archive.

Usage: ``python benchmarks/bench_backfill.py [--stations N] [--days N] [--pg URL] [--processes N]``
(``--days 365`` for the full year; the default measures 14 days and extrapolates; ``--processes 0`` loads
and recomputes without the process pools, as before they existed).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_DEFAULT = "postgres://postgres@127.0.0.1:5432"
DAY_TYPES = ("AQI", "PM2.5", "PM2.5_24h", "PM10", "PM10_24h", "SO2", "SO2_24h", "NO2", "NO2_24h", "O3", "O3_24h",
             "O3_8h", "O3_8h_24h", "CO", "CO_24h")
#: The 2014-2026 archive: years and the mean number of national stations publishing (about 1,500 in 2014,
#: 1,600-2,000 later).
ARCHIVE_YEARS = 13
ARCHIVE_STATIONS = 1800


def make_dayfiles(folder: Path, stations: int, days: int) -> int:
    """``days`` day files from 2023-01-01; returns the station-hours written."""
    rng = random.Random(2023)
    codes = [f"{1001 + s}A" for s in range(stations)]
    for d in range(days):
        date = (dt.date(2023, 1, 1) + dt.timedelta(days=d)).strftime("%Y%m%d")
        with open(folder / f"china_sites_{date}.csv", "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["date", "hour", "type", *codes])
            for h in range(24):
                for t in DAY_TYPES:
                    if t.startswith("CO"):
                        cells = [f"{rng.uniform(0.2, 2.5):.1f}" for _ in codes]
                    else:
                        cells = [str(rng.randint(2, 200)) for _ in codes]
                    w.writerow([date, h, t, *cells])
    return stations * days * 24


def child(folder: str, processes: int | None) -> dict:
    """In a subprocess with DATABASE_URL set: migrate, backfill, derived values; times and peak memory."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecogov.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from ecogov.monitoring import derived
    from ecogov.monitoring.models import Reading, StationDaily
    from ecogov.monitoring.services_backfill import backfill_run

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    result = backfill_run([folder], use_workers=False, recompute=False, summary_path=os.path.join(folder, "s.json"),
                          processes=processes)
    load = time.perf_counter() - started
    started = time.perf_counter()
    days = derived.recompute_pending(processes=processes)
    derive = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    pool = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"load_s": load, "derived_s": derive, "cpu_s": usage.ru_utime + usage.ru_stime,
            "pool_cpu_s": pool.ru_utime + pool.ru_stime, "pool_peak_mb": pool.ru_maxrss / 1024, "rows": result.rows, "readings": Reading.objects.count(),
            "station_days": days, "daily_rows": StationDaily.objects.count(), "files": result.ran,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def pg_database(base: str, create: bool) -> str:
    import psycopg

    with psycopg.connect(base.replace("postgres://", "postgresql://") + "/postgres", autocommit=True) as c:
        c.execute("DROP DATABASE IF EXISTS ecogov_bench_backfill")
        if create:
            c.execute("CREATE DATABASE ecogov_bench_backfill")
    return f"{base}/ecogov_bench_backfill"


def report(r: dict, stations: int, days: int) -> None:
    total = r["load_s"] + r["derived_s"]
    hours = r["readings"]
    rate = hours / total
    print(f"files {r['files']}, station-hours {hours:,} ({hours * 6:,} station-pollutant values), "
          f"station-days {r['daily_rows']:,}")
    print(f"  load            {r['load_s']:8.1f} s  {hours / r['load_s']:10,.0f} station-hours/s  "
          f"{hours * 6 / r['load_s']:12,.0f} values/s")
    print(f"  derived values  {r['derived_s']:8.1f} s  {r['station_days'] / r['derived_s']:10,.0f} station-days/s")
    print(f"  total           {total:8.1f} s  {rate:10,.0f} station-hours/s end to end")
    print(f"  peak memory (backfill process) {r['peak_mb']:,.0f} MB; CPU of the backfill process {r['cpu_s']:.0f} s, "
          f"of its pool processes {r.get('pool_cpu_s', 0):.0f} s (peak memory of the largest "
          f"{r.get('pool_peak_mb', 0):,.0f} MB; at most {os.cpu_count()} at once) "
          f"(the rest of the wall time is PostgreSQL and waiting); load average during the run "
          f"{r['load']:.1f} on {os.cpu_count()} cores (other work on the machine slows every figure)")
    year = stations * 8760
    year_s = year / rate
    print(f"extrapolated to a year of {stations:,} stations ({year:,} station-hours, linear in station-hours): "
          f"{year_s / 60:.1f} min (target < 10 min: {'met' if year_s < 600 else 'NOT met'}); "
          f"peak memory is per file and per recomputation step, not per year "
          f"(target < 2 GB for the process and its pool: "
          f"{'met' if r['peak_mb'] + (os.cpu_count() or 1) * r.get('pool_peak_mb', 0) < 2048 else 'NOT met'})")
    if days < 365:
        print(f"  (measured on {days} days; run with --days 365 for the full year)")
    archive = ARCHIVE_YEARS * 8760 * ARCHIVE_STATIONS
    print(f"extrapolated to the 2014-2026 national archive ({ARCHIVE_YEARS} years x ~{ARCHIVE_STATIONS:,} stations = "
          f"{archive / 1e6:,.0f} M station-hours): {archive / rate / 3600:.1f} h on this machine")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stations", type=int, default=2000)
    ap.add_argument("--days", type=int, default=14)
    ap.add_argument("--pg", default=os.environ.get("ECOGOV_BENCH_PG", PG_DEFAULT))
    ap.add_argument("--processes", type=int, default=None,
                    help="pool processes of the backfill and the derived values (default: the cores; 0: none)")
    ap.add_argument("--child")
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.processes)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "archive"
        folder.mkdir()
        started = time.perf_counter()
        n = make_dayfiles(folder, args.stations, args.days)
        print(f"{args.days} day files, {args.stations} stations: {n:,} station-hours written in "
              f"{time.perf_counter() - started:.0f} s")
        try:
            url = pg_database(args.pg, create=True)
        except Exception as exc:  # noqa: BLE001 - report why nothing was measured
            print(f"PostgreSQL unavailable ({exc}); skipped")
            return 1
        try:
            env = {**os.environ, "DATABASE_URL": url, "ECOGOV_VAR_DIR": tempfile.mkdtemp(prefix="bench-backfill-")}
            env.pop("REDIS_URL", None)
            env.pop("CELERY_BROKER_URL", None)
            extra = [] if args.processes is None else ["--processes", str(args.processes)]
            proc = subprocess.run([sys.executable, __file__, "--child", str(folder), *extra], env=env,
                                  capture_output=True, text=True)
            if proc.returncode:
                raise SystemExit(f"backfill failed:\n{proc.stderr[-3000:]}")
            result = json.loads(proc.stdout.strip().splitlines()[-1])
        finally:
            pg_database(args.pg, create=False)
        result["load"] = os.getloadavg()[0]
        assert result["readings"] == n, result
        report(result, args.stations, args.days)
    return 0


if __name__ == "__main__":
    sys.exit(main())
