"""The one map in a real browser (Debian's chromium): a leader signs in, turns layers on,
opens a station's rings and reads the inventory table; no request leaves 127.0.0.1."""

from urllib.parse import urlparse

import pytest

from ecogov.testing import factories
from ecogov.testing.browser import sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_leader_opens_the_map_layers_and_a_stations_rings(sources, station, tree, live_server, page):
    leader = factories.user("leader", tree["city"], username="leader1")
    hosts: set[str] = set()
    errors: list[str] = []
    page.on("request", lambda req: hosts.add(urlparse(req.url).hostname or req.url.split(":")[0]))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server.url, leader, "/dashboard/map/", wait_for_url=False)
    page.wait_for_selector("#map-status[data-ready='1']", state="attached")
    # the base (boundaries) and the stations are on by default
    drawn = page.evaluate("() => Object.fromEntries(Object.entries(window.ecogovMap.active).map(([k, g]) => [k, g.getLayers().length]))")
    assert drawn["boundaries"] == 5  # the city, two districts, two streets (grid cells are a layer of their own)
    assert drawn["monitoring-stations"] == 2
    assert page.locator("canvas").count() >= 1
    assert page.locator("[data-layer='monitoring-stations']").is_checked()
    page.check("[data-layer='inventory-restaurant']")
    page.wait_for_function("() => document.querySelector(\"[data-layer='inventory-restaurant']\").dataset.count")
    assert page.locator("[data-layer='inventory-restaurant']").get_attribute("data-count") == "5"
    # open the national station's popup by clicking its marker, then its rings
    point = page.evaluate("""() => { const m = window.ecogovMap.map; m.setView([28.5, 115.49], 13, {animate: false});
        const p = m.latLngToContainerPoint([28.5, 115.49]); const r = document.getElementById('map').getBoundingClientRect();
        return [r.left + p.x, r.top + p.y]; }""")
    # setView reloads the layers for the new view: click once they are drawn (and the canvas has painted)
    page.wait_for_function("() => document.getElementById('map-status').dataset.loading === '0'")
    page.wait_for_timeout(300)
    page.mouse.click(*point)
    page.click(".leaflet-popup .open-rings")
    page.wait_for_selector("#ring-rows tbody tr")
    names = page.locator("#ring-rows tbody tr td:nth-child(3)").all_inner_texts()
    assert names == ["N1000", "N1001", "EAST-B", "S3000"]
    counts = page.locator("#ring-counts tbody tr[data-kind='restaurant'] td").all_inner_texts()
    assert counts[:4] == ["餐饮油烟", "1", "3", "4"]
    assert "上风向" in page.locator("#ring-rows tbody tr").first.inner_text()
    assert page.locator("#ring-xlsx-link").get_attribute("href").endswith("export=xlsx&radii=1000,2000,3000")
    assert errors == []
    assert hosts <= {"127.0.0.1", "localhost"}, hosts
