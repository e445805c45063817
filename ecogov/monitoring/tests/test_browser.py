"""The public air-quality page in a real browser (Debian's chromium)."""

from __future__ import annotations

import pytest

from ecogov.testing.browser import sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_public_air_quality_page(city_data, live_server, page):
    page.goto(f"{live_server.url}/public/monitoring/")
    assert "空气质量" in page.title()
    rows = page.locator("#realtime tbody tr")
    assert rows.count() == 2
    first = rows.filter(has_text="甲站")
    # A's latest hour: PM2.5 50 on the 24-h breakpoints -> AQI 69, 良 (yellow #FFFF00), primary PM2.5
    assert first.locator("td").nth(2).inner_text().strip() == "69"
    assert first.locator("td").nth(3).inner_text().strip() == "良"
    colour = first.locator(".badge").evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour == "rgb(255, 255, 0)"
    # the city: mean of A and B (PM2.5 40 -> IAQI 57)
    assert "57" in page.locator("#city-aqi").inner_text()
    assert page.locator("#daily tbody tr").count() == 2


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_station_page_draws_the_pollutant_rose(windy, officer, live_server, page):

    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server.url, officer, "/monitoring/stations/MS01/", wait_for_url=False)
    page.wait_for_selector("#rose canvas")
    option = page.evaluate("() => echarts.getInstanceByDom(document.getElementById('rose')).getOption()")
    assert len(option["angleAxis"][0]["data"]) == 16 and option["angleAxis"][0]["data"][10] == "SW"
    other, exceed = (s["data"] for s in option["series"])
    assert (other[10], exceed[10], other[0]) == (12, 0, 8)  # 12 SW hours, 8 N hours (conftest ``windy``)
    assert errors == []
