"""The API contract under fuzzing: schemathesis (a real run of its CLI, fixed seed, a few
examples per operation) against /api/openapi.json of a live server, with a bureau leader's
token, over every operation. Fails on any server error (5xx), an undocumented status code
or an undocumented content type (an HTML 404 where JSON is documented).

``make fuzz`` runs the same with many more examples (``ECOGOV_FUZZ_EXAMPLES``), the coverage
phase (boundary values of every parameter) and the response-schema check.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from ecogov.core.models import ApiToken

SCHEMATHESIS = str(Path(sys.executable).with_name("schemathesis"))
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance"


def run_schemathesis(url: str, token: str, *, examples: int, checks: str = CHECKS, seed: int = 20261202,
                     phases: str = "examples,fuzzing", timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [SCHEMATHESIS, "run", f"{url}/api/openapi.json", "-H", f"Authorization: Bearer {token}",
         "--max-examples", str(examples), "--seed", str(seed), "--generation-deterministic",
         "--phases", phases, "--checks", checks, "--request-timeout", "20",
         "--workers", "1", "--no-color"],
        capture_output=True, text=True, timeout=timeout, env={**os.environ, "SCHEMATHESIS_HOOKS": ""},
    )


@pytest.mark.services
def test_api_holds_its_contract_under_fuzzing(live_server, tree, make_user):
    leader = make_user("leader", tree["city"], username="fuzz-leader")
    key = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=leader, name="fuzz", key_hash=ApiToken.hash_key(key))
    examples = int(os.environ.get("ECOGOV_FUZZ_EXAMPLES", "2"))
    long_run = examples > 2  # make fuzz: the coverage phase (every boundary of every parameter) too
    run = run_schemathesis(live_server.url, key, examples=examples,
                           checks=CHECKS + (",response_schema_conformance" if long_run else ""),
                           phases="examples,coverage,fuzzing" if long_run else "examples,fuzzing",
                           timeout=3600 if long_run else 600)
    summary = run.stdout[run.stdout.find("=== SUMMARY"):] if "=== SUMMARY" in run.stdout else run.stdout[-3000:]
    assert run.returncode == 0, run.stdout[-12000:] + run.stderr[-2000:]
    assert "Tested:" in summary
