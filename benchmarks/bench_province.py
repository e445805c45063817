"""Province-scale simulation (``make bench`` with ``--province``; not a test).

A province of 100 cities and 20,000 stations, 18,000 of them micro stations sending a value every minute,
is simulated for part of one day at ``--stations-scale`` of its size (default 0.05: 1,000 stations, 900
micro) into a fresh PostgreSQL database (``ecogov_province``, created and dropped), served by the
production server (``ecogov serve``: gunicorn). A micro station's minute message carries the running mean
of its current hour, stamped with the hour's end (the platform stores hourly values; the last message of
an hour is the hour's value, each earlier one is an update of the same station-hour). Reported:

1. push API (``POST /api/monitoring/push``, one station's reading per request, ``--clients`` HTTP clients):
   rows/s over ``--minutes`` simulated minutes of every micro station, then the reference stations' hour;
2. MQTT (the broker at ``--mqtt``, ``--workers`` subscribers ``ecogov monitoring mqtt --group``, a shared
   subscription): messages/s over the next ``--minutes`` minutes, published with flow control so that the
   broker never holds more than a few hundred messages per subscriber (its queue limit would drop them);
3. the lag from a message's arrival (the POST sent; the MQTT publish) to the hourly AQI of that value being
   served by ``/api/monitoring/latest?q=<station>``, probed every few seconds during both ingests;
4. the p99 (and p50, max) of the public latest-AQI read (``/api/monitoring/latest``, every station)
   during both ingests, one reader in a closed loop;
5. the rollup of the day: the day's hours of every station are loaded (a national day file), then the
   derived values (``derived.recompute_pending``: station daily values and AQI) and the ranking of the
   100 cities for the day are timed;

then extrapolated to the whole province and a year, with the hardware it implies.

Usage: ``python benchmarks/bench_province.py [--stations-scale 0.05] [--minutes 5] [--workers 2]
[--clients 8] [--pg URL] [--mqtt mqtt://127.0.0.1:1883]``; ``--stations-scale 1 --minutes 1440`` is the
full simulated day.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import http.client
import json
import math
import os
import queue
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ECOGOV = str(Path(sys.executable).with_name("ecogov"))
PG_DEFAULT = "postgres://postgres@127.0.0.1:5432"
DB = "ecogov_province"
HOST, PORT = "127.0.0.1", 8796
CITIES, STATIONS, MICRO = 100, 20000, 18000
DAY = dt.date(2024, 6, 3)  # the simulated day (local time, UTC+8)
TZ = dt.timezone(dt.timedelta(hours=8))
DAY_TYPES = ("AQI", "PM2.5", "PM2.5_24h", "PM10", "PM10_24h", "SO2", "SO2_24h", "NO2", "NO2_24h", "O3", "O3_24h",
             "O3_8h", "O3_8h_24h", "CO", "CO_24h")


# --- the province ------------------------------------------------------------------------------------
def province(scale: float) -> list[tuple[str, str, int]]:
    """``(code, kind, city)`` of every station: reference (national) stations first, then micro ones."""
    total, micro = max(CITIES, round(STATIONS * scale)), max(CITIES, round(MICRO * scale))
    out = [(f"R{i:05d}", "national", i % CITIES) for i in range(total - micro)]
    return out + [(f"M{i:05d}", "micro", i % CITIES) for i in range(micro)]


def key(code: str) -> str:
    return f"bench-key-{code}"


def values(n: int, hour: int, minute: int) -> dict:
    """A station's running hour mean at ``minute`` (plausible figures, deterministic)."""
    base = 15 + (n * 7 + hour * 13) % 60
    return {"pm25": base + minute % 5, "pm10": 2 * base, "no2": 10 + n % 30, "so2": 3 + n % 9,
            "co": round(0.3 + (n % 10) / 10, 1), "o3": 30 + (hour * 11 + n) % 90}


