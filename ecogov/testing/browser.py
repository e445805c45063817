"""Steps shared by the real-browser tests (Playwright driving Debian's chromium)."""

from __future__ import annotations

from .factories import TEST_PASSWORD


def sign_in(page, base: str, user, next_url: str, *, wait_for_url: bool = True) -> None:
    """Sign ``user`` in on the login page and follow ``next_url``; wait until it is open unless the
    caller waits for something of its own."""
    page.goto(f"{base}/accounts/login/?next={next_url}")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("button[type=submit]")
    if wait_for_url:
        page.wait_for_url(f"{base}{next_url}")
    else:
        page.wait_for_load_state()


def submit_folded_form(page, selector: str, *, fields: dict | None = None, files: dict | None = None,
                       selects: dict | None = None) -> None:
    """Unfold the ``<details>`` that holds the form ``selector``, fill it and submit it."""
    form = page.locator(selector)
    form.locator("xpath=..").locator("summary").click()
    for name, value in (fields or {}).items():
        form.locator(f"[name={name}]").fill(value)
    for name, payload in (files or {}).items():
        form.locator(f"[name={name}]").set_input_files(payload)
    for name, value in (selects or {}).items():
        form.locator(f"select[name={name}]").select_option(value)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
