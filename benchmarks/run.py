"""``make bench``: run every benchmarks/bench_*.py in turn and print its report.

Each benchmark measures ecogov against its named peers in the same run and
prints the ratios; this runner only sequences them and summarises exit codes.
``python benchmarks/run.py standards ingest`` runs a subset by name.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(names: list[str]) -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if names:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in names]
    failed = []
    for script in scripts:
        print(f"\n===== {script.stem} =====", flush=True)
        started = time.monotonic()
        code = subprocess.call([sys.executable, str(script)], cwd=HERE.parent)
        print(f"===== {script.stem}: exit {code}, {time.monotonic() - started:.0f} s =====", flush=True)
        if code:
            failed.append(script.stem)
    print(f"\nbenchmarks: {len(scripts) - len(failed)} ok, {len(failed)} failed {failed or ''}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
