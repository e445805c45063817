"""Benchmark of serving (``make bench``; not a test): the public surge, the staff mix and a soak.

The demo city is loaded once into ``var/bench-serving`` (SQLite, the embedded
default). Then, in the same run, the same load goes to

1. Django's development server (``ecogov serve --dev``, the baseline), and
2. the production server (``ecogov serve``: gunicorn, whitenoise, public cache),

each started fresh on a loopback port, and the figures are printed side by side:

- public mix (latest AQI API, the public air page, the complaint tracking page),
  closed loop: ``--clients`` (default 40) keep-alive clients for ``--seconds``
  (default 20): the most each server can do;
- public mix, open loop at ``--rate`` (default 500) requests/s for ``--seconds``:
  p99 at that rate (issue 16: p99 < 100 ms at >= 500 requests/s, 0 errors);
- staff mix (logged in as the demo leader: complaint, registry, permit, report
  and case lists, complaint and object detail pages, one district's registry
  .xlsx export), open loop at ``--staff-rate`` (default 50) requests/s
  (target: p99 < 300 ms);
- soak: nine public requests to one staff request at ``--soak-rate`` (default
  200) requests/s for ``--soak`` seconds (default 600; ``--soak 1800`` for 30
  minutes, ``--soak 0`` skips it), with the resident memory (RSS) of the server's
  processes (gunicorn master and workers; the development server's one process)
  sampled every few seconds: growth from start to end and from start to the peak
  (the target, < 10 %, is checked on the peak: a worker gunicorn replaces after
  ``max_requests`` starts small again), and how many workers were replaced.

Open-loop latencies count from the moment each request was due, so a server that
falls behind shows its queue. The load generator (``loadgen.py``) runs on the same
machine and takes CPU from the server: on a small or shared machine the latencies
are pessimistic. Each phase also prints the server's CPU time per answer (from
/proc), which does not depend on the machine's other load: ``cores x 1000 / that``
is the rate the server could sustain on dedicated cores.

Usage: ``python benchmarks/bench_serving.py [--clients N] [--seconds S] [--rate R]
[--staff-rate R] [--soak S] [--soak-rate R]``; ``benchmarks/run.py`` passes its
``--soak`` on.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import loadgen  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
VAR = ROOT / "var" / "bench-serving"
ECOGOV = str(Path(sys.executable).with_name("ecogov"))
HOST = "127.0.0.1"
PUBLIC_MIX = ["/api/monitoring/latest", "/public/monitoring/", "/public/complaints/track/"]
STAFF_USER, STAFF_PASSWORD = "leader", "ecogov-demo"  # the demo city's bureau leader (ecogov.core.demo)
STAFF_LISTS = ["/complaints/", "/registry/", "/complaints/?page=3", "/registry/permits/", "/enforcement/",
               "/registry/reports/", "/complaints/?status=accepted"]
STAFF_EXPORT = "/registry/?export=xlsx&jurisdiction=369902"  # one district's objects (demo district 清湖区)
SERVERS = [("development server (--dev)", ["--dev"], 8791), ("ecogov serve (gunicorn)", [], 8792)]


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
            with urllib.request.urlopen(f"http://{HOST}:{port}/public/", timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"server on port {port} did not start")


# --- the staff mix: a logged-in session and pages found on the lists --------------------------------


def login(port: int) -> dict[str, str]:
    """Sign in through the login form (CSRF token and all); returns the Cookie header of the session."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    url = f"http://{HOST}:{port}/accounts/login/"
    with opener.open(url, timeout=30) as r:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', r.read().decode()).group(1)
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": STAFF_USER, "password": STAFF_PASSWORD})
    with opener.open(url, data=form.encode(), timeout=30):
        pass
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        raise SystemExit(f"could not sign in as {STAFF_USER} on port {port}")
    return {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}


def _links(port: int, headers: dict[str, str], page: str, pattern: str, n: int) -> list[str]:
    req = urllib.request.Request(f"http://{HOST}:{port}{page}", headers=headers)
    with urllib.request.urlopen(req, timeout=60) as r:
        found = list(dict.fromkeys(re.findall(pattern, r.read().decode())))
    if not found:
        raise SystemExit(f"no link matching {pattern} on {page}")
    return found[:n]


def staff_mix(port: int, headers: dict[str, str]) -> list[str]:
    """20 requests: 7 list pages, 8 complaint and 4 object detail pages, 1 district export."""
    complaints = _links(port, headers, "/complaints/", r'href="(/complaints/\d+/)"', 8)
    objects = _links(port, headers, "/registry/", r'href="(/registry/objects/\d+/)"', 4)
    details = [*complaints, *objects]
    mix = []
    for i in range(12):
        mix.append(details[i % len(details)])
        if i < len(STAFF_LISTS):
            mix.append(STAFF_LISTS[i])
    return [*mix, STAFF_EXPORT]