def hour_end(minute: int) -> str:
    """The end of the hour holding ``minute`` of the simulated day (ISO 8601, +08:00)."""
    start = dt.datetime.combine(DAY, dt.time(0), tzinfo=TZ)
    return (start + dt.timedelta(hours=minute // 60 + 1)).isoformat()


# --- in the database's process -----------------------------------------------------------------------
def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecogov.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def child_setup(scale: float) -> dict:
    django_setup()
    from django.core.management import call_command

    from ecogov.monitoring.models import Station
    from ecogov.monitoring.services_ingest import hash_api_key

    call_command("migrate", verbosity=0)
    Station.objects.bulk_create([
        Station(code=code, name=f"{'微站' if kind == 'micro' else '国控'}{code}", kind=kind, area=f"City {city:03d}",
                api_key_hash=hash_api_key(key(code))) for code, kind, city in province(scale)], batch_size=2000)
    return {"stations": Station.objects.count()}


def child_rollup(dayfile: str) -> dict:
    """The day's hours loaded, then the derived values and the cities' ranking for the day, timed."""
    django_setup()
    from django.db import connection

    from ecogov.monitoring import derived, rollups
    from ecogov.monitoring.models import Reading, Station
    from ecogov.monitoring.services_ingest import readings_ingest_national

    started = time.perf_counter()
    out = readings_ingest_national(path=dayfile)
    load = time.perf_counter() - started
    started = time.perf_counter()
    days = derived.recompute_pending()
    derive = time.perf_counter() - started
    groups: dict[str, list[int]] = {}
    for sid, area in Station.objects.values_list("id", "area"):
        groups.setdefault(area, []).append(sid)
    started = time.perf_counter()
    ranked = rollups.ranking(groups, DAY, DAY)
    rank = time.perf_counter() - started
    with connection.cursor() as cur:
        cur.execute("SELECT pg_total_relation_size('monitoring_reading') + coalesce((SELECT sum(pg_total_relation_size("
                    "inhrelid)) FROM pg_inherits WHERE inhparent = 'monitoring_reading'::regclass), 0)")
        size = cur.fetchone()[0]
    return {"load_s": load, "rows": out.total, "derived_s": derive, "station_days": days, "rank_s": rank,
            "ranked": len(ranked), "readings": Reading.objects.count(), "table_bytes": int(size)}


def run_child(args: list[str], env: dict) -> dict:
    proc = subprocess.run([sys.executable, __file__, *args], env=env, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode:
        raise SystemExit(f"{args[0]} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --- HTTP --------------------------------------------------------------------------------------------
class Client:
    """One keep-alive HTTP connection."""

    def __init__(self, port: int):
        self.port, self.conn = port, http.client.HTTPConnection(HOST, port, timeout=120)

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=body, headers=headers or {})
                resp = self.conn.getresponse()
                return resp.status, resp.read()
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=120)
                if attempt:
                    raise
        raise AssertionError


def push(client: Client, code: str, reading: dict) -> int:
    body = json.dumps({"readings": [reading]}).encode()
    status, _ = client.request("POST", "/api/monitoring/push", body,
                               {"Content-Type": "application/json", "X-Station-Key": key(code)})
    return status


def latest_of(client: Client, code: str) -> dict | None:
    status, body = client.request("GET", f"/api/monitoring/latest?q={code}")
    if status != 200:
        return None
    return next((x for x in json.loads(body) if x.get("station") == code), None)


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


class Reader(threading.Thread):
    """The public latest-AQI read of every station, in a closed loop, while an ingest runs."""

    def __init__(self, port: int):
        super().__init__(daemon=True)
        self.client, self.stop, self.times, self.errors = Client(port), threading.Event(), [], 0

    def run(self) -> None:
        while not self.stop.is_set():
            started = time.perf_counter()
            status, _ = self.client.request("GET", "/api/monitoring/latest")
            self.times.append(time.perf_counter() - started)
            self.errors += status != 200
            self.stop.wait(0.05)


class Prober(threading.Thread):
    """Every ``every`` seconds: a distinct value for the probe station, sent by ``send``; the lag is the
    time until ``/api/monitoring/latest`` serves that value with its hourly AQI."""

    def __init__(self, port: int, code: str, minute: int, send, every: float = 4.0):
        super().__init__(daemon=True)
        self.client, self.code, self.minute, self.send, self.every = Client(port), code, minute, send, every
        self.stop, self.lags, self.missed, self.sent = threading.Event(), [], 0, 0

    def run(self) -> None:
        n = 0
        while not self.stop.wait(self.every):
            n += 1
            reading = {"time": hour_end(self.minute), **values(0, 0, 0), "pm25": 300 + n % 200}
            started = time.perf_counter()
            self.sent += 1
            self.send(reading)
            while time.perf_counter() - started < 120:
                got = latest_of(self.client, self.code)
                if got and got.get("pm25") == reading["pm25"] and got.get("aqi") is not None:
                    self.lags.append(time.perf_counter() - started)
                    break
                time.sleep(0.05)
            else:
                self.missed += 1


def start_server(env: dict, port: int) -> subprocess.Popen:
    proc = subprocess.Popen([ECOGOV, "serve", "--port", str(port)], env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            status, _ = Client(port).request("GET", "/api/monitoring/latest?q=none")
            if status == 200:
                return proc
        except OSError:
            time.sleep(0.5)
    stop(proc)
    raise SystemExit(f"ecogov serve did not answer on port {port}")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


# --- phase 1: push -----------------------------------------------------------------------------------
def phase_push(stations, minutes: int, clients: int, port: int) -> dict:
    micro = [(i, s) for i, s in enumerate(stations) if s[1] == "micro"]
    ref = [(i, s) for i, s in enumerate(stations) if s[1] == "national"]
    work: queue.Queue = queue.Queue()
    for m in range(minutes):
        for n, (code, _, _) in micro[1:]:  # the first micro station is the lag probe's
            work.put((code, {"time": hour_end(m), **values(n, m // 60, m % 60)}))
    for n, (code, _, _) in ref:
        work.put((code, {"time": hour_end(minutes - 1), **values(n, (minutes - 1) // 60, 0)}))
    total, statuses, lock = work.qsize(), {}, threading.Lock()

    def worker() -> None:
        client = Client(port)
        while True:
            try:
                code, reading = work.get_nowait()
            except queue.Empty:
                return
            status = push(client, code, reading)
            with lock:
                statuses[status] = statuses.get(status, 0) + 1

    probe_client, probe_code = Client(port), micro[0][1][0]
    probe_client.request("GET", "/api/monitoring/latest")  # a first answer (worker start, cache) outside the figures
    reader, prober = Reader(port), Prober(port, probe_code, minutes - 1, lambda r: push(probe_client, probe_code, r))
    reader.start(), prober.start()
    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    reader.stop.set(), prober.stop.set()
    reader.join(), prober.join(130)
    return {"rows": total, "seconds": elapsed, "statuses": statuses, "reads": reader.times,
            "read_errors": reader.errors, "lags": prober.lags, "missed": prober.missed}


# --- phase 2: MQTT -----------------------------------------------------------------------------------
class Subscribers:
    """``workers`` processes ``ecogov monitoring mqtt --group``; counts the messages they ingested."""

    def __init__(self, workers: int, url: str, env: dict):
        group = f"bench{os.getpid()}"
        env = {**env, "PYTHONUNBUFFERED": "1"}  # each batch's line as it is written
        self.procs = [subprocess.Popen([ECOGOV, "monitoring", "mqtt", "--url", url, "--group", group], env=env,
                                       start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                       text=True) for _ in range(workers)]
        self.messages, self.rejected, self.lock = 0, 0, threading.Lock()
        for p in self.procs:
            threading.Thread(target=self._count, args=(p,), daemon=True).start()

    def _count(self, proc: subprocess.Popen) -> None:
        for line in proc.stdout:
            m = re.match(r"mqtt: (\d+) messages, .*rejected: (\d+)", line)
            if m:
                with self.lock:
                    self.messages += int(m.group(1))
                    self.rejected += int(m.group(2))

    def close(self) -> None:
        for p in self.procs:
            stop(p)


def phase_mqtt(stations, first_minute: int, minutes: int, workers: int, url: str, env: dict, port: int) -> dict:
    import paho.mqtt.client as mqtt

    broker = urllib.parse.urlparse(url)
    pub = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"bench-province-{os.getpid()}")
    pub.max_inflight_messages_set(200)
    pub.connect(broker.hostname or HOST, broker.port or 1883)
    pub.loop_start()
    subs = Subscribers(workers, url, env)
    micro = [(n, s[0]) for n, s in enumerate(stations) if s[1] == "micro"]
    probe_code = micro[0][1]
    sent = 0

    def publish(code: str, reading: dict) -> None:
        payload = json.dumps({"key": key(code), **reading}).encode()
        pub.publish(f"ecogov/air/{code}/hourly", payload, qos=1)

    offset = 0

    def ingested() -> int:
        with subs.lock:
            return subs.messages - offset

    try:
        deadline = time.monotonic() + 120  # subscribers up: a probe message gets through
        while not ingested() and time.monotonic() < deadline:
            publish(probe_code, {"time": hour_end(first_minute), **values(0, 0, 0)})
            time.sleep(2)
        if not ingested():
            raise SystemExit("the MQTT subscribers ingested nothing in 120 s")
        time.sleep(4)  # every subscriber of the group up (a message sent before is delivered to none)
        offset = ingested()  # the probes taken so far
        last = first_minute + minutes - 1
        reader, prober = Reader(port), Prober(port, probe_code, last, lambda r: publish(probe_code, r))
        reader.start(), prober.start()
        started = time.perf_counter()
        window = 400 * workers  # the broker queues at most 1,000 messages per subscriber
        for m in range(first_minute, first_minute + minutes):
            for n, code in micro[1:]:
                while sent + prober.sent - ingested() > window:
                    time.sleep(0.01)
                publish(code, {"time": hour_end(m), **values(n, m // 60, m % 60)})
                sent += 1
        while ingested() < sent + prober.sent:
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
        reader.stop.set(), prober.stop.set()
        reader.join(), prober.join(130)
        return {"messages": sent, "seconds": elapsed, "rejected": subs.rejected, "reads": reader.times,
                "read_errors": reader.errors, "lags": prober.lags, "missed": prober.missed}
    finally:
        subs.close()
        pub.loop_stop()
        pub.disconnect()


# --- phase 3: the day's hours and its rollup ---------------------------------------------------------
def make_dayfile(folder: Path, stations) -> Path:
    path = folder / f"china_sites_{DAY:%Y%m%d}.csv"
    codes = [s[0] for s in stations]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["date", "hour", "type", *codes])
        for h in range(24):
            hour_values = [values(n, h, 30) for n in range(len(codes))]
            for t in DAY_TYPES:
                name = {"PM2.5": "pm25", "PM10": "pm10", "SO2": "so2", "NO2": "no2", "O3": "o3", "CO": "co"}.get(t)
                cells = [str(v[name]) for v in hour_values] if name else [""] * len(codes)
                when = DAY + dt.timedelta(days=1) if h == 0 else DAY  # hour 0 ends the day before
                w.writerow([f"{when:%Y%m%d}", h, t, *cells])
    return path


# --- report ------------------------------------------------------------------------------------------
def report(args, stations, p: dict, q: dict, r: dict) -> None:
    scale = len(stations) / STATIONS
    micro = sum(1 for s in stations if s[1] == "micro")
    print(f"province at scale {scale:g}: {len(stations):,} stations ({micro:,} micro) in {CITIES} cities; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (shared with other work)")
    push_rate, mqtt_rate = p["rows"] / p["seconds"], q["messages"] / q["seconds"]
    print(f"push API        {p['rows']:,} rows in {p['seconds']:.1f} s = {push_rate:,.0f} rows/s with {args.clients} "
          f"clients, one reading per request (HTTP statuses {p['statuses']})")
    print(f"MQTT            {q['messages']:,} messages in {q['seconds']:.1f} s = {mqtt_rate:,.0f} messages/s with "
          f"{args.workers} subscriber processes (rejected {q['rejected']})")
    for name, ph in (("push", p), ("MQTT", q)):
        lags, reads = ph["lags"], ph["reads"]
        print(f"lag arrival -> hourly AQI served ({name}): median {pct(lags, 0.5):.2f} s, max "
              f"{max(lags, default=float('nan')):.2f} s over {len(lags)} probes ({ph['missed']} not seen in 120 s)")
        print(f"latest-AQI read during {name} ingest: p50 {pct(reads, 0.5) * 1000:.0f} ms, p99 {pct(reads, 0.99) * 1000:.0f} "
              f"ms, max {max(reads, default=0) * 1000:.0f} ms over {len(reads)} reads ({ph['read_errors']} errors)")
    print(f"day's hours     {r['rows']:,} station-hours loaded in {r['load_s']:.1f} s (national day file)")
    print(f"rollup of the day: derived values {r['derived_s']:.1f} s for {r['station_days']:,} station-days, ranking of "
          f"{r['ranked']} cities {r['rank_s']:.2f} s")
    need = MICRO / 60 + (STATIONS - MICRO) / 3600  # messages per second of the whole province, on average
    per_core = mqtt_rate / (os.cpu_count() or 1)
    full_rollup = (r["derived_s"] + r["rank_s"]) / scale
    bytes_per_row = r["table_bytes"] / max(r["readings"], 1)
    year_rows = STATIONS * 8760
    print(f"whole province: {need:,.0f} messages/s on average ({MICRO:,} micro stations x 1/min), "
          f"{MICRO * 1440 / 1e6:.1f} M messages/day, {STATIONS * 24:,} station-hours/day")
    print(f"  MQTT capacity measured: {mqtt_rate:,.0f}/s on {os.cpu_count()} shared cores = {need / mqtt_rate:.1f} x "
          f"this machine for the average ({per_core:,.0f}/s per core: ~{math.ceil(need / per_core)} cores for ingest); "
          f"push API: {need / push_rate:.1f} x this machine")
    print(f"  rollup of a province day: {full_rollup:.0f} s of one process (linear in station-days, an upper bound "
          f"for the ranking), once a day")
    print(f"  a year: {MICRO * 1440 * 365 / 1e9:.2f} G messages, {year_rows / 1e6:.0f} M station-hours stored, "
          f"~{year_rows * bytes_per_row / 1e9:.0f} GB of readings ({bytes_per_row:.0f} bytes per station-hour "
          f"with indexes)")


def pg_database(base: str, create: bool) -> str:
    import psycopg

    with psycopg.connect(base.replace("postgres://", "postgresql://") + "/postgres", autocommit=True) as c:
        c.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        if create:
            c.execute(f"CREATE DATABASE {DB}")
    return f"{base}/{DB}"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stations-scale", type=float, default=0.05, help="share of the 20,000 stations (1 = all)")
    ap.add_argument("--minutes", type=int, default=5, help="simulated minutes of each ingest path (<= 720)")
    ap.add_argument("--workers", type=int, default=2, help="MQTT subscriber processes")
    ap.add_argument("--clients", type=int, default=8, help="HTTP clients pushing")
    ap.add_argument("--pg", default=os.environ.get("ECOGOV_BENCH_PG", PG_DEFAULT))
    ap.add_argument("--mqtt", default=os.environ.get("MQTT_URL", "mqtt://127.0.0.1:1883"))
    ap.add_argument("--port", type=int, default=PORT)
    ap.add_argument("--child", nargs=2)
    args = ap.parse_args()
    if args.child:
        kind, arg = args.child
        print(json.dumps(child_setup(float(arg)) if kind == "setup" else child_rollup(arg)))
        return 0
    stations = province(args.stations_scale)
    minutes = max(1, min(args.minutes, 720))
    try:
        url = pg_database(args.pg, create=True)
    except Exception as exc:  # noqa: BLE001 - report why nothing was measured
        print(f"PostgreSQL unavailable ({exc}); skipped")
        return 1
    var = tempfile.mkdtemp(prefix="bench-province-")
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "CELERY_BROKER_URL", "DATABASE_REPLICA_URL")}
    env |= {"DATABASE_URL": url, "ECOGOV_VAR_DIR": var}
    server = None
    try:
        started = time.perf_counter()
        made = run_child(["--child", "setup", str(args.stations_scale)], env)
        print(f"database {DB}: migrated, {made['stations']:,} stations in {time.perf_counter() - started:.0f} s",
              flush=True)
        server = start_server(env, args.port)
        p = phase_push(stations, minutes, args.clients, args.port)
        print(f"push phase done in {p['seconds']:.0f} s", flush=True)
        q = phase_mqtt(stations, minutes, minutes, args.workers, args.mqtt, env, args.port)
        print(f"MQTT phase done in {q['seconds']:.0f} s", flush=True)
        stop(server)
        server = None
        r = run_child(["--child", "rollup", str(make_dayfile(Path(var), stations))], env)
        report(args, stations, p, q, r)
    finally:
        if server is not None:
            stop(server)
        pg_database(args.pg, create=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
