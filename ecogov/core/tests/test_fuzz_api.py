"""The API contract under fuzzing: schemathesis (a real run of its CLI, fixed seed, a few
examples per operation) against /api/openapi.json of a live server, with a bureau leader's
token, over every operation. Fails on any server error (5xx), an undocumented status code,
an undocumented content type (an HTML 404 where JSON is documented) or an answer that does
not match its documented schema.

Phases: examples, fuzzing, and stateful: scenarios that follow the OpenAPI links the API
declares (``ecogov.api._link_chains``: create -> read -> transition), so the reads and moves
of objects made in the run are tested too, not only 404s of ids that do not exist. A second,
stateful-only run walks the chains of complaints, penalty cases, ledger items and inspection
plans (their creates pinned to the test tree's references): about 20 of their 28 links covered.

``make fuzz`` runs the same with many more examples (``ECOGOV_FUZZ_EXAMPLES``), more and
longer stateful scenarios and the coverage phase (boundary values of every parameter).
``ECOGOV_FUZZ_CHECKS`` replaces the list of checks, e.g. to add ``positive_data_acceptance``
(a schema-valid request must not be refused with 400/422), which still fails on operations whose
inputs refer to stored data (codes, files) the schema cannot enumerate.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import typing
from pathlib import Path

import pydantic
import pytest
from django.test import Client

from ecogov.api import api
from ecogov.core.models import ApiToken
from ecogov.core.validators import uscc_check_char

SCHEMATHESIS = str(Path(sys.executable).with_name("schemathesis"))
CHECKS = os.environ.get("ECOGOV_FUZZ_CHECKS", ",".join([
    "not_a_server_error", "status_code_conformance", "content_type_conformance", "response_schema_conformance"]))
PHASES = "examples,fuzzing,stateful"
#: The create -> read -> transition chains a second, stateful-only run walks (their creates are pinned).
CHAINS = ["complaints/complaints", "enforcement/cases", "rectification/items", "supervision/plans"]


#: Grid cell of district A in the test tree (``conftest.tree``) and a supervised object the run creates there.
GRID = "369902001001"
USCC_FIRST17 = "91369902000000001"
#: Body fields pinned to existing references, so that creates succeed and the stateful phase walks
#: their links (the other fields are generated); operation -> {field: value}.
PINS: dict[str, dict[str, object]] = {
    "POST /api/complaints/complaints": {"category": "air-dust", "jurisdiction_code": GRID, "channel": "hotline",
                                        "datum": "wgs84", "lon": 115.2, "lat": 28.5},
    "POST /api/enforcement/cases": {"opened_date": "2026-11-02", "source": "other"},
    "POST /api/rectification/items": {"jurisdiction": "369902", "deadline": "2026-12-31"},
    "POST /api/supervision/plans": {"jurisdiction_code": "369900", "level": "city", "scheme": "jiangxi_abc"},
}


def _toml(value: object) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else json.dumps(value, ensure_ascii=False)


def stateful_config(path: Path, *, scenarios: int, steps: int, pins: dict[str, dict[str, object]]) -> Path:
    """A schemathesis.toml bounding the stateful phase (``scenarios`` link walks of at most ``steps``
    calls) and pinning body fields of some operations."""
    lines = [f"[phases.stateful]\nmax-steps = {steps}\n",
             # walk the links the API declares, not the ones schemathesis guesses
             "[phases.stateful.inference]\nalgorithms = []\n",
             # valid requests only, so that the walks get past the create (fuzzing sends the invalid ones)
             f'[phases.stateful.generation]\nmax-examples = {scenarios}\nmode = "positive"\n']
    for name, fields in pins.items():
        pairs = ", ".join(f'"body.{key}" = {_toml(value)}' for key, value in fields.items())
        lines.append(f'[[operations]]\ninclude-name = "{name}"\nparameters = {{ {pairs} }}\n')
    path.write_text("\n".join(lines))
    return path


def run_schemathesis(url: str, token: str, *, examples: int, config: Path, checks: str = CHECKS,
                     seed: int = 20261202, phases: str = PHASES, timeout: float = 600,
                     only: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [SCHEMATHESIS, "--config-file", str(config), "run", f"{url}/api/openapi.json",
         "-H", f"Authorization: Bearer {token}",
         "--max-examples", str(examples), "--seed", str(seed), "--generation-deterministic",
         "--phases", phases, "--checks", checks, "--request-timeout", "20",
         "--workers", "1", "--no-color", *(["--include-path-regex", only] if only else [])],
        capture_output=True, text=True, timeout=timeout, env={**os.environ, "SCHEMATHESIS_HOOKS": ""},
    )


def _seed(client: Client, token: str) -> str:
    """A supervised object (through the API) for the case and plan creates to refer to; its USCC."""
    uscc = USCC_FIRST17 + uscc_check_char(USCC_FIRST17)
    made = client.post("/api/registry/objects", {"uscc": uscc, "name": "模糊测试企业", "jurisdiction": GRID},
                       content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert made.status_code == 201, made.content
    return uscc


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the migrations' reference data (categories)
def test_api_holds_its_contract_under_fuzzing(live_server, tree, make_user, tmp_path):
    leader = make_user("leader", tree["city"], username="fuzz-leader")
    key = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=leader, name="fuzz", key_hash=ApiToken.hash_key(key))
    pins = {**PINS, "POST /api/enforcement/cases": {**PINS["POST /api/enforcement/cases"], "uscc": _seed(Client(), key)}}
    examples = int(os.environ.get("ECOGOV_FUZZ_EXAMPLES", "2"))
    long_run = examples > 2  # make fuzz: the coverage phase (every boundary of every parameter) too
    config = stateful_config(tmp_path / "schemathesis.toml", scenarios=examples * 4 if long_run else 40,
                             steps=12 if long_run else 6, pins=pins)
    run = run_schemathesis(live_server.url, key, examples=examples, config=config,
                           phases="examples,coverage,fuzzing,stateful" if long_run else PHASES,
                           timeout=3600 if long_run else 600)
    summary = run.stdout[run.stdout.find("=== SUMMARY"):] if "=== SUMMARY" in run.stdout else run.stdout[-3000:]
    assert run.returncode == 0, run.stdout[-12000:] + run.stderr[-2000:]
    assert "Tested:" in summary and "✅ Stateful" in summary
    walks = run_schemathesis(live_server.url, key, examples=examples, config=config, phases="stateful",
                             only="^/api/(" + "|".join(CHAINS) + ")(/|$)", timeout=3600 if long_run else 600)
    assert walks.returncode == 0, walks.stdout[-12000:] + walks.stderr[-2000:]


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


def test_openapi_links_create_read_and_transition():
    """The links stateful fuzzing follows: create (201) -> read and transition, read (200) -> transition;
    the transition takes a move the answer allows when the answer lists them."""
    paths = api.get_openapi_schema(path_prefix="/api/")["paths"]

    def links(path: str, method: str, status: int) -> dict:
        return paths[path][method]["responses"][str(status)].get("links", {})

    for collection, read, move in [("/api/complaints/complaints", "complaint_detail", "complaint_transition"),
                                   ("/api/enforcement/cases", "get_case", "transition_case"),
                                   ("/api/rectification/items", "get_item", "transition"),
                                   ("/api/supervision/plans", "get_plan", "transition_plan")]:
        created = links(collection, "post", 201)
        assert created[read]["parameters"] == {"path.pk": "$response.body#/id"}
        assert paths[collection + "/{pk}"]["get"]["operationId"] == created[read]["operationId"]
        assert move in created and move in links(collection + "/{pk}", "get", 200)
        assert paths[collection + "/{pk}/transition"]["post"]["operationId"] == created[move]["operationId"]
    assert links("/api/complaints/complaints/{pk}", "get", 200)["complaint_transition"]["requestBody"] == {
        "to": "$response.body#/allowed/0"}
    assert links("/api/enforcement/cases/{pk}", "get", 200)["transition_case"]["requestBody"] == {
        "to": "$response.body#/allowed/0"}
    assert "requestBody" not in links("/api/supervision/plans/{pk}", "get", 200)["transition_plan"]
    # a read links to what is below it, never to itself; lists and answers without an id link nowhere
    assert "get_item" not in links("/api/rectification/items/{pk}", "get", 200)
    assert "links" not in paths["/api/rectification/items"]["get"]["responses"]["200"]