# --- resident memory of the server's processes -----------------------------------------------------


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            return next(int(ln.split()[1]) for ln in fh if ln.startswith("VmRSS:"))
    except (OSError, StopIteration):
        return 0


def cpu_seconds(root: int) -> float:
    """CPU time used so far by ``root`` and its descendants (with the workers they already reaped) [s]."""
    total = 0
    for pid in process_tree(root):
        try:
            with open(f"/proc/{pid}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(f) for f in fields[11:15])  # utime, stime, cutime, cstime [clock ticks]
    return total / os.sysconf("SC_CLK_TCK")


def process_tree(root: int) -> list[int]:
    """``root`` and its descendants (gunicorn master and workers), from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        parents.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(parents.get(pid, []))
    return out


@dataclass
class Memory:
    """RSS of a process tree sampled every ``every`` seconds while a soak runs [KiB]."""

    root: int
    every: float = 5.0
    samples: list[int] = field(default_factory=list)
    pids_seen: set[int] = field(default_factory=set)
    _stop: threading.Event = field(default_factory=threading.Event)

    def sample(self) -> None:
        pids = process_tree(self.root)
        self.pids_seen.update(pids)
        self.samples.append(sum(_rss_kib(p) for p in pids))

    def _loop(self) -> None:
        while not self._stop.wait(self.every):
            self.sample()

    def __enter__(self) -> Memory:
        self.sample()
        self.start_pids = set(self.pids_seen)
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    @property
    def growth(self) -> float:
        """From the first sample to the last [%]."""
        return (self.samples[-1] - self.samples[0]) / self.samples[0] * 100

    @property
    def peak_growth(self) -> float:
        """From the first sample to the highest [%]: what the target is checked on, since a gunicorn worker
        replaced after ``max_requests`` starts small again and would hide growth from the last sample."""
        return (max(self.samples) - self.samples[0]) / self.samples[0] * 100

    def line(self) -> str:
        mib = [s / 1024 for s in self.samples]
        replaced = len(self.pids_seen - self.start_pids)
        return (f"RSS {mib[0]:.0f} -> {mib[-1]:.0f} MiB ({self.growth:+.1f} %), peak {max(mib):.0f} MiB "
                f"({self.peak_growth:+.1f} %), {len(self.start_pids)} processes, {replaced} started during the soak")


# --- one server, every phase -----------------------------------------------------------------------


@dataclass
class Figures:
    closed: loadgen.Result
    public: loadgen.Result
    staff: loadgen.Result
    soak: loadgen.Result | None = None
    memory: Memory | None = None


class Phase:
    """One measured phase: the load's result and the server's CPU time per answer [ms], which does not
    depend on what else the machine runs (the latencies do)."""

    def __init__(self, pid: int, label: str):
        self.pid, self.label = pid, label

    def __call__(self, fn, *args, **kwargs) -> loadgen.Result:
        cpu0 = cpu_seconds(self.pid)
        result = fn(*args, **kwargs)
        result.cpu_ms = (cpu_seconds(self.pid) - cpu0) * 1000 / max(result.count, 1)
        print(f"{result.line(self.label)}  server CPU {result.cpu_ms:.1f} ms/answer", flush=True)
        return result


def measure(label: str, extra: list[str], port: int, args) -> Figures:
    proc = subprocess.Popen([ECOGOV, "serve", "--port", str(port), *extra], env=env(), start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_ready(port)
        print(f"--- {label} (load average {os.getloadavg()[0]:.1f})", flush=True)
        loadgen.run(HOST, port, PUBLIC_MIX, clients=args.clients, seconds=3)  # warm-up (workers, caches)
        closed = Phase(proc.pid, f"public, {args.clients} clients")(
            loadgen.run, HOST, port, PUBLIC_MIX, clients=args.clients, seconds=args.seconds)
        public = Phase(proc.pid, f"public at {args.rate:.0f}/s")(
            loadgen.run_rate, HOST, port, PUBLIC_MIX, rate=args.rate, seconds=args.seconds)
        cookie = login(port)
        staff_paths = staff_mix(port, cookie)
        loadgen.run(HOST, port, staff_paths, clients=4, seconds=3, headers=cookie)  # warm-up
        staff = Phase(proc.pid, f"staff at {args.staff_rate:.0f}/s")(
            loadgen.run_rate, HOST, port, staff_paths, rate=args.staff_rate, seconds=args.seconds, headers=cookie)
        figures = Figures(closed, public, staff)
        if args.soak:
            with Memory(proc.pid) as memory:
                figures.soak = Phase(proc.pid, f"soak at {args.soak_rate:.0f}/s")(
                    loadgen.run_rate, HOST, port, _soak_mix(staff_paths, cookie), rate=args.soak_rate,
                    seconds=args.soak)
            figures.memory = memory
            print(f"{'':<28} {memory.line()}", flush=True)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)
    return figures


def _soak_mix(staff_paths: list[str], cookie: dict[str, str]) -> list:
    """Nine public requests to one staff request (the staff ones with the session cookie): a public
    surge while the bureau works."""
    out: list = []
    for i, path in enumerate(staff_paths):
        out.extend(PUBLIC_MIX[(i + k) % len(PUBLIC_MIX)] for k in range(9))
        out.append((path, cookie))
    return out


# --- the report ------------------------------------------------------------------------------------


def _cell(r: loadgen.Result | None) -> str:
    if r is None:
        return "-"
    return f"{r.rps:5.0f}/s p99 {r.pct(0.99):7.1f} ms err {r.errors} cpu {r.cpu_ms:.1f} ms"


def report(args, dev: Figures, prod: Figures) -> bool:
    w = 46
    print(f"\n{'':<34} {'development server':<{w}} {'ecogov serve (gunicorn)':<{w}}")
    rows = [(f"public, closed loop, {args.clients} clients", dev.closed, prod.closed),
            (f"public, open loop {args.rate:.0f}/s", dev.public, prod.public),
            (f"staff, open loop {args.staff_rate:.0f}/s", dev.staff, prod.staff)]
    if args.soak:
        rows.append((f"soak {args.soak_rate:.0f}/s, {args.soak:.0f} s", dev.soak, prod.soak))
    for name, a, b in rows:
        print(f"{name:<34} {_cell(a):<{w}} {_cell(b):<{w}}")
    if args.soak and dev.memory and prod.memory:
        for name, attr in (("soak RSS growth, end", "growth"), ("soak RSS growth, peak", "peak_growth")):
            a, b = f"{getattr(dev.memory, attr):+.1f} %", f"{getattr(prod.memory, attr):+.1f} %"
            print(f"{name:<34} {a:<{w}} {b:<{w}}")
    print(f"ratio (closed loop): {prod.closed.rps / max(dev.closed.rps, 1e-9):.1f}x requests/s, "
          f"p99 {dev.closed.pct(0.99) / prod.closed.pct(0.99):.1f}x lower")
    checks = [
        (f"public p99 < 100 ms at {args.rate:.0f}/s (>= 500), 0 errors",
         args.rate >= 500 and prod.public.pct(0.99) < 100 and prod.public.errors == 0
         and prod.public.rps >= 0.98 * args.rate),
        (f"staff p99 < 300 ms at {args.staff_rate:.0f}/s (>= 50), 0 errors",
         args.staff_rate >= 50 and prod.staff.pct(0.99) < 300 and prod.staff.errors == 0
         and prod.staff.rps >= 0.98 * args.staff_rate),
    ]
    if args.soak and prod.memory and prod.soak:
        checks.append((f"soak memory growth < 10 % over {args.soak:.0f} s at {args.soak_rate:.0f}/s, 0 errors",
                       prod.memory.peak_growth < 10 and prod.soak.errors == 0
                       and prod.soak.rps >= 0.98 * args.soak_rate))
    for name, ok in checks:
        print(f"target {name}: {'met' if ok else 'NOT met'}")
    return all(ok for _, ok in checks)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=40, help="closed-loop clients of the public mix")
    parser.add_argument("--seconds", type=float, default=20, help="duration of each public and staff phase")
    parser.add_argument("--rate", type=float, default=500, help="open-loop rate of the public mix [1/s]")
    parser.add_argument("--staff-rate", type=float, default=50, help="open-loop rate of the staff mix [1/s]")
    parser.add_argument("--soak", type=float, default=600, help="soak duration [s] (0: no soak)")
    parser.add_argument("--soak-rate", type=float, default=200, help="open-loop rate of the soak [1/s]")
    args = parser.parse_args()
    prepare()
    print(f"demo city on SQLite; public mix {PUBLIC_MIX}; staff mix: signed in as {STAFF_USER}, "
          f"{len(STAFF_LISTS)} list pages, complaint and object details, {STAFF_EXPORT}; "
          f"{os.cpu_count()} CPUs shared with the load generator")
    (dev_label, dev_args, dev_port), (prod_label, prod_args, prod_port) = SERVERS
    dev = measure(dev_label, dev_args, dev_port, args)
    prod = measure(prod_label, prod_args, prod_port, args)
    report(args, dev, prod)
    return 0


if __name__ == "__main__":
    sys.exit(main())
