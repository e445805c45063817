"""A leader publishes the district scorecard, tries other weights without touching the published
result, and drills down to a vetoed unit's reason and its indicator's rows."""

from __future__ import annotations

import datetime as dt

import pytest

from ecogov.assessment.models import Methodology, MethodologyItem, ScorecardResult, Unit, VetoEvent, VetoRule
from ecogov.testing.browser import sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_publish_what_if_and_drill_down(live_server, page, air_city, admin_user):
    Unit.objects.create(name="甲区", kind="district", peer_group="urban", jurisdiction=air_city["district_a"])
    ub = Unit.objects.create(name="乙区", kind="district", peer_group="urban", jurisdiction=air_city["district_b"])
    m = Methodology.objects.create(kind="district", year=2025, valid_from=dt.date(2025, 1, 1), title="2025年度区县考核办法")
    MethodologyItem.objects.create(methodology=m, indicator="air_pm25", weight=60,
                                   rule={"kind": "linear", "floor": 60, "target": 20})
    MethodologyItem.objects.create(methodology=m, indicator="air_good_ratio", weight=40,
                                   rule={"kind": "linear", "floor": 0, "target": 100})
    VetoRule.objects.create(methodology=m, condition="major_accident", consequence="zero")
    VetoEvent.objects.create(unit=ub, year=2025, condition="major_accident", date=dt.date(2025, 1, 5),
                             description="较大突发环境事件", evidence="调查报告〔2025〕1号")
    base = live_server.url
    sign_in(page, base, admin_user, "/assessment/scorecards/%3Fyear%3D2025", wait_for_url=False)
    assert "草案" in page.locator("#methodology").inner_text()
    # the whole year: ten days of data are too few for a score (coverage 10/365)
    assert "数据不足" in page.locator("#results").inner_text()
    page.click("#publish")
    page.wait_for_load_state()
    assert "已发布" in page.locator("#methodology").inner_text()
    assert ScorecardResult.objects.filter(methodology=m).count() == 2
    page.locator("details summary").click()
    page.fill("input[name=w_air_pm25]", "0")
    page.locator("#what-if button").click()
    page.wait_for_load_state()
    assert page.locator(".badge-orange").count() == 1  # what-if, not the published result
    page.goto(f"{base}/assessment/scorecards/?year=2025&kind=district")
    page.click("text=乙区")
    page.wait_for_load_state()
    assert "较大突发环境事件" in page.locator("#veto").inner_text()
    assert "调查报告" in page.locator("#veto").inner_text()
    assert "数据不足" in page.locator("#indicators").inner_text()
