"""Backfill on Celery workers of two hosts, one of them lost mid-file: the tasks of the lost worker are
redone by the other (``acks_late``) and the database ends equal to a single-process run, each reading
written once.

The hosts are network namespaces made by the test (``ip netns``, a veth pair each, removed afterwards);
PostgreSQL and RabbitMQ are reached from them through TCP forwarders the test runs on the host side of each
pair (the machine's servers listen on 127.0.0.1 only). Worker A stops inside its first file, after the
file's readings are committed and before the file is recorded done (a failpoint); the test then kills its
processes with SIGKILL and takes its link down. Needs root (namespaces) and PostgreSQL.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

from ecogov.monitoring.models import BackfillFile, IngestBatch, Reading
from ecogov.monitoring.services_backfill import backfill_run

from .test_backfill import _clear, _snapshot, archive  # noqa: F401 - the fixture is used by name

CELERY = str(Path(sys.executable).with_name("celery"))
QUEUE = f"ecogov-netns-test-{os.getpid()}"
HOSTS = {"a": "10.208.71", "b": "10.208.72"}  # /24 per host: .1 host side, .2 inside


class Forwarder:
    """``listen`` host:port -> 127.0.0.1:``target``, each connection piped both ways until either side ends."""

    def __init__(self, host: str, target: int):
        self.target = target
        self.server = socket.create_server((host, 0))
        self.port = self.server.getsockname()[1]
        self.open: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                down, _ = self.server.accept()
            except OSError:
                return
            up = socket.create_connection(("127.0.0.1", self.target))
            self.open += [down, up]
            for a, b in ((down, up), (up, down)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket):
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def close(self):
        self.server.close()
        for s in self.open:
            s.close()


def _sh(*args: str) -> None:
    subprocess.run(args, check=True, capture_output=True, timeout=30)


@pytest.fixture
def hosts():
    if os.geteuid() != 0:
        pytest.skip("the multi-host test makes network namespaces (ip netns): it needs root")
    if not shutil.which("ip"):
        pytest.skip("iproute2 (ip) is missing")
    if connection.vendor != "postgresql":
        pytest.skip("workers on other hosts share PostgreSQL (SQLite is a local file)")
    try:
        socket.create_connection(("127.0.0.1", 5672), timeout=1).close()
    except OSError:
        pytest.fail("RabbitMQ is not answering on 127.0.0.1:5672")
    made, forwarders = [], []
    try:
        for name, net in HOSTS.items():
            ns, veth = f"ecogov-h8-{name}", f"h8{name}0"
            _sh("ip", "netns", "add", ns)
            made.append(ns)
            _sh("ip", "link", "add", veth, "type", "veth", "peer", "name", f"h8{name}1")
            _sh("ip", "link", "set", f"h8{name}1", "netns", ns)
            _sh("ip", "addr", "add", f"{net}.1/24", "dev", veth)
            _sh("ip", "link", "set", veth, "up")
            _sh("ip", "netns", "exec", ns, "ip", "addr", "add", f"{net}.2/24", "dev", f"h8{name}1")
            _sh("ip", "netns", "exec", ns, "ip", "link", "set", f"h8{name}1", "up")
            _sh("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up")
        out = {}
        for name, net in HOSTS.items():
            pg, mq = Forwarder(f"{net}.1", int(connection.settings_dict["PORT"] or 5432)), Forwarder(f"{net}.1", 5672)
            forwarders += [pg, mq]
            out[name] = {"ns": f"ecogov-h8-{name}", "veth": f"h8{name}0", "ip": f"{net}.1", "pg": pg.port,
                         "mq": mq.port}
        yield out
    finally:
        for f in forwarders:
            f.close()
        for ns in made:
            subprocess.run(["ip", "netns", "del", ns], check=False, capture_output=True)
        for name in HOSTS:
            subprocess.run(["ip", "link", "del", f"h8{name}0"], check=False, capture_output=True)


class Worker:
    """A Celery worker process inside a namespace; its log lines collected as they come."""

    def __init__(self, host: dict, name: str, failpoint: str = ""):
        s = connection.settings_dict
        env = {**os.environ, "DATABASE_URL": f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{host['ip']}:{host['pg']}/"
                                              f"{s['NAME']}",
               "CELERY_BROKER_URL": f"amqp://guest:guest@{host['ip']}:{host['mq']}//", "ECOGOV_TEST_QUEUE": QUEUE}
        env.pop("REDIS_URL", None)
        env.pop("ECOGOV_FAILPOINT", None)
        if failpoint:
            env["ECOGOV_FAILPOINT"] = failpoint
        self.proc = subprocess.Popen(
            ["ip", "netns", "exec", host["ns"], CELERY, "-A", "ecogov.monitoring.tests.netns_celery", "worker",
             "-P", "solo", "-n", f"{name}@ecogov-test", "-Q", QUEUE, "-l", "INFO", "--without-mingle",
             "--without-gossip", "--without-heartbeat"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line)

    def wait_for(self, text: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while not any(text in line for line in self.lines):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"worker never logged {text!r}:\n{''.join(self.lines)[-3000:]}")
            time.sleep(0.2)

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_backfill_survives_a_lost_worker_host(hosts, archive):  # noqa: F811 - pytest fixture
    from ecogov.celery import app

    backfill_run(archive["paths"], use_workers=False)
    single = _snapshot()
    _clear()
    IngestBatch.objects.all().delete()

    saved = {k: app.conf[k] for k in ("broker_url", "task_default_queue", "task_always_eager")}
    app.conf.update(broker_url="amqp://guest:guest@127.0.0.1:5672//", task_default_queue=QUEUE,
                    task_always_eager=False)
    workers: list[Worker] = []
    done: dict = {}
    try:
        workers.append(Worker(hosts["a"], "a", failpoint="ingest.batch:1"))
        workers[0].wait_for("ready.")
        runner = threading.Thread(target=lambda: done.update(result=_run(archive["paths"])), daemon=True)
        runner.start()
        workers[0].wait_for("failpoint ingest.batch reached")  # A: its first file's readings are committed
        workers.append(Worker(hosts["b"], "b"))
        workers[1].wait_for("ready.")
        workers[0].kill()  # SIGKILL of every process of host A, then its link down
        _sh("ip", "link", "set", hosts["a"]["veth"], "down")
        runner.join(timeout=180)
        assert not runner.is_alive(), "the backfill did not complete on the remaining host"
    finally:
        for w in workers:
            w.kill()
        app.conf.update(saved)
        _delete_queue()
    result = done["result"]
    assert not isinstance(result, Exception), result
    assert result.ran == 5 and result.failed == 0
    assert _snapshot() == single
    assert BackfillFile.objects.filter(status="done").count() == 5
    # each reading written once: the lost worker's committed batch plus the others create every row once,
    # and the file it lost was completed by host B without updating a single row
    batches = IngestBatch.objects.filter(source="national").exclude(reference__startswith="station list")
    assert sum(b.rows_created for b in batches) == Reading.objects.count()
    assert sum(b.rows_updated for b in batches) == 0
    assert batches.filter(status="running").count() == 1  # the batch host A never finished
    assert any("ingest.batch" in line for line in workers[0].lines)
    assert not any("backfill_file" in line and "succeeded" in line for line in workers[0].lines)
    # host B ran all five tasks to the end, the one host A lost included (redelivered: acks_late)
    assert sum("monitoring.backfill_file" in line and "succeeded" in line for line in workers[1].lines) == 5


def _run(paths):
    try:
        return backfill_run(paths, use_workers=True, timeout=170)
    except Exception as exc:  # noqa: BLE001 - reported by the test's assertion
        return exc
    finally:
        connection.close()


def _delete_queue() -> None:
    from kombu import Connection

    with Connection("amqp://guest:guest@127.0.0.1:5672//") as conn:
        try:
            conn.default_channel.queue_delete(QUEUE)
        except Exception:  # noqa: BLE001 - nothing to delete
            pass
