"""Shared fixtures: a small jurisdiction tree, users of every role, API clients,
and a real browser (Debian's chromium through Playwright) for UI tests."""

from __future__ import annotations

import os
import shutil

import pytest
from django.test import Client

from ecogov.testing import factories

TEST_PASSWORD = factories.TEST_PASSWORD


def pytest_configure(config):
    from django.conf import settings

    # Fast hashing in tests only; production keeps Django's PBKDF2 default.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache(monkeypatch):
    """Each test starts with an empty cache (public pages, throttling counters), and public pages
    ask for their data version on every request (no two-second memo across a test's writes)."""
    from django.core.cache import cache

    from ecogov.core import cache as public_cache

    cache.clear()
    public_cache._stamps.clear()
    monkeypatch.setattr(public_cache, "STAMP_SECONDS", -1.0)
    yield
    cache.clear()


@pytest.fixture
def tree(db):
    """City 369900 > districts A (369902) and B (369903) > one street each > one grid each."""
    return factories.jurisdiction_tree()


@pytest.fixture
def make_user(db):
    return factories.user


@pytest.fixture
def admin_user(tree):
    return factories.user("admin", tree["city"], username="root", is_superuser=True)


@pytest.fixture
def officer(tree):
    return factories.user("officer", tree["city"], username="officer")


@pytest.fixture
def district_a_user(tree):
    return factories.user("district", tree["district_a"], username="district_a")


@pytest.fixture
def client_for():
    """``client_for(user)`` -> a Django test client signed in as ``user``."""

    def build(user, **headers):
        client = Client(**headers)
        client.force_login(user)
        return client

    return build


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, driven by Playwright (never a downloaded browser)."""
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(executable):
        pytest.fail("Debian's chromium is missing: run `make deps` (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=executable,
            headless=True,
            args=[
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()
