"""Scorecards over live data: indicator values from the registered air indicator, the freeze on
publication, the veto, a data correction, peer-group ranks, the API and district isolation."""

from __future__ import annotations

import datetime as dt

import pytest

from ecogov.assessment import scorecards, services
from ecogov.assessment.models import Methodology, MethodologyItem, ScorecardResult, Unit, VetoEvent, VetoRule
from ecogov.core.errors import DomainError
from ecogov.monitoring.models import StationDaily


@pytest.fixture
def setup(air_city):
    """Districts A (PM2.5 55 in the ten days) and B (20) scored on PM2.5: linear 0 at 60, 100 at 20."""
    ua = Unit.objects.create(name="甲区", kind="district", peer_group="urban", jurisdiction=air_city["district_a"])
    ub = Unit.objects.create(name="乙区", kind="district", peer_group="urban", jurisdiction=air_city["district_b"])
    m = Methodology.objects.create(kind="district", year=2025, version=1, valid_from=dt.date(2025, 1, 1),
                                   title="2025年度区县考核办法")
    MethodologyItem.objects.create(methodology=m, indicator="air_pm25", weight=100,
                                   rule={"kind": "linear", "floor": 60, "target": 20})
    VetoRule.objects.create(methodology=m, condition="major_accident", consequence="zero")
    return {**air_city, "ua": ua, "ub": ub, "m": m}


def _rows(user, m, **kw):
    return {r["unit"]: r for r in scorecards.rows_for(user, m, today=dt.date(2025, 1, 10), **kw)}


def test_live_scores_from_the_indicator_and_ranks(setup, admin_user):
    rows = _rows(admin_user, setup["m"])
    a, b = rows["甲区"], rows["乙区"]
    # A: PM2.5 55 -> 100 x (55 - 60) / (20 - 60) = 12.5; B: 20 -> 100
    assert a["indicators"]["air_pm25"]["value"] == 55 and a["score"] == 12.5
    assert b["score"] == 100 and (b["rank"], a["rank"]) == (1, 2)
    assert a["grade"] == "fail" and b["grade"] == "excellent"
    # traceable: the rule, the rows (valid days) and the period behind the value, and the methodology version
    detail = a["indicators"]["air_pm25"]["detail"]
    assert detail["rows"] == 10 and detail["period"] == "2025-01-01..2025-01-10"
    assert a["methodology"]["version"] == 1 and a["methodology"]["valid_from"] == "2025-01-01"


def test_insufficient_coverage_shows_no_score(setup, admin_user):
    # the same ten days over a whole year: coverage 10/365 < 0.75
    rows = {r["unit"]: r for r in scorecards.rows_for(admin_user, setup["m"], today=dt.date(2025, 12, 31))}
    ind = rows["甲区"]["indicators"]["air_pm25"]
    assert ind["status"] == "insufficient" and ind["score"] is None and rows["甲区"]["score"] is None


def test_veto_zeroes_the_score_and_says_why(setup, admin_user):
    VetoEvent.objects.create(unit=setup["ub"], year=2025, condition="major_accident", date=dt.date(2025, 1, 5),
                             description="较大突发环境事件", evidence="调查报告〔2025〕1号")
    b = _rows(admin_user, setup["m"])["乙区"]
    assert b["score_before_veto"] == 100 and b["score"] == 0 and b["grade"] == "fail"
    assert b["veto"]["reason"] == "较大突发环境事件" and b["veto"]["evidence"] == "调查报告〔2025〕1号"
    # ranks follow the score after the veto: A 12.5 now first
    assert _rows(admin_user, setup["m"])["甲区"]["rank"] == 1


def test_published_results_do_not_change_with_live_data(setup, admin_user):
    services.methodology_publish(methodology=setup["m"], actor=admin_user, today=dt.date(2025, 1, 10))
    StationDaily.objects.filter(station=setup["a"]).update(pm25=20)  # data changes afterwards
    m = Methodology.objects.get(pk=setup["m"].pk)
    assert m.is_frozen
    frozen = _rows(admin_user, m)
    assert frozen["甲区"]["score"] == 12.5 and frozen["甲区"]["indicators"]["air_pm25"]["value"] == 55
    # a second publication is refused; the live computation (a draft copy) would now give 100
    with pytest.raises(DomainError):
        services.methodology_publish(methodology=m, actor=admin_user)
    draft = Methodology.objects.create(kind="district", year=2025, version=2, valid_from=dt.date(2025, 6, 1),
                                       title="v2")
    MethodologyItem.objects.create(methodology=draft, indicator="air_pm25", weight=100,
                                   rule={"kind": "linear", "floor": 60, "target": 20})
    assert _rows(admin_user, draft)["甲区"]["score"] == 100


def test_what_if_weights_leave_the_published_result(setup, admin_user):
    m = setup["m"]
    MethodologyItem.objects.create(methodology=m, indicator="air_good_ratio", weight=0,
                                   rule={"kind": "linear", "floor": 0, "target": 100})
    services.methodology_publish(methodology=m, actor=admin_user, today=dt.date(2025, 1, 10))
    m.refresh_from_db()
    # A: good-day ratio 7/10 days (AQI from the district's daily values) = 70 -> 70 points; PM2.5 12.5
    what_if = _rows(admin_user, m, weights={"air_pm25": 50, "air_good_ratio": 50})
    assert what_if["甲区"]["score"] == pytest.approx((12.5 + 70) / 2)
    assert ScorecardResult.objects.get(unit=setup["ua"]).score == 12.5


