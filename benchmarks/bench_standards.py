"""Benchmark of the AQI array paths (``make bench``; not a test).

Measures the assessment array paths (``o3_daily_max_8h_array``,
``annual_statistics_array``) against their exact scalars on a year of 2,000
stations, then station-hours per second of ``aqi_hourly_array`` (real-time) and
``aqi_daily_array`` (daily) on 10 million rows, and compares per record with
python-aqi 0.6.1 and aqi-hub, both measured in the same run on a sample inside a
separate venv (``var/bench-venv``, from ``benchmarks/requirements-peers.txt``;
never project dependencies).  Prints ratios, how many sample results differ from
each peer, and the peak traced memory relative to the input arrays.

Usage: ``python benchmarks/bench_standards.py [--rows N] [--sample N] [--stations N] [--no-peers]``
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
import venv
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ecogov.standards import (  # noqa: E402
    annual_statistics,
    annual_statistics_array,
    aqi_daily_array,
    aqi_hourly_array,
    o3_daily_max_8h,
    o3_daily_max_8h_array,
)

BENCH_VENV = ROOT / "var" / "bench-venv"
REQUIREMENTS = ROOT / "benchmarks" / "requirements-peers.txt"

HOURLY = ("so2_1h", "no2_1h", "co_1h", "o3_1h", "pm10_1h", "pm25_1h")
DAILY_2012 = ("so2_24h", "no2_24h", "co_24h", "o3_1h", "o3_8h", "pm10_24h", "pm25_24h")
DAILY_2026 = ("so2_24h", "no2_24h", "co_24h", "o3_8h", "pm10_24h", "pm25_24h")
# (median, spread, top) of a plausible Chinese station distribution [µg/m³; CO mg/m³]
DIST = {
    "so2": (10, 0.8, 790),
    "no2": (30, 0.6, 900),
    "co": (0.8, 0.5, 14),
    "o3": (60, 0.7, 790),
    "pm10": (70, 0.7, 590),
    "pm25": (40, 0.8, 490),
}

PEER_SCRIPT = r"""
import json, sys, time, warnings
warnings.simplefilter("ignore")
rows = json.load(open(sys.argv[1]))
out = {}
import aqi
from aqi import constants as C
from aqi_hub.aqi_cn import cal_aqi_cn
MEP_H = [("so2_1h", C.POLLUTANT_SO2_1H), ("no2_1h", C.POLLUTANT_NO2_1H), ("co_1h", C.POLLUTANT_CO_1H),
         ("o3_1h", C.POLLUTANT_O3_1H), ("pm10_1h", C.POLLUTANT_PM10), ("pm25_1h", C.POLLUTANT_PM25)]
MEP_D = [("so2_24h", C.POLLUTANT_SO2_24H), ("no2_24h", C.POLLUTANT_NO2_24H), ("co_24h", C.POLLUTANT_CO_24H),
         ("o3_1h", C.POLLUTANT_O3_1H), ("o3_8h", C.POLLUTANT_O3_8H), ("pm10_24h", C.POLLUTANT_PM10),
         ("pm25_24h", C.POLLUTANT_PM25)]
def run(fn, data):
    res = []
    t = time.perf_counter()
    for r in data:
        try:
            res.append(int(fn(r)))
        except Exception:
            res.append(None)
    return time.perf_counter() - t, res
mep = lambda spec: (lambda r: aqi.to_aqi([(p, repr(r[k])) for k, p in spec], algo=aqi.ALGO_MEP))
hub_h = lambda r: cal_aqi_cn(r["pm25_1h"], r["pm10_1h"], r["so2_1h"], r["no2_1h"], r["co_1h"], r["o3_1h"], "hourly")[0]
hub_d = lambda r: cal_aqi_cn(r["pm25_24h"], r["pm10_24h"], r["so2_24h"], r["no2_24h"], r["co_24h"], r["o3_8h"], "daily")[0]
out["python-aqi hourly"] = run(mep(MEP_H), rows["hourly"])
out["python-aqi daily"] = run(mep(MEP_D), rows["daily"])
out["aqi-hub hourly"] = run(hub_h, rows["hourly"])
out["aqi-hub daily"] = run(hub_d, rows["daily"])
json.dump(out, sys.stdout)
"""


def make_data(n: int, columns: tuple[str, ...], seed: int) -> dict[str, np.ndarray]:
    """Plausible integer concentrations (CO 0.1 mg/m³), lognormal, cut below each table's top."""
    rng = np.random.default_rng(seed)
    data = {}
    for col in columns:
        median, spread, top = DIST[col.split("_")[0]]
        x = np.minimum(median * np.exp(spread * rng.standard_normal(n)), top)
        data[col] = np.round(x, 1) if col.startswith("co") else np.round(x)
    return data


