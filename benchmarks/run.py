"""``make bench``: run every benchmarks/bench_*.py in turn and print its report.

Each benchmark measures ecogov against its named peers in the same run and
prints the ratios; this runner only sequences them and summarises exit codes.
``python benchmarks/run.py standards ingest`` runs a subset by name;
``--soak SECONDS`` sets the serving benchmark's soak (default 600, 10 minutes;
1800 for the 30-minute soak; 0 skips it): ``python benchmarks/run.py serving --soak 1800``.
``--province`` adds the province-scale simulation (``make bench BENCH_ARGS=--province``).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: Arguments each benchmark gets from ``make bench`` (the others run with their own defaults).
DEFAULT_ARGS = {"bench_serving": ["--seconds", "20", "--rate", "500", "--staff-rate", "50", "--soak", "600"]}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--soak", type=float, default=None, help="serving soak [s] (default 600; 0: none)")
    parser.add_argument("--province", action="store_true", help="also the province-scale simulation (minutes)")
    args = parser.parse_args(argv)
    scripts = sorted(HERE.glob("bench_*.py"))
    if not args.province and "province" not in args.names:  # only on request: it takes minutes
        scripts = [s for s in scripts if s.stem != "bench_province"]
    if args.names:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in args.names]
    failed = []
    for script in scripts:
        print(f"\n===== {script.stem} =====", flush=True)
        started = time.monotonic()
        extra = list(DEFAULT_ARGS.get(script.stem, []))
        if script.stem == "bench_serving" and args.soak is not None:
            extra += ["--soak", f"{args.soak:g}"]  # the last one given wins
        code = subprocess.call([sys.executable, str(script), *extra], cwd=HERE.parent)
        print(f"===== {script.stem}: exit {code}, {time.monotonic() - started:.0f} s =====", flush=True)
        if code:
            failed.append(script.stem)
    print(f"\nbenchmarks: {len(scripts) - len(failed)} ok, {len(failed)} failed {failed or ''}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