def test_data_correction_accepted_inside_the_window(setup, admin_user):
    services.methodology_publish(methodology=setup["m"], actor=admin_user, today=dt.date(2025, 1, 10))
    res = ScorecardResult.objects.get(unit=setup["ua"])
    m = res.methodology
    late = m.correction_until + dt.timedelta(days=1)
    with pytest.raises(DomainError):
        services.correction_request(result=res, indicator="air_pm25", new_value=40, reason="x", actor=admin_user,
                                    today=late)
    corr = services.correction_request(result=res, indicator="air_pm25", new_value=40, reason="补测数据",
                                       actor=admin_user, today=m.correction_until)
    services.correction_decide(correction=corr, accept=True, note="采纳", actor=admin_user)
    res.refresh_from_db()
    # 40 -> 100 x (40 - 60) / (20 - 60) = 50; the correction is recorded on the value
    assert res.indicators["air_pm25"]["value"] == 40 and res.score == 50
    assert res.indicators["air_pm25"]["detail"]["correction"]["old"] == 55
    with pytest.raises(DomainError):
        services.correction_decide(correction=corr, accept=False, note="", actor=admin_user)


def test_api_rows_and_district_isolation(setup, admin_user, district_a_user, client_for):
    services.methodology_publish(methodology=setup["m"], actor=admin_user, today=dt.date(2025, 1, 10))
    body = client_for(admin_user).get("/api/assessment/scorecards?year=2025&level=district").json()
    assert [(r["unit"], r["rank"], r["score"]) for r in body] == [("乙区", 1, 100.0), ("甲区", 2, 12.5)]
    assert body[1]["indicators"]["air_pm25"]["coverage"] == 1.0 and body[1]["veto"] is None
    mine = client_for(district_a_user).get("/api/assessment/scorecards?year=2025&level=district").json()
    assert [r["unit"] for r in mine] == ["甲区"]
    keys = {i["key"] for i in client_for(admin_user).get("/api/assessment/indicators").json()}
    assert {"air_pm25", "air_good_ratio", "water_good_ratio"} <= keys
    page = client_for(admin_user).get("/assessment/scorecards/?year=2025&kind=district")
    assert page.status_code == 200 and "乙区" in page.content.decode()
    xlsx = client_for(admin_user).get("/assessment/scorecards/?year=2025&kind=district&export=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd")
    res = ScorecardResult.objects.get(unit=setup["ua"])
    assert client_for(admin_user).get(f"/assessment/scorecards/{res.pk}/").status_code == 200
    other = ScorecardResult.objects.get(unit=setup["ub"]).pk
    assert client_for(district_a_user).get(f"/assessment/scorecards/{other}/").status_code == 404


def test_rank_change_against_last_years_published_result(setup, admin_user, air_city):
    # last year's result: A first, B second (2024: A PM2.5 10, B 30)
    before = Methodology.objects.create(kind="district", year=2024, version=1, valid_from=dt.date(2024, 1, 1),
                                        title="2024")
    MethodologyItem.objects.create(methodology=before, indicator="air_pm25", weight=100,
                                   rule={"kind": "linear", "floor": 60, "target": 20})
    services.methodology_publish(methodology=before, actor=admin_user, today=dt.date(2024, 1, 10))
    rows = {r["unit"]: r for r in scorecards.with_change(admin_user, scorecards.rows_for(
        admin_user, setup["m"], today=dt.date(2025, 1, 10)), setup["m"])}
    assert rows["甲区"]["rank_previous"] == 1 and rows["甲区"]["rank_change"] == -1
    assert rows["乙区"]["rank_change"] == 1


def test_an_open_red_list_item_excludes_from_excellent(setup, admin_user):
    from ecogov.rectification.models import Batch, Escalation, RectificationItem

    VetoRule.objects.create(methodology=setup["m"], condition="red_list", consequence="no_excellent")
    batch = Batch.objects.create(code="B-1", title="督察交办", source="central", received_date=dt.date(2025, 1, 1),
                                 issuing_body="督察组", deadline=dt.date(2025, 12, 31), jurisdiction=setup["city"])
    item = RectificationItem.objects.create(batch=batch, problem="河道黑臭", jurisdiction=setup["street_b"],
                                            deadline=dt.date(2025, 1, 5))
    Escalation.objects.create(item=item, step="red_list", date=dt.date(2025, 1, 8), due=dt.date(2025, 1, 8))
    b = _rows(admin_user, setup["m"])["乙区"]
    # B scores 100 (excellent) but an open red-list item caps it at good; the score stays
    assert b["score"] == 100 and b["grade"] == "good" and b["veto"]["condition"] == "red_list"
    assert "河道黑臭" in b["veto"]["reason"]
    item.closed_date = dt.date(2025, 1, 9)
    item.save(update_fields=["closed_date"])
    assert _rows(admin_user, setup["m"])["乙区"]["grade"] == "excellent"  # closed before the period's end
