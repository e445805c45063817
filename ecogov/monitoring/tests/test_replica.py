"""Public reads from a real streaming replica, staff reads on the primary (``core.dbrouter``).

The test makes its own primary and replica clusters (``initdb``, ``pg_basebackup -R``, ``pg_ctl``) on free
ports, and runs the platform in a process configured with ``DATABASE_URL`` (the primary) and
``DATABASE_REPLICA_URL`` (the replica): with the replica's replay paused, a station created on the primary
is absent from the anonymous public API's answer and present in the staff's."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.db import connection

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg(*args: str, timeout: float = 120) -> None:
    subprocess.run(["runuser", "-u", "postgres", "--", *args], check=True, capture_output=True, timeout=timeout)


@pytest.fixture
def clusters():
    if connection.vendor != "postgresql":
        pytest.skip("the read replica is a PostgreSQL setup: run with the PostgreSQL pass")
    if os.geteuid() != 0 or not (PG_BIN / "initdb").exists() or not shutil.which("runuser"):
        pytest.skip("starting PostgreSQL clusters needs root (to run as postgres) and PostgreSQL 15's binaries")
    root = tempfile.mkdtemp(prefix="ecogov-replica-")
    shutil.chown(root, "postgres")
    primary, replica = os.path.join(root, "primary"), os.path.join(root, "replica")
    ports = {"primary": _port(), "replica": _port()}
    started = []
    try:
        _pg(str(PG_BIN / "initdb"), "-D", primary, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        with open(os.path.join(primary, "postgresql.conf"), "a") as fh:
            fh.write(f"port = {ports['primary']}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{root}'\n"
                     "fsync = off\nwal_level = replica\nmax_wal_senders = 4\n")
        _pg(str(PG_BIN / "pg_ctl"), "-D", primary, "-l", os.path.join(root, "primary.log"), "-w", "start")
        started.append(primary)
        _pg(str(PG_BIN / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(ports["primary"]), "-U", "postgres",
            "-D", replica, "-R", "-X", "stream")
        with open(os.path.join(replica, "postgresql.conf"), "a") as fh:
            fh.write(f"port = {ports['replica']}\nhot_standby = on\n")
        _pg(str(PG_BIN / "pg_ctl"), "-D", replica, "-l", os.path.join(root, "replica.log"), "-w", "start")
        started.append(replica)
        yield ports
    finally:
        for data in reversed(started):
            subprocess.run(["runuser", "-u", "postgres", "--", str(PG_BIN / "pg_ctl"), "-D", data, "-m", "immediate",
                            "-w", "stop"], check=False, capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


def test_public_reads_from_the_replica_staff_from_the_primary(clusters):
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "CELERY_BROKER_URL")}
    env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:{clusters['primary']}/postgres"
    env["DATABASE_REPLICA_URL"] = f"postgres://postgres@127.0.0.1:{clusters['replica']}/postgres"
    proc = subprocess.run([sys.executable, "-m", "ecogov.monitoring.tests.replica_probe"], env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["replica_in_recovery"] is True  # a real standby
    assert result["public"] == ["R1"]  # R2 was written after the replica's replay was paused
    assert result["staff"] == ["R1", "R2"]  # staff read the primary
