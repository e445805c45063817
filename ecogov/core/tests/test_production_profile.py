"""The production profile (ECOGOV_PRODUCTION=1, docs/settings.md): `ecogov check --deploy` reports
nothing under it (and does report under the default profile), it refuses to start without a
secret key in the environment, and behind a TLS-terminating proxy plain HTTP is redirected while
requests the proxy marks as HTTPS get HSTS, in a fresh process configured only by its environment."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _env(tmp_path, **extra) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ECOGOV_", "DJANGO_"))}
    env.update(ECOGOV_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="ecogov.settings", **extra)
    return env


def _ecogov(env, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ecogov.cli", *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_check_deploy_reports_nothing_under_the_production_profile(tmp_path):
    env = _env(tmp_path, ECOGOV_PRODUCTION="1", ECOGOV_SECRET_KEY=secrets.token_urlsafe(50))
    run = _ecogov(env, "check", "--deploy", "--fail-level", "DEBUG")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "System check identified no issues (0 silenced)." in run.stdout


def test_the_default_profile_is_not_fit_for_deployment(tmp_path):
    run = _ecogov(_env(tmp_path), "check", "--deploy")
    out = run.stdout + run.stderr
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):  # HSTS, redirect, cookies
        assert check in out, out


def test_production_needs_the_secret_key_from_the_environment(tmp_path):
    run = _ecogov(_env(tmp_path, ECOGOV_PRODUCTION="1"), "check")
    assert run.returncode != 0
    assert "ECOGOV_SECRET_KEY" in run.stderr
    assert not (tmp_path / "secret_key").exists()  # no key was made up on disk


PROBE = """
import json, django
django.setup()
from django.test import Client
c = Client()
plain = c.get("/static/ecogov/app.css")
proxied = c.get("/static/ecogov/app.css", HTTP_X_FORWARDED_PROTO="https")
page = c.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https")
print(json.dumps({"plain": [plain.status_code, plain.get("Location", "")],
                  "proxied": [proxied.status_code, proxied.get("Strict-Transport-Security", "")],
                  "csp": page.get("Content-Security-Policy", ""),
                  "cookie": str(page.cookies.get("csrftoken", ""))}))
"""


def test_behind_a_tls_proxy(tmp_path):
    env = _env(tmp_path, ECOGOV_PRODUCTION="1", ECOGOV_PROXY_SSL_HEADER="1", ECOGOV_SECRET_KEY=secrets.token_urlsafe(50))
    run = subprocess.run([sys.executable, "-c", PROBE], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["plain"] == [301, "https://testserver/static/ecogov/app.css"]
    assert seen["proxied"] == [200, "max-age=31536000; includeSubDomains; preload"]
    directives = dict(d.strip().split(" ", 1) for d in seen["csp"].split(";") if d.strip())
    assert directives["default-src"] == "'self'" and directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert "secure" in seen["cookie"].lower()
