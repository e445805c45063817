"""Point-to-point targets picked from the emergency reduction list and the one-enterprise-one-policy
plans; failed compliance checks on the rectification ledger with the link back; the .xlsx import of
a campaign's enterprise checks (all rows or none, an error per row)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from ecogov.core.audit import history
from ecogov.core.errors import ValidationFailed
from ecogov.emergency import services, services_episode
from ecogov.emergency.models import ComplianceCheck, ControlAction, Hazard, HazardCheck
from ecogov.rectification import selectors as ledger_selectors
from ecogov.rectification.models import RectificationItem

from .helpers import at, enterprise

pytestmark = pytest.mark.django_db
DAY = dt.date(2025, 9, 26)  # a Friday before the 2025 National Day and Mid-Autumn holiday


def _plan(ent, measures: str, actor):
    return services_episode.reduction_plan_create(supervised_object=ent, year=2025, measures=measures,
                                                  targets={"pm": (10.0, 30.0)}, actor=actor)


def test_a_new_action_names_targets_picked_from_the_list_and_the_plans(tree, officer, client_for):
    ent_c = enterprise(tree["grid_a"], name="甲区焦化", performance_grade="C", air_related=True)
    ent_b = enterprise(tree["grid_a"], name="甲区建材", performance_grade="B", air_related=True)
    ent_p = enterprise(tree["grid_a"], name="甲区铸造")  # no grade: not on the list, but has a plan
    ent_x = enterprise(tree["grid_b"], name="乙区化工", performance_grade="C", air_related=True)
    plan_c, plan_p = _plan(ent_c, "焦炉延长结焦时间", officer), _plan(ent_p, "停用冲天炉", officer)
    client = client_for(officer)
    page = client.get("/emergency/actions/new/").content.decode()
    assert "甲区焦化（C级）" in page and "甲区铸造 2025：停用冲天炉" in page
    form = {"day": "2025-09-26", "jurisdiction": tree["district_a"].pk, "forecast_aqi": 160,
            "warning_level": "orange"}
    outside = client.post("/emergency/actions/new/", {**form, "list_objects": [ent_c.pk, ent_x.pk]})
    assert "乙区化工" in outside.content.decode() and "不在本区域的应急减排清单中" in outside.content.decode()
    assert not ControlAction.objects.exists()  # nothing half-written
    done = client.post("/emergency/actions/new/", {**form, "list_objects": [ent_c.pk, ent_b.pk],
                                                   "plans": [plan_c.pk, plan_p.pk]})
    action = ControlAction.objects.get()
    assert done["Location"] == f"/emergency/actions/{action.pk}/"
    # orange level (monitoring's emergency reduction list): grade C 限产50%, grade B 限产20%
    assert {t.supervised_object.name: t.measure for t in action.targets.all()} == {
        "甲区焦化": "限产50%；一企一策：焦炉延长结焦时间", "甲区建材": "限产20%", "甲区铸造": "一企一策：停用冲天炉"}
    assert all(history(t)[0].event == "create" for t in action.targets.all())


def _failed_check(officer, tree):
    ent = enterprise(tree["grid_a"], name="甲区焦化", performance_grade="C", air_related=True)
    action = services_episode.action_create(actor=officer, data={
        "day": DAY, "jurisdiction": tree["district_a"], "forecast_aqi": 140}, list_objects=[ent])
    services_episode.action_move(action=action, to="issued", actor=officer)
    target = action.targets.get()
    ok = services_episode.compliance_check(target=target, checked_at=at(DAY, 9), compliant=True, actor=officer)
    bad = services_episode.compliance_check(target=target, checked_at=at(DAY, 15), compliant=False, actor=officer,
                                            note="焦炉未延长结焦时间")
    return ent, action, ok, bad


def test_a_failed_compliance_check_goes_on_the_ledger_with_the_link_back(tree, officer, client_for):
    ent, action, ok, bad = _failed_check(officer, tree)
    with pytest.raises(ValidationFailed):  # the measure was kept: nothing to rectify
        services_episode.compliance_raise_ledger(check=ok, actor=officer)
    client = client_for(officer)
    assert f"/emergency/compliance/{bad.pk}/raise/" in client.get(f"/emergency/actions/{action.pk}/").content.decode()
    assert client.post(f"/emergency/compliance/{bad.pk}/raise/").status_code == 302
    bad.refresh_from_db()
    item = RectificationItem.objects.get(pk=bad.ledger_item)
    assert item.source == bad and item.supervised_object == ent and item.jurisdiction == tree["grid_a"]
    assert "焦炉未延长结焦时间" in item.problem and action.code in item.problem
    # 10 working days after Fri 26 Sep 2025: Sun 28 Sep (make-up day), 29-30 Sep, 9-10 Oct, Sat 11 Oct
    # (make-up day), 13-16 Oct -> 16 Oct
    assert (item.assigned_date, item.deadline) == (DAY, dt.date(2025, 10, 16))
    assert ledger_selectors.source_of(item)["url"] == f"/emergency/actions/{action.pk}/"
    assert sorted(h.event for h in history(bad)) == ["action", "create"]
    page = client.get(f"/emergency/actions/{action.pk}/").content.decode()
    assert f"/rectification/items/{item.pk}/" in page or f"#{item.pk}" in page
    again = client.post(f"/emergency/compliance/{bad.pk}/raise/", follow=True).content.decode()
    assert "该问题已挂账" in again and RectificationItem.objects.count() == 1


def test_a_district_cannot_raise_another_districts_check(tree, officer, make_user, client_for):
    _ent, _action, _ok, bad = _failed_check(officer, tree)
    district_b = make_user("district", tree["district_b"], username="district_b")
    assert client_for(district_b).post(f"/emergency/compliance/{bad.pk}/raise/").status_code == 404
    assert ComplianceCheck.objects.get(pk=bad.pk).ledger_item is None


def test_drill_findings_and_hazards_link_back_from_their_ledger_items(tree, officer):
    drill = services.drill_record(actor=officer, findings=["应急物资不足"], data={
        "date": DAY, "title": "危化品泄漏演练", "scenario": "槽罐车泄漏", "units": "生态环境局、消防",
        "jurisdiction": tree["district_a"]})
    finding = drill.findings.get()
    item = services.finding_raise_ledger(finding=finding, actor=officer)
    assert item.source == finding and ledger_selectors.source_of(item)["url"] == f"/emergency/drills/{drill.pk}/"
    campaign = services.campaign_create(actor=officer, data={
        "name": "百日攻坚", "jurisdiction": tree["city"], "start": dt.date(2025, 9, 1), "end": dt.date(2025, 12, 9)})
    services.hazard_check_record(campaign=campaign, supervised_object=enterprise(tree["grid_a"]), date=DAY,
                                 results={"dust": "hazard"}, actor=officer,
                                 hazards=[{"facility": "dust", "description": "除尘器积灰"}])
    hazard = Hazard.objects.get()
    assert RectificationItem.objects.get(pk=hazard.ledger_item).source == hazard


# ----------------------------------------------------------------------------- the checks import


def _xlsx(rows: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["统一社会信用代码", "企业名称", "检查日期", "脱硫脱硝设施", "粉尘治理设施", "铝镁粉尘防爆",
               "粉尘治理设施隐患描述", "铝镁粉尘防爆隐患描述"])
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    buf.name = "checks.xlsx"
    buf.seek(0)
    return buf.getvalue()


def _upload(client, campaign, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(f"/emergency/campaigns/{campaign.pk}/import/",
                       {"file": SimpleUploadedFile("checks.xlsx", data)})


def test_the_checks_import_writes_every_row_or_none(tree, officer, district_a_user, client_for):
    campaign = services.campaign_create(actor=officer, data={
        "name": "百日攻坚", "jurisdiction": tree["city"], "start": dt.date(2025, 9, 1), "end": dt.date(2025, 12, 9),
        "target_checks": 3})
    a1, a2 = enterprise(tree["grid_a"], name="甲区铝业"), enterprise(tree["grid_a"], name="甲区家具")
    b1 = enterprise(tree["grid_b"], name="乙区化工")
    client = client_for(officer)
    template = load_workbook(io.BytesIO(client.get("/emergency/campaigns/import-template.xlsx").content)).active
    header = [c.value for c in template[1]]
    assert header[:4] == ["统一社会信用代码", "企业名称", "检查日期", "脱硫脱硝设施"] and "铝镁粉尘防爆隐患描述" in header
    good = [[a1.uscc, "甲区铝业", "2025-09-26", "符合", "一般隐患", "重大隐患", "除尘器积灰", "铝粉尘未湿式除尘"],
            [a2.uscc, "甲区家具", dt.date(2025, 9, 26), "不涉及", "符合", None, None, None],
            [b1.uscc, "乙区化工", "2025-09-26", "ok", "na", "", None, None]]
    bad = [good[0],
           [a2.uscc, "甲区家具", "2025-09-26", "符合", "存在隐患", None, None, None],   # hazard, no description
           ["91369902MA35NOSUCH", "无此企业", "2025-09-26", "符合", None, None, None, None],
           [b1.uscc, "乙区化工", "2025-08-01", "大概符合", None, None, None, None]]    # before; unreadable
    refused = _upload(client, campaign, _xlsx(bad))
    body = refused.content.decode()
    assert refused.status_code == 200 and 'id="import-errors"' in body
    errors = refused.context["errors"]
    assert sorted({e.row for e in errors}) == [3, 4, 5]
    assert any(e.row == 3 and e.field == "粉尘治理设施隐患描述" for e in errors)
    assert any(e.row == 5 and e.field == "脱硫脱硝设施" for e in errors)
    assert not HazardCheck.objects.exists() and not Hazard.objects.exists()
    assert not RectificationItem.objects.exists()  # row 2 was good, but nothing of the file is written
    assert _upload(client_for(district_a_user), campaign, _xlsx(good)).status_code == 404  # not the district's
    done = _upload(client, campaign, _xlsx(good))
    assert done.status_code == 200 and done.context["result"].created == 3
    assert HazardCheck.objects.count() == 3
    dues = dict(Hazard.objects.values_list("facility", "due"))
    # general: 10 working days after 26 Sep 2025 -> 16 Oct; major: 30 -> 13 Nov (see test_incidents)
    assert dues == {"dust": dt.date(2025, 10, 16), "almg": dt.date(2025, 11, 13)}
    check = HazardCheck.objects.get(supervised_object=a2)
    assert check.results == {"desulph": "na", "coal_gas": "na", "voc": "na", "wastewater": "na", "dust": "ok",
                             "almg": "na"}
    assert RectificationItem.objects.filter(supervised_object=a1).count() == 2
    twice = _upload(client, campaign, _xlsx(good[2:]))
    assert [e.row for e in twice.context["errors"]] == [2] and HazardCheck.objects.count() == 3


def test_the_api_imports_checks_and_puts_a_failed_check_on_the_ledger(tree, officer, client_for):
    campaign = services.campaign_create(actor=officer, data={
        "name": "百日攻坚", "jurisdiction": tree["city"], "start": dt.date(2025, 9, 1), "end": dt.date(2025, 12, 9)})
    ent = enterprise(tree["grid_a"], name="甲区铝业")
    api = client_for(officer)
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = f"/api/emergency/campaigns/{campaign.pk}/checks/import"
    bad = api.post(url, {"file": SimpleUploadedFile("c.xlsx", _xlsx([[ent.uscc, "", "2025-09-26", "符合", "一般隐患"]]))})
    assert bad.status_code == 422 and bad.json()["detail"]["rows"][0]["row"] == 2
    good = api.post(url, {"file": SimpleUploadedFile("c.xlsx", _xlsx([[ent.uscc, "", "2025-09-26", "符合", "符合"]]))})
    assert good.status_code == 200 and good.json() == {"created": 1, "updated": 0}
    _ent, _action, ok, failed = _failed_check(officer, tree)
    assert api.post(f"/api/emergency/compliance-checks/{ok.pk}/ledger").status_code == 422
    raised = api.post(f"/api/emergency/compliance-checks/{failed.pk}/ledger")
    assert raised.status_code == 201 and raised.json()["deadline"] == "2025-10-16"
    assert RectificationItem.objects.get(pk=raised.json()["ledger_item"]).source == failed
