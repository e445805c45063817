"""Benchmark of the verifiable double-random draw at national scale (``make bench``; not a test).

A pool of 3.5 million objects (classes A/B/C in the demo city's proportions,
30 % already inspected in the cycle) and 2,000 officers (5 % with an expired
certificate, 10,000 declared conflicts, a previous pair for half the drawn
objects). Phases, each timed:

1. snapshot: the canonical ecogov-draw/1 document and its SHA-256 (plan approval);
2. draw: stratum keys, SipHash-2-4 rank keys, top-k per stratum (Jiangxi quarterly ratios);
3. assignment: two officers per drawn object under every rule;
4. verification (reported separately): parse the document back as ``verify-draw`` does.

Target: phases 1-3 in <= 10 s and peak memory (max RSS of the process,
including the input columns) <= 2 GB. The pool columns are built first (as a
database query ordered by USCC would return them) and are not timed.

Usage: ``python benchmarks/bench_draw.py [--objects N] [--officers N]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ecogov.supervision import draw as d  # noqa: E402

TARGET_S, TARGET_MB = 10.0, 2048


def pool(n: int, rng: np.random.Generator):
    numbers = np.char.zfill(np.arange(n).astype("S15"), 15)
    uscc = np.strings.add(np.strings.add(b"91", numbers), b"X")  # 18 characters, already sorted
    strata = np.array([b"A", b"B", b"C"])[rng.choice(3, size=n, p=[0.064, 0.219, 0.717])]
    prior = (rng.random(n) < 0.3).astype(np.uint8)
    return uscc, strata, prior


def officers(m: int, rng: np.random.Generator) -> list[d.Officer]:
    out = []
    for i in range(m):
        expired = rng.random() < 0.05
        end = dt.date(2025, 12, 31) if expired else dt.date(2029, 12, 31)
        out.append(d.Officer(f"o{i}", dt.date(2020, 1, 1), end))
    return out


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--objects", type=int, default=3_500_000)
    parser.add_argument("--officers", type=int, default=2_000)
    args = parser.parse_args()
    rng = np.random.default_rng(20261120)
    seed = bytes(rng.integers(0, 256, 32, dtype=np.uint8))
    uscc, strata, prior = pool(args.objects, rng)
    staff = officers(args.officers, rng)
    counts = {s.decode(): int((strata == s).sum()) for s in (b"A", b"B", b"C")}
    quota = d.quotas(counts, d.preset("jiangxi_abc", "county")["ratios"])
    plan = "100000-2026Q1"
    print(f"pool {args.objects:,} objects {counts}, quota {quota}, {args.officers:,} officers; "
          f"input columns built, peak so far {peak_mb():.0f} MB")
    times = {}

    t = time.perf_counter()
    document = d.snapshot_document_arrays(plan, quota, uscc, strata, prior)
    digest = d.sha256_hex(document)
    times["snapshot"] = time.perf_counter() - t

    t = time.perf_counter()
    snap = d.Snapshot(plan, quota, uscc, strata, prior)
    drawn = d.draw(seed, snap)
    times["draw"] = time.perf_counter() - t

    ids = [x.uscc for x in drawn]
    picked = rng.choice(len(staff), size=(len(ids) // 2, 2))
    previous = {ids[2 * k]: frozenset((f"o{a}", f"o{b}")) for k, (a, b) in enumerate(picked.tolist()) if a != b}
    sample = rng.choice(args.objects, size=10_000, replace=False)
    conflicts = {(f"o{int(rng.integers(args.officers))}", uscc[i].decode()) for i in sample.tolist()}
    t = time.perf_counter()
    teams = d.assign_officers(ids, staff, on=dt.date(2026, 1, 1), seed=seed, plan_code=plan,
                              conflicts=conflicts, previous_pair=previous)
    times["assignment"] = time.perf_counter() - t

    t = time.perf_counter()
    parsed = d.parse_snapshot(document)
    times["verification (parse)"] = time.perf_counter() - t
    assert parsed.uscc.size == args.objects and len(teams) == len(ids)

    total = times["snapshot"] + times["draw"] + times["assignment"]
    peak = peak_mb()
    for name, value in times.items():
        print(f"  {name:<22} {value:7.2f} s")
    print(f"  {'total (1-3)':<22} {total:7.2f} s   (target <= {TARGET_S:.0f} s)")
    print(f"  peak memory (max RSS)  {peak:7.0f} MB  (target <= {TARGET_MB} MB)")
    print(f"  drawn {len(ids):,} objects, snapshot {len(document) / 1e6:.0f} MB, sha256 {digest[:16]}...")
    ok = total <= TARGET_S and peak <= TARGET_MB
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
