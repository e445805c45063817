"""``ecogov serve`` runs gunicorn: static files with hashed names and a year of cache,
compressed; ``kill -HUP`` restarts the workers without a failed request."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from ecogov import serving

ECOGOV = str(Path(sys.executable).with_name("ecogov"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, headers: dict | None = None):
    req = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(req, timeout=20) as r:
        return r.status, dict(r.headers), r.read()


def test_workers_follow_the_cores(monkeypatch):
    monkeypatch.delenv("ECOGOV_WEB_WORKERS", raising=False)
    monkeypatch.setattr(serving, "cores", lambda: 2)
    assert serving.web_workers() == 2
    monkeypatch.setattr(serving, "cores", lambda: 1)
    assert serving.web_workers() == 2  # one can restart while the other serves
    monkeypatch.setattr(serving, "cores", lambda: 64)
    assert serving.web_workers() == 8
    monkeypatch.setenv("ECOGOV_WEB_WORKERS", "3")
    assert serving.web_workers() == 3


@pytest.mark.services
def test_gunicorn_serves_hashed_static_and_restarts_gracefully(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(ECOGOV_VAR_DIR=str(tmp_path), ECOGOV_WEB_WORKERS="2", ECOGOV_WEB_THREADS="2")
    subprocess.run([ECOGOV, "migrate", "--noinput", "-v", "0"], env=env, check=True, timeout=300)
    port = _free_port()
    proc = subprocess.Popen([ECOGOV, "serve", "--port", str(port)], env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                status, headers, body = _get(f"{base}/public/")
                break
            except OSError:
                time.sleep(0.5)
        assert status == 200
        assert "gunicorn" in headers.get("Server", "")
        css = re.search(r'href="(/static/ecogov/app\.[0-9a-f]{12}\.css)"', body.decode()).group(1)
        status, headers, _ = _get(base + css, {"Accept-Encoding": "gzip"})
        assert status == 200 and "immutable" in headers["Cache-Control"] and "max-age=315360000" in headers["Cache-Control"]
        assert headers.get("Content-Encoding") == "gzip"
        # graceful restart under traffic: HUP the master, every request still answered
        failures: list[str] = []
        stop = threading.Event()

        def hammer():
            while not stop.is_set():
                try:
                    _get(f"{base}/public/")
                except OSError as exc:
                    failures.append(str(exc))

        threads = [threading.Thread(target=hammer) for _ in range(4)]
        for t in threads:
            t.start()
        time.sleep(1)
        pid = int((tmp_path / "gunicorn.pid").read_text())
        os.kill(pid, signal.SIGHUP)
        time.sleep(6)
        stop.set()
        for t in threads:
            t.join()
        assert failures == []
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)
