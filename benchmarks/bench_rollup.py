"""Benchmark of a full year of processing for 2,000 stations (``make bench``; not a test).

About 17.5 million station-hours (2,000 stations x 8,760 hours, six pollutants,
2 % gaps) are generated in memory (not timed), then processed in station chunks
by the same code the platform runs (``ecogov.monitoring.processing`` and
``rollups`` on top of ``ecogov.standards``):

1. daily values: daily means (>= 20 hours, half-even rounding), O3 daily max 8-h;
2. daily AQI (HJ 633, version by date);
3. annual HJ 663 statistics of all stations of a chunk at once
   (``annual_statistics_array``: means, percentiles, validity; equal to the exact scalar);
4. composite index and ranking with ties.

Baseline measured in the same run: the scalar exact path of the standards core
(``daily_mean`` + ``o3_daily_max_8h`` + ``aqi_daily`` per station-day) on a
sample of stations, extrapolated to the full set. Targets: <= 60 s on 2 cores,
<= 4 GB peak memory (max RSS).

Usage: ``python benchmarks/bench_rollup.py [--stations N] [--chunk N] [--sample N]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecogov.settings")

import django  # noqa: E402

django.setup()

from ecogov.monitoring.models import POLLUTANTS  # noqa: E402
from ecogov.monitoring.processing import daily_aqi, daily_from_cube  # noqa: E402
from ecogov.standards import (  # noqa: E402
    annual_statistics_array,
    aqi_daily,
    composite_index,
    daily_mean,
    o3_daily_max_8h,
    rank_with_ties,
)

YEAR = 2025
STAT_FIELDS = (("so2", "so2"), ("no2", "no2"), ("co", "co"), ("pm10", "pm10"), ("pm25", "pm25"), ("o3", "o3_8h"))
SCALE = {"so2": 8, "no2": 30, "co": 0.8, "o3": 90, "pm10": 55, "pm25": 32}


def cube(n: int, gen: np.random.Generator) -> dict[str, np.ndarray]:
    """Hourly values (n, 365, 24) per pollutant, seasonal, 2 % missing."""
    days = np.arange(365)
    season = 1 + 0.35 * np.cos(2 * np.pi * (days - 15) / 365)[None, :, None]
    out = {}
    for p in POLLUTANTS:
        v = SCALE[p] * season * np.exp(gen.normal(0, 0.35, (n, 365, 24)))
        v = np.round(v, 1) if p == "co" else np.round(v)
        v[gen.random(v.shape) < 0.02] = np.nan
        out[p] = v
    return out


def process(c: dict[str, np.ndarray], dates: list[dt.date]) -> dict:
    daily = daily_from_cube(c, dates[0])
    aqi, _, _ = daily_aqi(daily, dates)
    ann = annual_statistics_array({k: daily[f] for k, f in STAT_FIELDS}, dates=dates, date=dates[-1])
    stats = {}
    for i in range(daily["pm25"].shape[0]):
        vals = {k: float(it.mean[i] if k in ("so2", "no2", "pm10", "pm25") else it.percentile[i])
                for k, it in ann.items.items()}
        stats[i] = None if any(np.isnan(v) for v in vals.values()) else composite_index(vals).total
    return {"aqi_days": int((aqi >= 0).sum()), "index": stats}


def scalar_baseline(c: dict[str, np.ndarray], dates: list[dt.date], stations: int) -> float:
    started = time.perf_counter()
    for i in range(stations):
        for j, day in enumerate(dates):
            vals = {f"{p}_24h": daily_mean([None if np.isnan(v) else float(v) for v in c[p][i, j]], pollutant=p)
                    for p in ("so2", "no2", "co", "pm10", "pm25")}
            o3 = o3_daily_max_8h([None if np.isnan(v) else float(v) for v in c["o3"][i, j]], date=day)
            vals["o3_8h"] = o3.value if o3.valid else None
            aqi_daily(vals, date=day)
    return time.perf_counter() - started


def work(task: tuple[int, int, int]) -> tuple[float, float, int, dict]:
    """One chunk of stations in a worker process: generate (not timed), process (timed)."""
    start, n, seed = task
    dates = [dt.date(YEAR, 1, 1) + dt.timedelta(days=j) for j in range(365)]
    t0 = time.perf_counter()
    c = cube(n, np.random.default_rng(seed))
    gen_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    res = process(c, dates)
    return gen_s, time.perf_counter() - t0, res["aqi_days"], {start + k: v for k, v in res["index"].items()}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stations", type=int, default=2000)
    ap.add_argument("--chunk", type=int, default=100)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sample", type=int, default=2, help="stations for the scalar baseline")
    args = ap.parse_args()
    from concurrent.futures import ProcessPoolExecutor

    dates = [dt.date(YEAR, 1, 1) + dt.timedelta(days=j) for j in range(365)]
    tasks = [(s, min(args.chunk, args.stations - s), 1000 + s) for s in range(0, args.stations, args.chunk)]
    wall0 = time.perf_counter()
    gen_s = proc_s = 0.0
    aqi_days, index = 0, {}
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        for g, p, a, idx in pool.map(work, tasks):
            gen_s, proc_s, aqi_days = gen_s + g, proc_s + p, aqi_days + a
            index.update(idx)
    ranks = rank_with_ties(index, ascending=True)
    wall = time.perf_counter() - wall0
    net = wall - gen_s / args.workers
    peak_mb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    hours = args.stations * 365 * 24
    print(f"{args.stations:,} stations x 8,760 h = {hours:,} station-hours, {args.workers} worker processes")
    print(f"daily values + daily AQI + annual HJ 663 statistics + composite index + ranking: wall {wall:.1f} s "
          f"including data generation ({gen_s:.1f} s CPU); without generation about {net:.1f} s "
          f"({hours / net:,.0f} station-hours/s); processing CPU {proc_s:.1f} s")
    print(f"{aqi_days:,} station-days with an AQI; {len(ranks):,} stations ranked")
    print(f"peak memory (max RSS of any process): {peak_mb:,.0f} MB")
    c = cube(args.sample, np.random.default_rng(1))
    base = scalar_baseline(c, dates, args.sample)
    per_station = base / args.sample
    print(f"baseline (scalar exact path, {args.sample} stations, daily values + daily AQI only): {per_station:.2f} s "
          f"per station-year -> {per_station * args.stations:,.0f} s for {args.stations:,} stations on one core; "
          f"ratio to ecogov processing CPU {per_station * args.stations / proc_s:.1f}x")
    print(f"targets: <= 60 s {'met' if net <= 60 else 'NOT met'}; <= 4 GB {'met' if peak_mb <= 4096 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
