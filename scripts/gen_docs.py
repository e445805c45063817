"""Regenerate the generated parts of docs/api.md and docs/cli.md (between the
``<!-- generated -->`` markers) from the OpenAPI schema and the management
commands. ``make docs`` runs it; a test fails when the docs are out of date."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- generated:start -->", "<!-- generated:end -->"


def api_table() -> str:
    from ecogov.api import api

    spec = api.get_openapi_schema(path_prefix="/api/")
    lines = ["| method | path | summary |", "|---|---|---|"]
    for path, ops in sorted(spec["paths"].items()):
        for method, op in sorted(ops.items()):
            summary = (op.get("summary") or op.get("operationId") or "").replace("|", "\\|")
            lines.append(f"| {method.upper()} | `{path}` | {summary} |")
    return "\n".join(lines)


def project_commands() -> dict[str, str]:
    from django.core.management import get_commands, load_command_class

    out = {}
    for name, app in sorted(get_commands().items()):
        if app.startswith("ecogov."):
            out[name] = load_command_class(app, name).help.strip().splitlines()[0] if app else ""
    return out


def cli_table() -> str:
    lines = ["| command | what it does |", "|---|---|"]
    for name, help_text in project_commands().items():
        lines.append(f"| `ecogov {name}` | {help_text.replace('|', '/')} |")
    return "\n".join(lines)


def replace_generated(text: str, body: str) -> str:
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{body}\n{END}{tail}"


def render() -> dict[Path, str]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecogov.settings")
    import django

    django.setup()
    out = {}
    for name, body in (("api.md", api_table()), ("cli.md", cli_table())):
        path = ROOT / "docs" / name
        out[path] = replace_generated(path.read_text(), body)
    return out


if __name__ == "__main__":
    for path, text in render().items():
        path.write_text(text)
        print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)
