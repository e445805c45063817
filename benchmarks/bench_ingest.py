"""Benchmark of the national-file ingest (``make bench``; not a test).

A synthetic national per-hour file (default 2,000 stations x 24 hours, the real
format and column order of ../shared/data) is ingested into a fresh SQLite
database and a fresh PostgreSQL database (``ecogov_bench_ingest``, created and
dropped), each in its own process:

1. ecogov ingest, first run (validation, station creation, upsert);
2. ecogov re-ingest of the same file (every row compared, nothing written);
3. baseline measured in the same run: Django ``bulk_create`` of ``Reading``
   objects built from the same file with ``csv.DictReader`` (no validation, no
   idempotence) into an emptied table.

A second file with the next hours of the same stations (the steady state of
hourly operation), then a day-layout file of a later day, are ingested after
the re-ingest; the target line uses the slowest of the three first ingests. Reports station-pollutant rows per second (6 per station-hour) and the ratios.
Targets: >= 200,000 rows/s into PostgreSQL; re-ingest <= 1.5 x the first run.

Usage: ``python benchmarks/bench_ingest.py [--stations N] [--hours N] [--pg URL]``
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_DEFAULT = "postgres://postgres@127.0.0.1:5432"
HEADER = ("timepoint,stationcode,longitude,latitude,area,positionname,primarypollutant,aqi,pm10,pm10_24h,pm2_5,"
          "pm2_5_24h,o3,o3_24h,o3_8h,o3_8h_24h,no2,no2_24h,so2,so2_24h,co,co_24h").split(",")


def make_file(path: Path, stations: int, hours: int, first_hour: int = 0) -> int:
    rng = random.Random(1 + first_hour)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for h in range(first_hour, first_hour + hours):
            t = f"2022-01-{4 + h // 24:02d}T{h % 24:02d}:00:00"
            for s in range(stations):
                pm25, pm10 = rng.randint(5, 150), rng.randint(10, 250)
                w.writerow([t, f"{1001 + s}A", f"{116 + s / 1e4:.4f}", "39.9", "测试市", f"站{s}", "", rng.randint(20, 200),
                            pm10, "", pm25, "", "", rng.randint(2, 180), "", "", rng.randint(5, 90), "",
                            rng.randint(2, 40), "", f"{rng.uniform(0.2, 2.5):.1f}", ""])
    return stations * hours


DAY_TYPES = ("AQI", "PM2.5", "PM2.5_24h", "PM10", "PM10_24h", "SO2", "SO2_24h", "NO2", "NO2_24h", "O3", "O3_24h",
             "O3_8h", "O3_8h_24h", "CO", "CO_24h")


def make_dayfile(path: Path, stations: int, hours: int) -> int:
    """The same stations in the national day layout (``date,hour,type,<codes>``), for 2022-01-20."""
    rng = random.Random(7)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["date", "hour", "type", *(f"{1001 + s}A" for s in range(stations))])
        for h in range(hours):
            for t in DAY_TYPES:
                cells = ([f"{rng.uniform(0.2, 2.5):.1f}" for _ in range(stations)] if t.startswith("CO")
                         else [str(rng.randint(2, 200)) for _ in range(stations)])
                w.writerow(["20220120", h, t, *cells])
    return stations * hours


def child(path: str) -> dict:
    """Run in a subprocess with DATABASE_URL set: migrate, ingest twice, baseline."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecogov.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from ecogov.monitoring.models import IngestBatch, Reading, Station
    from ecogov.monitoring.services_ingest import readings_ingest_national

    call_command("migrate", verbosity=0)
    out = {}
    started = time.perf_counter()
    first = readings_ingest_national(path=path)
    out["first_s"] = time.perf_counter() - started
    started = time.perf_counter()
    again = readings_ingest_national(path=path)
    out["again_s"] = time.perf_counter() - started
    out["rows"] = first.created
    assert again.unchanged == first.created, "re-ingest changed rows"
    started = time.perf_counter()
    later = readings_ingest_national(path=path.replace(".csv", "-next.csv"))
    out["next_s"] = time.perf_counter() - started
    assert later.created == first.created
    started = time.perf_counter()
    day = readings_ingest_national(path=path.replace(".csv", "-day.csv"))
    out["day_s"] = time.perf_counter() - started
    assert day.created == first.created, day.summary()
    stations = dict(Station.objects.values_list("code", "id"))
    Reading.objects.all().delete()
    now = timezone.now()
    batch = IngestBatch.objects.create(source="baseline")
    started = time.perf_counter()
    objs = []
    with open(path, encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            num = {k: (float(rec[c]) if rec[c] else None)
                   for k, c in (("so2", "so2"), ("no2", "no2"), ("co", "co"), ("o3", "o3_24h"), ("pm10", "pm10"),
                                ("pm25", "pm2_5"))}
            objs.append(Reading(station_id=stations[rec["stationcode"]], source="baseline", ingested=now, batch=batch,
                                time=timezone.make_aware(timezone.datetime.fromisoformat(rec["timepoint"])),
                                published_aqi=int(rec["aqi"]) if rec["aqi"] else None, **num))
    Reading.objects.bulk_create(objs, batch_size=2000)
    out["baseline_s"] = time.perf_counter() - started
    return out


def run_backend(name: str, url: str, path: Path) -> dict:
    env = {**os.environ, "DATABASE_URL": url, "ECOGOV_VAR_DIR": tempfile.mkdtemp(prefix="bench-ingest-")}
    proc = subprocess.run([sys.executable, __file__, "--child", str(path)], env=env, capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"{name} run failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def pg_database(base: str, create: bool) -> str:
    import psycopg

    with psycopg.connect(base.replace("postgres://", "postgresql://") + "/postgres", autocommit=True) as c:
        c.execute("DROP DATABASE IF EXISTS ecogov_bench_ingest")
        if create:
            c.execute("CREATE DATABASE ecogov_bench_ingest")
    return f"{base}/ecogov_bench_ingest"


def report(name: str, r: dict) -> None:
    rows = r["rows"] * 6
    first, again, base = rows / r["first_s"], rows / r["again_s"], rows / r["baseline_s"]
    print(f"{name:10s} station-hours {r['rows']:,}  station-pollutant rows {rows:,}")
    print(f"  ecogov ingest      {r['first_s']:7.2f} s  {first:12,.0f} rows/s")
    nxt = rows / r["next_s"]
    print(f"  ecogov next file   {r['next_s']:7.2f} s  {nxt:12,.0f} rows/s  (new hours, stations already known)")
    print(f"  ecogov day file    {r['day_s']:7.2f} s  {rows / r['day_s']:12,.0f} rows/s  (day layout, new hours)")
    print(f"  ecogov re-ingest   {r['again_s']:7.2f} s  {again:12,.0f} rows/s  (re-ingest / first = "
          f"{r['again_s'] / r['first_s']:.2f}x, target <= 1.5x)")
    print(f"  bulk_create (Django baseline) {r['baseline_s']:7.2f} s  {base:12,.0f} rows/s")
    print(f"  ratio ecogov / bulk_create: {first / base:.2f}x")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stations", type=int, default=2000)
    ap.add_argument("--hours", type=int, default=24)
    ap.add_argument("--pg", default=os.environ.get("ECOGOV_BENCH_PG", PG_DEFAULT))
    ap.add_argument("--child")
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "national_hourly_bench.csv"
        n = make_file(path, args.stations, args.hours)
        make_file(Path(tmp) / "national_hourly_bench-next.csv", args.stations, args.hours, first_hour=args.hours)
        make_dayfile(Path(tmp) / "national_hourly_bench-day.csv", args.stations, args.hours)
        print(f"file: {n:,} station-hours ({args.stations} stations x {args.hours} hours), national per-hour layout")
        results = {"sqlite": run_backend("sqlite", f"sqlite:///{tmp}/bench.sqlite3", path)}
        report("SQLite", results["sqlite"])
        try:
            url = pg_database(args.pg, create=True)
        except Exception as exc:  # noqa: BLE001 - report and carry on with SQLite only
            print(f"PostgreSQL unavailable ({exc}); skipped")
            return 1
        try:
            results["pg"] = run_backend("postgresql", url, path)
        finally:
            pg_database(args.pg, create=False)
        report("PostgreSQL", results["pg"])
        pg_rate = results["pg"]["rows"] * 6 / max(results["pg"]["first_s"], results["pg"]["next_s"], results["pg"]["day_s"])
        print(f"target >= 200,000 rows/s into PostgreSQL: {'met' if pg_rate >= 200_000 else 'NOT met'} ({pg_rate:,.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
