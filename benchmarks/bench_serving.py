"""Benchmark of serving (``make bench``; not a test): the public mix under a surge.

The demo city is loaded once into ``var/bench-serving`` (SQLite, the embedded
default). Then, in the same run, the same load goes to

1. Django's development server (``ecogov serve --dev``, the baseline), and
2. the production server (``ecogov serve``: gunicorn, whitenoise, public cache),

each started fresh on a loopback port: ``--clients`` (default 40) concurrent
keep-alive clients loop over the public mix (latest AQI API, the public air
page, the complaint tracking page) for ``--seconds`` (default 20). Prints
requests/s, median and p99 latency and errors of each, and the ratio.
Target (issue 16): production p99 < 100 ms at >= 500 requests/s, 0 errors.

Usage: ``python benchmarks/bench_serving.py [--clients N] [--seconds S]``
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import loadgen  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
VAR = ROOT / "var" / "bench-serving"
ECOGOV = str(Path(sys.executable).with_name("ecogov"))
PUBLIC_MIX = ["/api/monitoring/latest", "/public/monitoring/", "/public/complaints/track/"]


def env() -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    out["ECOGOV_VAR_DIR"] = str(VAR)
    return out


def prepare() -> None:
    VAR.mkdir(parents=True, exist_ok=True)
    subprocess.run([ECOGOV, "migrate", "--noinput", "-v", "0"], env=env(), check=True)
    subprocess.run([ECOGOV, "demo", "load", "--if-empty"], env=env(), check=True, stdout=subprocess.DEVNULL)


def wait_ready(port: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/public/", timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"server on port {port} did not start")


def measure(label: str, extra: list[str], port: int, clients: int, seconds: float) -> loadgen.Result:
    proc = subprocess.Popen([ECOGOV, "serve", "--port", str(port), *extra], env=env(), start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_ready(port)
        loadgen.run("127.0.0.1", port, PUBLIC_MIX, clients=clients, seconds=3)  # warm-up (workers, caches)
        result = loadgen.run("127.0.0.1", port, PUBLIC_MIX, clients=clients, seconds=seconds)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)
    print(result.line(label), flush=True)
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    prepare()
    print(f"public mix {PUBLIC_MIX}, {args.clients} concurrent clients, {args.seconds:.0f} s each, demo city on SQLite")
    dev = measure("development server (--dev)", ["--dev"], 8791, args.clients, args.seconds)
    prod = measure("ecogov serve (gunicorn)", [], 8792, args.clients, args.seconds)
    print(f"ratio: {prod.rps / max(dev.rps, 1e-9):.1f}x requests/s, p99 {dev.pct(0.99) / prod.pct(0.99):.1f}x lower")
    ok = prod.pct(0.99) < 100 and prod.rps >= 500 and prod.errors == 0
    print(f"target p99 < 100 ms at >= 500 req/s with 0 errors: {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
