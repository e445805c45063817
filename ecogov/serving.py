"""How ``ecogov serve`` runs the platform: gunicorn (a production WSGI server) with
workers and threads sized from the machine, or Django's development server with
``--dev``."""

from __future__ import annotations

import os


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def web_workers() -> int:
    """Processes: one per core (at least 2, so one can restart while the other serves), at most 8.
    Cached public answers are CPU-bound (about 1.5 ms each): more processes than cores only contend."""
    return int(os.environ.get("ECOGOV_WEB_WORKERS") or min(max(2, cores()), 8))


def web_threads() -> int:
    """Threads per process: staff pages wait on the database, so a few per worker."""
    return int(os.environ.get("ECOGOV_WEB_THREADS") or 4)


def gunicorn_argv(python: str, *, host: str, port: int, pidfile: str) -> list[str]:
    return [python, "-m", "gunicorn", "-c", "python:ecogov.gunicorn_conf",
            "--bind", f"{host}:{port}", "--pid", pidfile, "ecogov.wsgi:application"]
