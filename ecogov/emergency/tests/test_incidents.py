"""Environmental emergencies: the response workflow, drills and hazards on the ledger, pages."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from ecogov.core.audit import history
from ecogov.core.errors import IllegalTransition, PermissionRefused, ValidationFailed
from ecogov.emergency import services
from ecogov.emergency.models import Hazard, Incident
from ecogov.rectification.models import RectificationItem

from .helpers import at, enterprise

pytestmark = pytest.mark.django_db
DAY = dt.date(2025, 9, 26)  # a Friday before the 2025 National Day and Mid-Autumn holiday


def _report(actor, jurisdiction, **kw) -> Incident:
    data = {"title": "化工企业废水泄漏入河", "level": "general", "kind": "water", "jurisdiction": jurisdiction,
            "location": "甲区一街道", "media": ["water"], "occurred_at": at(DAY, 8), "reported_at": at(DAY, 8, 30)}
    data.update(kw)
    return services.incident_report(data=data, actor=actor)


def test_a_response_goes_step_by_step_with_times_and_ends_with_lessons(tree, officer):
    i = _report(officer, tree["street_a"])
    assert (i.status, i.code) == ("reported", "TF-2025-001")
    with pytest.raises(IllegalTransition):
        services.incident_move(incident=i, to="ended", actor=officer, data={})
    with pytest.raises(ValidationFailed):  # on site before the report
        services.incident_move(incident=i, to="on_site", actor=officer,
                               data={"on_site_at": at(DAY, 8, 10), "on_site_note": "到达"})
    i = services.incident_move(incident=i, to="on_site", actor=officer,
                               data={"on_site_at": at(DAY, 9), "on_site_note": "划定警戒区"})
    i = services.incident_move(incident=i, to="monitoring", actor=officer,
                               data={"monitoring_at": at(DAY, 9, 30), "monitoring_data": "COD 85 mg/L"})
    i = services.incident_move(incident=i, to="controlled", actor=officer,
                               data={"controlled_at": at(DAY, 14), "control_note": "筑坝拦截"})
    i = services.incident_move(incident=i, to="ended", actor=officer,
                               data={"ended_at": at(DAY, 18), "end_note": "连续监测达标"})
    # 15 working days after Fri 26 Sep 2025 on the State Council calendar: Sun 28 Sep (make-up day, 1),
    # 29-30 Sep (2, 3), 1-8 Oct off, 9-10 Oct (4, 5), Sat 11 Oct make-up (6), 13-17 Oct (7-11),
    # 20-23 Oct (12-15) -> 23 Oct.
    assert i.summary_due == dt.date(2025, 10, 23)
    with pytest.raises(ValidationFailed):
        services.incident_move(incident=i, to="closed", actor=officer, data={})
    i = services.incident_move(incident=i, to="closed", actor=officer, data={"lessons": "加强应急池管理"})
    assert i.status == "closed" and i.closed_at is not None and i.lessons == "加强应急池管理"
    moves = [h.changes.get("status") for h in history(i) if h.event == "transition"]
    assert len(moves) == 5 and ["ended", "closed"] in moves


def test_a_report_outside_the_users_district_or_in_the_future_is_refused(tree, district_a_user):
    with pytest.raises(ValidationFailed):
        _report(district_a_user, tree["street_b"])
    with pytest.raises(ValidationFailed):
        _report(district_a_user, tree["street_a"], occurred_at=at(dt.date(2099, 1, 1), 8),
                reported_at=at(dt.date(2099, 1, 1), 9))
    with pytest.raises(ValidationFailed):
        _report(district_a_user, tree["street_a"], media=["sky"])
    assert Incident.objects.count() == 0


def test_drill_finding_goes_on_the_ledger_once_and_closes_with_it(tree, officer):
    drill = services.drill_record(actor=officer, findings=["应急物资不足", ""], data={
        "date": DAY, "title": "危化品泄漏演练", "scenario": "槽罐车泄漏", "units": "生态环境局、消防",
        "jurisdiction": tree["district_a"]})
    finding = drill.findings.get()
    item = services.finding_raise_ledger(finding=finding, actor=officer)
    # 20 working days after 26 Sep 2025: the 15th is 23 Oct (above), then 24, 27, 28, 29, 30 Oct -> 30 Oct
    assert item.deadline == dt.date(2025, 10, 30) and item.jurisdiction == tree["district_a"]
    finding.refresh_from_db()
    assert (finding.status, finding.ledger_item) == ("ledger", item.pk)
    with pytest.raises(ValidationFailed):
        services.finding_raise_ledger(finding=finding, actor=officer)
    assert services.hazards_sync(actor=officer) == 0
    RectificationItem.objects.filter(pk=item.pk).update(state="closed", closed_date=dt.date(2025, 10, 20))
    assert services.hazards_sync(actor=officer) == 1
    assert services.hazards_sync(actor=officer) == 0  # idempotent
    finding.refresh_from_db()
    assert finding.status == "closed"


def _campaign(officer, tree):
    return services.campaign_create(actor=officer, data={
        "name": "百日攻坚", "jurisdiction": tree["city"], "start": dt.date(2025, 9, 1), "end": dt.date(2025, 12, 9),
        "target_checks": 1094})


def test_a_hazard_check_puts_each_hazard_on_the_ledger_due_by_its_level(tree, officer):
    campaign = _campaign(officer, tree)
    ent = enterprise(tree["grid_a"])
    results = {"desulph": "ok", "dust": "hazard", "almg": "hazard", "voc": "na"}
    with pytest.raises(ValidationFailed):  # a class marked hazard without a description
        services.hazard_check_record(campaign=campaign, supervised_object=ent, date=DAY, results=results, actor=officer,
                                     hazards=[{"facility": "dust", "description": "除尘器泄爆口朝向人员通道"}])
    check = services.hazard_check_record(campaign=campaign, supervised_object=ent, date=DAY, results=results,
                                         actor=officer, hazards=[
                                             {"facility": "dust", "description": "除尘器泄爆口朝向人员通道"},
                                             {"facility": "almg", "level": "major", "description": "铝粉尘未湿式除尘"}])
    assert check.hazard_count == 2
    dues = dict(Hazard.objects.values_list("facility", "due"))
    # general: 10 working days after 26 Sep 2025 -> 28-30 Sep (1-3), 9-10 Oct, 11 Oct, 13-16 Oct -> 16 Oct;
    # major: 30 -> the 20th is 30 Oct (above), then 31 Oct, 3-7 Nov, 10-13 Nov (21-30) -> 13 Nov
    assert dues == {"dust": dt.date(2025, 10, 16), "almg": dt.date(2025, 11, 13)}
    items = RectificationItem.objects.filter(pk__in=Hazard.objects.values_list("ledger_item", flat=True))
    assert items.count() == 2 and set(items.values_list("supervised_object", flat=True)) == {ent.pk}
    with pytest.raises(ValidationFailed):  # one check per enterprise and campaign
        services.hazard_check_record(campaign=campaign, supervised_object=ent, date=DAY, results={}, actor=officer)


def test_pages_and_exports_stay_inside_the_district(tree, officer, district_a_user, client_for):
    _report(officer, tree["street_a"], title="甲区事件")
    _report(officer, tree["street_b"], title="乙区事件")
    client = client_for(district_a_user)
    page = client.get("/emergency/").content.decode()
    assert "甲区事件" in page and "乙区事件" not in page
    ws = load_workbook(io.BytesIO(client.get("/emergency/?export=xlsx").content)).active
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in rows] == ["甲区事件"] and rows[0][2] == "一般"
    api = client.get("/api/emergency/incidents").json()
    assert [r["title"] for r in api["items"]] == ["甲区事件"]
    other = Incident.objects.get(title="乙区事件")
    assert client.get(f"/emergency/{other.pk}/").status_code == 404
    with pytest.raises(PermissionRefused):
        services.incident_move(incident=other, to="on_site", actor=district_a_user,
                               data={"on_site_at": at(DAY, 9), "on_site_note": "x"})


def test_the_detail_page_shows_the_steps_and_a_step_posts_through_the_workflow(tree, officer, client_for):
    i = _report(officer, tree["street_a"])
    client = client_for(officer)
    body = client.get(f"/emergency/{i.pk}/").content.decode()
    assert f"/emergency/{i.pk}/move/on_site/" in body
    resp = client.post(f"/emergency/{i.pk}/move/on_site/", {"on_site_at": "2025-09-26T09:00", "on_site_note": "到达"})
    assert resp.status_code == 302
    i.refresh_from_db()
    assert i.status == "on_site" and i.on_site_note == "到达"


def test_the_api_records_a_checklist_and_the_checklist_page_exports_it(tree, officer, district_a_user, client_for):
    campaign = _campaign(officer, tree)
    ent_a, ent_b = enterprise(tree["grid_a"], name="甲区铝业"), enterprise(tree["grid_b"], name="乙区化工")
    api = client_for(officer)
    resp = api.post(f"/api/emergency/campaigns/{campaign.pk}/checks", {
        "supervised_object": ent_a.pk, "date": "2025-09-26", "results": {"almg": "hazard", "dust": "ok"},
        "hazards": [{"facility": "almg", "description": "铝粉尘收集未防爆"}]}, content_type="application/json")
    assert resp.status_code == 201, resp.content
    assert resp.json()["hazard_count"] == 1
    bad = api.post(f"/api/emergency/campaigns/{campaign.pk}/checks", {
        "supervised_object": ent_b.pk, "date": "2025-09-26", "results": {"almg": "hazard"}},
        content_type="application/json")
    assert bad.status_code == 422  # a hazard without its description: nothing is written
    services.hazard_check_record(campaign=campaign, supervised_object=ent_b, date=DAY, results={"voc": "ok"},
                                 actor=officer)
    client = client_for(district_a_user)
    body = client.get("/emergency/checks/").content.decode()
    assert "甲区铝业" in body and "乙区化工" not in body
    rows = list(load_workbook(io.BytesIO(client.get("/emergency/checks/?export=xlsx").content)).active.iter_rows(
        values_only=True))
    header, data = rows[0], rows[1:]
    assert len(data) == 1 and data[0][1] == "甲区铝业"
    assert dict(zip(header, data[0], strict=True))["铝镁粉尘防爆"] == "存在隐患"
    assert dict(zip(header, data[0], strict=True))["粉尘治理设施"] == "符合"


def test_the_checklist_form_records_hazards_and_refuses_one_without_a_description(tree, officer, client_for):
    campaign = _campaign(officer, tree)
    ent = enterprise(tree["grid_a"], name="甲区铝业")
    client = client_for(officer)
    assert "铝镁粉尘防爆" in client.get(f"/emergency/campaigns/{campaign.pk}/check/").content.decode()
    form = {"supervised_object": ent.pk, "date": "2025-09-26", **{f"r_{k}": "na" for k in
            ("desulph", "coal_gas", "voc", "wastewater", "dust", "almg")}, **{f"l_{k}": "general" for k in
            ("desulph", "coal_gas", "voc", "wastewater", "dust", "almg")}}
    refused = client.post(f"/emergency/campaigns/{campaign.pk}/check/", {**form, "r_almg": "hazard"})
    assert refused.status_code == 200 and not Hazard.objects.exists()
    done = client.post(f"/emergency/campaigns/{campaign.pk}/check/",
                       {**form, "r_almg": "hazard", "h_almg": "铝粉尘收集未防爆", "l_almg": "major"})
    assert done.status_code == 302
    hazard = Hazard.objects.get()
    assert (hazard.facility, hazard.level, hazard.due) == ("almg", "major", dt.date(2025, 11, 13))


def test_deadlines_reach_the_one_due_page_in_scope_only(tree, officer, district_a_user, client_for):
    from ecogov.emergency import selectors

    campaign = _campaign(officer, tree)
    for grid, name in ((tree["grid_a"], "甲区化工"), (tree["grid_b"], "乙区化工")):
        services.hazard_check_record(campaign=campaign, supervised_object=enterprise(grid, name=name), date=DAY,
                                     results={"wastewater": "hazard"}, actor=officer,
                                     hazards=[{"facility": "wastewater", "description": f"{name}应急池未清空"}])
    rows = list(selectors.due(district_a_user, today=dt.date(2025, 10, 14), horizon_days=7))
    # due 16 Oct 2025 (10 working days, above), inside 14 Oct + 7 days; district B's hazard is not listed
    assert [(r.due, "甲区化工" in r.label) for r in rows] == [(dt.date(2025, 10, 16), True)]
    assert list(selectors.due(district_a_user, today=dt.date(2025, 10, 1), horizon_days=7)) == []


def test_a_new_plan_version_becomes_current_and_sets_the_review_date(tree, officer):
    plan = services.plan_create(actor=officer, data={"title": "突发环境事件应急预案", "jurisdiction": tree["city"]})
    services.plan_version_add(plan=plan, version="1.0", issued=dt.date(2022, 3, 1), actor=officer)
    services.plan_version_add(plan=plan, version="2.0", issued=dt.date(2025, 3, 1), actor=officer, summary="修订")
    with pytest.raises(ValidationFailed):
        services.plan_version_add(plan=plan, version="2.0", issued=dt.date(2025, 4, 1), actor=officer)
    services.plan_version_add(plan=plan, version="1.1", issued=dt.date(2023, 1, 1), actor=officer)  # back-filled
    plan.refresh_from_db()
    # the newest issue stays current; review 3 x 365 days after 1 Mar 2025: 1 Mar 2027 is 730 days, and
    # 365 more reach 29 Feb 2028 (2028 is a leap year)
    assert (plan.current_version, plan.review_due) == ("2.0", dt.date(2028, 2, 29))
    assert plan.versions.count() == 3