def ensure_peer_venv() -> Path:
    python = BENCH_VENV / "bin" / "python"
    if not python.exists():
        print(f"creating {BENCH_VENV} with {REQUIREMENTS.name} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(BENCH_VENV)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "-r", str(REQUIREMENTS)], check=True)
    return python


def time_ours(fn, data, version, repeat=3) -> tuple[float, float]:
    """(first-run seconds, best-of-``repeat`` seconds) for ``fn(data)``."""
    times = []
    for _ in range(repeat + 1):
        t = time.perf_counter()
        fn(data, version=version)
        times.append(time.perf_counter() - t)
    return times[0], min(times[1:])


def peak_memory_ratio(fn, data, version) -> float:
    """Peak memory traced during one call, relative to the bytes of the input arrays."""
    tracemalloc.start()
    fn(data, version=version)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / sum(a.nbytes for a in data.values())


def run_peers(python: Path, sample_h, sample_d) -> dict:
    rows = {
        "hourly": [{k: float(v[i]) for k, v in sample_h.items()} for i in range(len(sample_h["pm25_1h"]))],
        "daily": [{k: float(v[i]) for k, v in sample_d.items()} for i in range(len(sample_d["pm25_24h"]))],
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(rows, fh)
    try:
        proc = subprocess.run(
            [str(python), "-c", PEER_SCRIPT, fh.name], capture_output=True, text=True, check=True
        )
    finally:
        os.unlink(fh.name)
    return json.loads(proc.stdout)


def assessment(stations: int, sample: int = 3) -> None:
    """O3 daily max 8-h and annual HJ 663 statistics: array paths against the exact scalars (equal on a sample)."""
    import datetime as dt

    gen = np.random.default_rng(5)
    dates = [dt.date(2025, 1, 1) + dt.timedelta(days=j) for j in range(365)]
    hourly = np.round(90 * np.exp(gen.normal(0, 0.4, (stations, 365, 24))))
    hourly[gen.random(hourly.shape) < 0.03] = np.nan
    t0 = time.perf_counter()
    o3 = o3_daily_max_8h_array(hourly, dates=dates)
    t_o3 = time.perf_counter() - t0
    daily = {p: np.round(s * np.exp(gen.normal(0, 0.5, (stations, 365))), 1 if p == "co" else 0)
             for p, s in (("so2", 8), ("no2", 30), ("co", 0.8), ("pm10", 55), ("pm25", 32))}
    daily["o3"] = o3
    t0 = time.perf_counter()
    ann = annual_statistics_array(daily, dates=dates, date=dates[0])
    t_ann = time.perf_counter() - t0
    t0 = time.perf_counter()
    for i in range(sample):
        for j, day in enumerate(dates):
            res = o3_daily_max_8h([None if np.isnan(v) else float(v) for v in hourly[i, j]], date=day)
            assert (None if np.isnan(o3[i, j]) else o3[i, j]) == (res.value if res.valid else None)
    s_o3 = (time.perf_counter() - t0) / sample
    t0 = time.perf_counter()
    for i in range(sample):
        series = {p: [None if np.isnan(v) else float(v) for v in a[i]] for p, a in daily.items()}
        assert ann.station(i) == annual_statistics(series, dates=dates, date=dates[0])
    s_ann = (time.perf_counter() - t0) / sample
    days = stations * 365
    print(f"assessment array paths, {stations:,} station-years (equal to the exact scalars on {sample} stations):")
    print(f"  o3_daily_max_8h_array    {days / t_o3 / 1e6:7.2f} M station-days/s; scalar {365 / s_o3:9,.0f}/s"
          f"  ({s_o3 * stations / t_o3:,.0f}x)")
    print(f"  annual_statistics_array  {stations / t_ann:9,.0f} station-years/s; scalar {1 / s_ann:7,.0f}/s"
          f"  ({s_ann * stations / t_ann:,.0f}x)")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--sample", type=int, default=20_000)
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--stations", type=int, default=2000, help="station-years for the assessment paths")
    args = ap.parse_args(argv)
    assessment(args.stations)
    n = args.rows
    cases = {
        "hourly 2012": (aqi_hourly_array, make_data(n, HOURLY, 1), "2012"),
        "hourly 2026": (aqi_hourly_array, make_data(n, HOURLY, 1), "2026"),
        "daily 2012": (aqi_daily_array, make_data(n, DAILY_2012, 2), "2012"),
        "daily 2026": (aqi_daily_array, make_data(n, DAILY_2026, 2), "2026"),
    }
    rates = {}
    print(f"ecogov.standards array paths, {n:,} rows, one core (numpy {np.__version__})")
    for name, (fn, data, ver) in cases.items():
        first, best = time_ours(fn, data, ver)
        rates[name] = n / best
        mem = peak_memory_ratio(fn, data, ver)
        print(
            f"  {name:12s} {n / best / 1e6:7.1f} M rows/s (best of 3; first run {n / first / 1e6:.1f} M/s)"
            f"  peak memory {mem:.2f}x input"
        )
    if args.no_peers:
        return
    python = ensure_peer_venv()
    k = args.sample
    sample_h = {c: v[:k] for c, v in cases["hourly 2012"][1].items()}
    sample_d = {c: v[:k] for c, v in cases["daily 2012"][1].items()}
    peers = run_peers(python, sample_h, sample_d)
    ours = {
        "python-aqi hourly": aqi_hourly_array(sample_h, version="2012", missing_policy="partial").aqi,
        "python-aqi daily": aqi_daily_array(sample_d, version="2012").aqi,
        "aqi-hub hourly": aqi_hourly_array(sample_h, version="2026").aqi,
        "aqi-hub daily": aqi_daily_array({c: sample_d[c] for c in DAILY_2026}, version="2026").aqi,
    }
    print(f"peers on a {k:,}-row sample of the same data (per-record time extrapolated):")
    for name, (seconds, results) in peers.items():
        peer_rate = k / seconds
        ours_rate = rates[name.split()[-1] + (" 2012" if name.startswith("python-aqi") else " 2026")]
        differ = sum(1 for a, b in zip(ours[name], results, strict=True) if b is None or int(a) != b)
        print(
            f"  {name:18s} {peer_rate:10.0f} rows/s  ours/peer = {ours_rate / peer_rate:8.0f}x"
            f"  differing results: {differ:,} of {k:,}"
        )


if __name__ == "__main__":
    main()
