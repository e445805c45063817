"""Docs coverage: every setting, command and API route is documented (datasette test_docs)."""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "scripts"))

import gen_docs  # noqa: E402


def test_every_environment_setting_is_documented():
    source = (ROOT / "ecogov" / "settings.py").read_text()
    names = set(re.findall(r'environ\.get\("([A-Z_]+)"', source))
    names |= set(re.findall(r'env_bool\("([A-Z_]+)"', source))
    names |= set(re.findall(r'env="([A-Z_]+)"', source))
    assert names, "the scan found no settings"
    documented = (ROOT / "docs" / "settings.md").read_text()
    assert sorted(n for n in names if f"`{n}`" not in documented) == []


def test_generated_api_and_cli_docs_are_up_to_date():
    stale = [p.name for p, text in gen_docs.render().items() if p.read_text() != text]
    assert stale == [], "run `.venv/bin/python scripts/gen_docs.py` and commit docs/"


def test_every_project_command_and_api_route_is_in_the_docs():
    cli = (ROOT / "docs" / "cli.md").read_text()
    assert all(f"`ecogov {name}`" in cli for name in gen_docs.project_commands())
    api = (ROOT / "docs" / "api.md").read_text()
    from ecogov.api import api as ninja_api

    paths = ninja_api.get_openapi_schema(path_prefix="/api/")["paths"]
    assert paths and all(f"`{p}`" in api for p in paths)


def test_architecture_page_walks_through_every_contribution_point():
    from ecogov.core import contrib

    text = (ROOT / "docs" / "architecture.md").read_text()
    assert "## How to add an app" in text
    assert [p.name for p in contrib.POINTS if f"`{p.name}`" not in text] == []
    kinds = {type(item).__name__ for p in contrib.POINTS for item in p} | {
        p.kind.__name__ for p in contrib.POINTS}
    assert sorted(k for k in kinds if f"{k}(" not in text) == []
    # the worked example registers through names that exist
    for name in ("contributions.register()", "ecogov/rectification/contributions.py", "ListPage(", "Workflow.steps"):
        assert name in text
