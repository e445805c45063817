"""The platform contract: apps plug in through core's contribution points, core
names no app, and every contribution that reads data reads through ``for_user``."""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from ninja import Router

from ecogov.core import contrib
from ecogov.core.querysets import RestrictedQuerySet

CORE = Path(__file__).resolve().parents[1]
DOMAIN = sorted(set(settings.DOMAIN_APPS) - {"core"})


def _core_modules():
    for path in sorted(CORE.rglob("*.py")):
        rel = path.relative_to(CORE).parts
        if "tests" in rel or "migrations" in rel:
            continue
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def test_core_imports_and_names_no_domain_app():
    apps_re = "|".join(DOMAIN)
    named = re.compile(rf"(\becogov\.({apps_re})\b|^({apps_re}):\w|^({apps_re})\.[A-Z]\w*$|^({apps_re})$)")
    found = []
    for path, tree in _core_modules():
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef)) and n.body
                      and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and named.search(node.module):
                found.append(f"{path.name}:{node.lineno} from {node.module}")
            elif isinstance(node, ast.Import):
                found += [f"{path.name}:{node.lineno} import {a.name}" for a in node.names if named.search(a.name)]
            elif (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
                  and named.search(node.value)):
                found.append(f"{path.name}:{node.lineno} {node.value!r}")
    assert found == []


def test_every_domain_app_registers_through_ready():
    registered = {m.module.split(".")[1] for m in contrib.urls} | {i.key for i in contrib.demo_loaders}
    with_pages = {a for a in DOMAIN if (Path(apps.get_app_config(a).path) / "urls.py").exists()}
    assert with_pages <= registered


def test_navigation_and_portal_links_point_at_real_pages():
    broken = []
    for item in [*contrib.nav, *contrib.portal_links]:
        try:
            reverse(item.url_name)
        except NoReverseMatch:
            broken.append(item.url_name)
    assert broken == []
    assert all(item.roles <= contrib.EVERYONE for item in contrib.nav)


def test_routers_loaders_and_beat_entries_resolve():
    assert all(isinstance(contrib.resolve(r.router), Router) for r in contrib.api_routers)
    assert all(callable(contrib.resolve(d.load)) for d in contrib.demo_loaders)
    assert [d.key for d in contrib.demo_loaders][0] == "core"
    from ecogov.celery import app as celery_app

    celery_app.loader.import_default_modules()
    assert {e.task for e in contrib.beat} <= set(celery_app.tasks)


def test_a_point_refuses_the_wrong_type_and_a_second_registration():
    with pytest.raises(TypeError):
        contrib.nav.add(contrib.PortalLink("x:y", "x"))
    first = next(iter(contrib.nav))
    contrib.nav.add(first)  # the same item again is harmless (ready() may run twice in tests)
    with pytest.raises(ValueError):
        contrib.nav.add(contrib.NavItem(first.url_name, "other label"))


@pytest.fixture
def reads(monkeypatch):
    """The models each call reads through ``for_user``."""
    seen: list[str] = []
    original = RestrictedQuerySet.for_user

    def recording(self, user, action="view"):
        seen.append(self.model._meta.label)
        return original(self, user, action)

    monkeypatch.setattr(RestrictedQuerySet, "for_user", recording)
    return seen


def _call(point, provider, user):
    today = dt.date(2026, 11, 20)
    if point is contrib.clock_sources:
        return list(provider(user, today=today, horizon_days=30))
    if point in (contrib.indicators, contrib.briefing_sections):
        return provider(user, jurisdiction=user.jurisdiction, start=dt.date(2026, 1, 1), end=today)
    if point is contrib.map_layers:
        return provider(user)
    if point is contrib.home_cards:
        return provider(user)
    # related panels: offer an object of every restricted model; a provider answers for its own kinds
    out = []
    for model in apps.get_models():
        if isinstance(getattr(model, "objects", None) and model.objects.all(), RestrictedQuerySet):
            out += provider(user, model(pk=1))
    return out


@pytest.mark.django_db
@pytest.mark.parametrize("point", [contrib.get_point(n) for n in contrib.USER_PROVIDERS], ids=list(contrib.USER_PROVIDERS))
def test_every_data_contribution_takes_the_user_and_reads_through_for_user(point, tree, district_a_user, reads):
    for item, provider in contrib.providers(point):
        params = list(inspect.signature(provider).parameters)
        assert params and params[0] == "user", f"{point.name}:{item.key} must take the user first"
        reads.clear()
        _call(point, provider, district_a_user)
        assert reads, f"{point.name}:{item.key} read nothing through for_user"
