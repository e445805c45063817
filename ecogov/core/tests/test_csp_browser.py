"""The Content-Security-Policy in a real browser (Debian's chromium): staff and public pages load
with the header on, and the browser reports no violation, no console error and no page error;
the charts drawn by the moved scripts are there and the data-attribute behaviours still work."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlparse

import pytest
from django.utils import timezone

from ecogov.testing import factories
from ecogov.testing.browser import sign_in

#: Records every violation the page reports (an init script runs outside the page's CSP).
WATCH = """(() => { window.__csp = [];
  document.addEventListener('securitypolicyviolation',
    e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber));
})();"""


@pytest.fixture
def monitored(tree):
    from ecogov.monitoring.models import Reading, Station, WaterSample, WaterSection

    station = Station.objects.create(code="369900051", name="市监测站", kind="national", jurisdiction=tree["grid_a"],
                                     lon=115.49, lat=28.5)
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    for n in range(6):
        Reading.objects.create(station=station, time=hour - dt.timedelta(hours=n), so2=5, no2=10, co=0.5, o3=20,
                               pm10=30, pm25=40 + n, source="test", ingested=timezone.now())
    section = WaterSection.objects.create(code="S1", name="清河1号", level="national", river="清河",
                                          water_body_kind="river", target_class=3, jurisdiction=tree["district_a"])
    for month in (1, 2, 3):
        WaterSample.objects.create(section=section, date=dt.date(2026, month, 10), values={"nh3n": 0.4 * month, "do": 7})
    return station, section


def _watch(page, problems: list[str], hosts: set[str]) -> None:
    page.add_init_script(WATCH)
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("request", lambda req: hosts.add(urlparse(req.url).hostname or req.url.split(":")[0]))


def _open(page, url: str, problems: list[str], *, ready: str | None = None) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    policy = response.headers.get("content-security-policy", "")
    assert "default-src 'self'" in policy and "script-src 'self'" in policy, (url, policy)
    page.wait_for_load_state("networkidle")
    if ready:
        page.wait_for_selector(ready, state="attached")
    problems.extend(f"{url}: {v}" for v in page.evaluate("() => window.__csp"))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pages_work_under_the_content_security_policy(tree, monitored, live_server, page):
    station, section = monitored
    leader = factories.user("leader", tree["city"], username="leader1")
    problems: list[str] = []
    hosts: set[str] = set()
    _watch(page, problems, hosts)
    base = live_server.url

    # the public portal, its air page and the complaint form (its contact fields fold away when anonymous)
    _open(page, f"{base}/public/", problems)
    _open(page, f"{base}/public/monitoring/", problems)
    _open(page, f"{base}/public/dashboard/map/", problems, ready="#map-status[data-ready='1']")
    _open(page, f"{base}/public/complaints/", problems, ready="#pick-map .leaflet-pane")
    assert page.locator("#reporter-fields").is_visible()
    page.check("#id_anonymous")
    assert page.locator("#reporter-fields").is_hidden()
    assert page.evaluate("() => getComputedStyle(document.getElementById('pick-map')).height") == "340px"

    sign_in(page, base, leader, "/")
    _open(page, f"{base}/", problems)
    _open(page, f"{base}/dashboard/", problems, ready="#chart-ranking canvas")
    assert page.evaluate("() => getComputedStyle(document.querySelector('.tiles')).display") == "grid"
    _open(page, f"{base}/dashboard/map/", problems, ready="#map-status[data-ready='1']")
    _open(page, f"{base}/registry/", problems)
    _open(page, f"{base}/monitoring/", problems)
    _open(page, f"{base}/monitoring/stations/{station.code}/", problems, ready="#calendar canvas")
    assert page.locator("#hourly canvas").count() >= 1
    _open(page, f"{base}/monitoring/water/{section.code}/", problems, ready="#trend canvas")
    _open(page, f"{base}/accounts/password/", problems)

    # the language switch submits its form from the static script
    page.select_option("select[name=language]", "en")
    # the form submits on change: wait for the page it leads to (networkidle can come before it starts)
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "en"
    problems.extend(page.evaluate("() => window.__csp"))

    assert problems == []
    assert hosts <= {"127.0.0.1", "localhost"}, hosts
