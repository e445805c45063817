"""A database a real ``ecogov`` subprocess can use, for crash and command tests.

On SQLite the tests' database lives in memory, out of reach of another process: a migrated file is made
once per session and copied for each use. On PostgreSQL the subprocess uses the test database itself
(tests marked ``django_db(transaction=True)``), emptied between runs. Rows are read back with plain SQL
(``query``), keyed by natural codes, so two runs compare whatever ids they got.

Two ways to crash a subprocess at a known place, then SIGKILL it:

- ``run_until_failpoint("derived.step:9", "ingest", ...)``: an ``ecogov`` command with
  ``ECOGOV_FAILPOINT`` set; the code's own hook (``monitoring.derived.failpoint``) stops there.
- ``call_until_sql(PATTERN, N, "pkg.module:function", **kwargs)``: any function, run by this module as
  ``python -m ecogov.testing.subprocess_db pkg.module:function JSON`` with a SQL failpoint: once the
  N-th statement matching the regular expression PATTERN has been executed (inside the service's
  transaction, or after it), the process says so and waits to be killed. Nothing in the code under test
  is changed: the hook is Django's own ``connection.execute_wrapper``.

``call("pkg.module:function", **kwargs)`` runs the same function to completion and returns what it
returned (JSON).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

ECOGOV = str(Path(sys.executable).with_name("ecogov"))
#: Left alone by ``reset`` on PostgreSQL (what migrate made and every run shares).
KEEP_TABLES = frozenset({"django_migrations", "django_content_type", "auth_permission"})
FAILPOINT_REACHED = re.compile(r"^failpoint .* reached$")

_template: dict[str, Path] = {}


class SubprocessDB:
    """One database for subprocesses: ``env`` to run them with, ``query`` to read it, ``reset`` to empty."""

    def __init__(self, tmp: Path):
        from django.db import connection

        self.tmp = tmp
        self.vendor = connection.vendor
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("ECOGOV_FAILPOINT")}
        self.env.pop("ECOGOV_SQL_FAILPOINT", None)
        self.env.pop("REDIS_URL", None)
        self.env.pop("CELERY_BROKER_URL", None)
        self.env["ECOGOV_MEDIA_ROOT"] = str(tmp / "media")
        if self.vendor == "sqlite":
            self.path = tmp / "subprocess.sqlite3"
            shutil.copy(_sqlite_template(tmp), self.path)
            self.env["DATABASE_URL"] = f"sqlite:///{self.path}"
        else:
            s = connection.settings_dict
            self.env["DATABASE_URL"] = (f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST'] or '127.0.0.1'}:"
                                        f"{s['PORT'] or 5432}/{s['NAME']}")

    # --- reading and emptying ----------------------------------------------------------------------

    def query(self, sql: str) -> list[tuple]:
        if self.vendor == "sqlite":
            with sqlite3.connect(self.path) as db:
                return db.execute(sql).fetchall()
        from django.db import connection

        with connection.cursor() as cur:
            cur.execute(sql)
            return [tuple(r) for r in cur.fetchall()]

    def snapshot(self, queries: dict[str, str]) -> dict[str, list[tuple]]:
        """``{name: rows}`` of each named query."""
        return {name: self.query(sql) for name, sql in queries.items()}

    def count(self, table: str) -> int:
        return self.query(f"SELECT COUNT(*) FROM {table}")[0][0]

    def reset(self, tables: Iterable[str] | None = None) -> None:
        """An empty database again: a fresh copy on SQLite; on PostgreSQL ``tables`` (default: every
        table of the project's models but ``KEEP_TABLES``) truncated, their id sequences restarted."""
        if self.vendor == "sqlite":
            shutil.copy(_sqlite_template(self.tmp), self.path)
            return
        from django.db import connection

        names = list(tables) if tables is not None else sorted(
            set(connection.introspection.django_table_names(only_existing=True, include_views=False)) - KEEP_TABLES)
        with connection.cursor() as cur:
            cur.execute(f"TRUNCATE {', '.join(connection.ops.quote_name(n) for n in names)} RESTART IDENTITY CASCADE")

    # --- running ------------------------------------------------------------------------------------

    def run(self, *args: str, extra_env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
        """``ecogov ARGS`` to completion."""
        return subprocess.run(command(args), env={**self.env, **(extra_env or {})}, capture_output=True,
                              text=True, timeout=timeout, check=False)

    def run_until_failpoint(self, failpoint: str, *args: str, timeout: float = 300) -> str:
        """Start ``ecogov ARGS`` with the failpoint set, wait until it is reached, SIGKILL the process; returns
        what the process wrote on stderr."""
        return self._kill_at_failpoint(command(args), {"ECOGOV_FAILPOINT": failpoint}, timeout)

    def call(self, target: str, timeout: float = 120, **kwargs):
        """Run ``target`` (``"pkg.module:function"``) with ``kwargs`` in a subprocess; its JSON answer."""
        done = subprocess.run(call_command(target, kwargs), env=self.env, capture_output=True, text=True,
                              timeout=timeout, check=False)
        if done.returncode != 0:
            raise AssertionError(f"{target} failed ({done.returncode}):\n{done.stderr[-3000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    def call_until_sql(self, pattern: str, nth: int, target: str, *, in_transaction: bool = False,
                       timeout: float = 120, **kwargs) -> str:
        """Run ``target`` in a subprocess until the ``nth`` SQL statement matching ``pattern`` has executed
        (counting only statements inside a transaction when ``in_transaction``), then SIGKILL it; returns
        its stderr (with every statement when ``ECOGOV_SQL_TRACE=1``)."""
        extra = {"ECOGOV_SQL_FAILPOINT": f"{'tx:' if in_transaction else ''}{nth}:{pattern}"}
        if os.environ.get("ECOGOV_SQL_TRACE"):
            extra["ECOGOV_SQL_TRACE"] = "1"
        return self._kill_at_failpoint(call_command(target, kwargs), extra, timeout)

    def _kill_at_failpoint(self, argv: list[str], extra_env: dict, timeout: float) -> str:
        proc = subprocess.Popen(argv, env={**self.env, **extra_env}, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + timeout
        seen = []
        try:
            assert proc.stderr is not None
            for line in proc.stderr:
                seen.append(line)
                if FAILPOINT_REACHED.match(line.strip()):
                    break
                if time.monotonic() > deadline:
                    break
            else:
                raise AssertionError(f"process ended before its failpoint {extra_env}: {''.join(seen)[-3000:]}")
            assert time.monotonic() <= deadline, f"failpoint {extra_env} not reached in {timeout} s"
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        return "".join(seen)


def command(args) -> list[str]:
    """``ecogov ARGS`` without Django's system checks (they import every app's URLs: another app's broken
    module must not hide what these tests measure)."""
    return [ECOGOV, args[0], "--skip-checks", *args[1:]]


def call_command(target: str, kwargs: dict) -> list[str]:
    return [sys.executable, "-m", "ecogov.testing.subprocess_db", target, json.dumps(kwargs)]


def _sqlite_template(tmp: Path) -> Path:
    """A migrated SQLite file, made once per test session."""
    if "path" not in _template:
        path = tmp.parent / "ecogov-subprocess-template.sqlite3"
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env["DATABASE_URL"] = f"sqlite:///{path}"
        subprocess.run(command(("migrate", "--noinput", "-v", "0")), env=env, check=True, timeout=300)
        with sqlite3.connect(path) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        _template["path"] = path
    return _template["path"]


# --- the subprocess side ---------------------------------------------------------------------------


class SqlFailpoint:
    """``connection.execute_wrapper`` hook of the spec ``[tx:]N:PATTERN``: after the N-th statement matching
    the regular expression PATTERN (inside a transaction only, with ``tx:``) has executed, say ``failpoint
    sql reached`` on stderr and wait to be killed. ``trace`` writes every statement.

    Note that a statement has executed but may not be committed yet: on SQLite an autocommitted
    ``INSERT ... RETURNING`` commits only once its row is read, after this hook."""

    def __init__(self, spec: str, trace: bool = False):
        self.in_transaction = spec.startswith("tx:")
        nth, _, pattern = spec.removeprefix("tx:").partition(":")
        self.nth, self.regex, self.trace, self.hits = int(nth), re.compile(pattern), trace, 0

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        in_atomic = context["connection"].in_atomic_block
        if self.trace:
            sys.stderr.write(f"sql{' (tx)' if in_atomic else ''}: {sql[:160]}\n")
        if self.regex.search(sql) and (in_atomic or not self.in_transaction):
            self.hits += 1
            if self.hits == self.nth:
                sys.stderr.write("failpoint sql reached\n")
                sys.stderr.flush()
                while True:
                    time.sleep(60)
        return result


def _main(target: str, kwargs_json: str) -> None:
    """Set Django up, import ``target``, call it under the SQL failpoint if one is set, print its answer."""
    import contextlib
    import importlib

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecogov.settings")
    import django

    django.setup()
    from django.db import connection

    module, _, name = target.partition(":")
    func = getattr(importlib.import_module(module), name)
    spec = os.environ.get("ECOGOV_SQL_FAILPOINT", "")
    trace = bool(os.environ.get("ECOGOV_SQL_TRACE"))
    hook = connection.execute_wrapper(SqlFailpoint(spec or "0:^$", trace)) if spec or trace else None
    with hook or contextlib.nullcontext():
        answer = func(**json.loads(kwargs_json))
    sys.stdout.write(json.dumps(answer, default=str) + "\n")


if __name__ == "__main__":
    _main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "{}")
