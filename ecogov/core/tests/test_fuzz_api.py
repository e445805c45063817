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
import typing
from pathlib import Path

import pydantic
import pytest

from ecogov.api import api
from ecogov.core.models import ApiToken

SCHEMATHESIS = str(Path(sys.executable).with_name("schemathesis"))
CHECKS = os.environ.get("ECOGOV_FUZZ_CHECKS", "not_a_server_error,status_code_conformance,content_type_conformance")


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
                           phases="examples,coverage,fuzzing" if long_run else os.environ.get("ECOGOV_FUZZ_PHASES", "examples,fuzzing"),
                           timeout=3600 if long_run else 600)
    Path(os.environ.get("ECOGOV_FUZZ_OUT", os.devnull)).write_text(run.stdout + run.stderr)
    summary = run.stdout[run.stdout.find("=== SUMMARY"):] if "=== SUMMARY" in run.stdout else run.stdout[-3000:]
    assert run.returncode == 0, run.stdout[-12000:] + run.stderr[-2000:]
    assert "Tested:" in summary


def _schema_classes(annotation, found: dict[str, set[str]], done: set[int]) -> None:
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        if id(annotation) in done:
            return
        done.add(id(annotation))
        if annotation.__module__.startswith("ecogov."):
            found.setdefault(annotation.__name__, set()).add(f"{annotation.__module__}.{annotation.__qualname__}")
        for field in annotation.model_fields.values():
            _schema_classes(field.annotation, found, done)
    for arg in typing.get_args(annotation):
        _schema_classes(arg, found, done)


def test_every_schema_component_is_one_class():
    """Bodies and answers are OpenAPI components named after their class: two classes of one
    name (say two apps' ``SummaryOut``) would share one component and one would document the
    other's answers."""
    found: dict[str, set[str]] = {}
    done: set[int] = set()
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in (operation.response_models or {}).values():
                    _schema_classes(model, found, done)
                for model in operation.models:
                    if model.__ninja_param_source__ in ("body", "form", "file"):
                        _schema_classes(model, found, done)
    assert len(found) > 50
    assert {name: classes for name, classes in found.items() if len(classes) > 1} == {}
