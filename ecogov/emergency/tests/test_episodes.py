"""Episode controls: consultations, the point-to-point workflow, its outcome on hand-made days,
one-enterprise-one-policy plans, ozone-season check rounds; district isolation; export = table."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from ecogov.core.errors import PermissionRefused, ValidationFailed
from ecogov.emergency import selectors, services_episode
from ecogov.emergency.models import ControlAction
from ecogov.monitoring.models import PollutionWarning

from .helpers import at, daily, enterprise, station

pytestmark = pytest.mark.django_db
D1, D2, D3, D4, D5 = (dt.date(2021, 1, d) for d in (11, 12, 13, 14, 15))


def _action(actor, jurisdiction, day, forecast, *, issue=True, **kw) -> ControlAction:
    action = services_episode.action_create(actor=actor, data={
        "day": day, "jurisdiction": jurisdiction, "forecast_aqi": forecast, **kw})
    if issue:
        services_episode.target_add(action=action, actor=actor, source_name="某工地", measure="停止土石方作业")
        action = services_episode.action_move(action=action, to="issued", actor=actor)
    return action


def test_outcome_of_point_to_point_actions_on_hand_made_days(tree, officer, district_a_user):
    a, b = station(tree["district_a"], "A01"), station(tree["district_b"], "B01")
    # HJ 633-2012 PM2.5 24-h IAQI (the other pollutants stay <= 50):
    # 60 -> 50 + (60-35) x 50/40 = 81.25 -> 82; 75 -> 100; 100 -> 100 + 25 x 50/40 = 131.25 -> 132;
    # 140 -> 150 + 25 x 50/35 = 185.7 -> 186
    for day, pm25 in ((D1, 60), (D2, 75), (D3, 100), (D4, 140)):
        daily(a, day, pm25)
    daily(b, D1, 140)
    kept = _action(officer, tree["district_a"], D1, 130)       # 82 <= 100: kept the day good
    edge = _action(officer, tree["district_a"], D2, 125)       # 100: still good
    better = _action(officer, tree["district_a"], D3, 160)     # 132: better than 160, still polluted
    worse = _action(officer, tree["district_a"], D4, 150)      # 186 >= 150: not improved
    nodata = _action(officer, tree["district_a"], D5, 120)     # no measured day
    _action(officer, tree["district_a"], D1, 140, issue=False)  # a draft counts nowhere
    _action(officer, tree["district_b"], D1, 130)              # district B: 186 there
    memo = selectors.OutcomeMemo(today=dt.date(2021, 2, 1))
    got = {x.pk: (memo.outcome(x).outcome, memo.outcome(x).measured_aqi) for x in (kept, edge, better, worse, nodata)}
    assert got == {kept.pk: ("kept_good", 82), edge.pk: ("kept_good", 100), better.pk: ("improved", 132),
                   worse.pk: ("not_improved", 186), nodata.pk: ("no_data", None)}
    summary = selectors.outcome_summary(district_a_user, start=D1, end=D5, today=dt.date(2021, 2, 1))
    assert (summary["actions"], summary["kept_good"], summary["improved"], summary["not_improved"],
            summary["no_data"]) == (5, 2, 1, 1, 1)
    city = selectors.outcome_summary(officer, start=D1, end=D5, today=dt.date(2021, 2, 1))
    assert (city["actions"], city["kept_good"], city["not_improved"]) == (6, 2, 2)
    assert selectors.OutcomeMemo(today=D1).outcome(kept).outcome == "pending"  # the day is not over


def test_the_action_workflow_needs_targets_checks_and_the_day_over(tree, officer):
    ent = enterprise(tree["grid_a"], performance_grade="C", air_related=True)
    with pytest.raises(ValidationFailed):  # a forecast good day is no point-to-point day
        services_episode.action_create(actor=officer, data={"day": D1, "jurisdiction": tree["district_a"],
                                                            "forecast_aqi": 100})
    action = _action(officer, tree["district_a"], D1, 130, issue=False)
    with pytest.raises(ValidationFailed):
        services_episode.action_move(action=action, to="issued", actor=officer)
    targets = services_episode.targets_from_reduction_list(action=action, actor=officer)
    # grade C at the yellow level: 限产30% (monitoring's emergency reduction list)
    assert [(t.supervised_object_id, t.measure) for t in targets] == [(ent.pk, "限产30%")]
    with pytest.raises(ValidationFailed):  # checks come after the action is issued
        services_episode.compliance_check(target=targets[0], checked_at=at(D1, 10), compliant=True, actor=officer)
    action = services_episode.action_move(action=action, to="issued", actor=officer)
    assert action.check_due == D1 and action.issued_at is not None
    with pytest.raises(ValidationFailed):
        services_episode.action_move(action=action, to="checked", actor=officer)
    with pytest.raises(ValidationFailed):  # not kept: say what was seen
        services_episode.compliance_check(target=targets[0], checked_at=at(D1, 10), compliant=False, actor=officer)
    services_episode.compliance_check(target=targets[0], checked_at=at(D1, 10), compliant=False, actor=officer,
                                      note="生产线未限产")
    action = services_episode.action_move(action=action, to="checked", actor=officer)
    action = services_episode.action_move(action=action, to="closed", actor=officer)
    assert action.status == "closed"
    today = timezone.localdate()
    later = _action(officer, tree["district_a"], today, 130)
    services_episode.compliance_check(target=later.targets.get(), checked_at=timezone.now(), compliant=True,
                                      actor=officer)
    later = services_episode.action_move(action=later, to="checked", actor=officer)
    with pytest.raises(ValidationFailed):  # the controlled day is not over yet
        services_episode.action_move(action=later, to="closed", actor=officer)


def test_consultation_links_only_a_warning_the_user_reads(tree, officer, district_a_user):
    warning_b = PollutionWarning.objects.create(jurisdiction=tree["district_b"], level="yellow", status="issued",
                                                start=at(D1, 0))
    data = {"date": D1, "jurisdiction": tree["district_a"], "participants": "生态环境局、气象局",
            "forecast": "预计轻度污染", "forecast_aqi": 135, "decision": "启动黄色预警", "warning": warning_b}
    with pytest.raises(ValidationFailed):
        services_episode.consultation_record(data=data, actor=district_a_user)
    warning_a = PollutionWarning.objects.create(jurisdiction=tree["district_a"], level="yellow", status="issued",
                                                start=at(D1, 0))
    c = services_episode.consultation_record(data={**data, "warning": warning_a}, actor=district_a_user)
    assert c.warning_id == warning_a.pk


def test_reduction_plan_targets_and_follow_up(tree, officer):
    ent = enterprise(tree["grid_a"])
    with pytest.raises(ValidationFailed):
        services_episode.reduction_plan_create(supervised_object=ent, year=2021, measures="停用锅炉", actor=officer,
                                               targets={"pm": (10.0, 120.0)})
    plan = services_episode.reduction_plan_create(supervised_object=ent, year=2021, measures="停用锅炉",
                                                  actor=officer, targets={"pm": (10.0, 30.0), "nox": (20.0, 20.0)})
    services_episode.reduction_follow_up(plan=plan, date=D1, note="已落实", achieved={"pm": 35.0, "nox": 15.0},
                                         actor=officer)
    met = {t.pollutant: t.met for t in plan.targets.all()}
    assert met == {"pm": True, "nox": False}  # 35 >= 30; 15 < 20


def test_ozone_list_rounds_and_checks(tree, officer, district_a_user):
    from ecogov.emergency import services_episode as s

    ol = s.ozone_list_create(actor=officer, data={"name": "臭氧管控清单", "jurisdiction": tree["city"],
                                                  "start": dt.date(2021, 5, 1), "end": dt.date(2021, 9, 30)})
    entry = s.ozone_entry_add(ozone_list=ol, kind="filling_station", name="某加油站", jurisdiction=tree["grid_b"],
                              requirement="油气回收正常运行", actor=officer)
    with pytest.raises(ValidationFailed):
        s.ozone_round_add(ozone_list=ol, start=dt.date(2021, 4, 1), end=dt.date(2021, 5, 31), actor=officer)
    r1 = s.ozone_round_add(ozone_list=ol, start=dt.date(2021, 5, 1), end=dt.date(2021, 6, 30), actor=officer)
    s.ozone_check(round=r1, entry=entry, date=dt.date(2021, 5, 20), compliant=True, actor=officer)
    with pytest.raises(ValidationFailed):
        s.ozone_check(round=r1, entry=entry, date=dt.date(2021, 5, 21), compliant=True, actor=officer)
    with pytest.raises(PermissionRefused):  # district A may not check a source in district B
        s.ozone_check(round=r1, entry=entry, date=dt.date(2021, 5, 21), compliant=True, actor=district_a_user)
    assert r1.number == 1 and r1.checks.count() == 1


def test_action_list_export_equals_the_table_and_stays_in_the_district(tree, officer, district_a_user, client_for):
    a = station(tree["district_a"], "A01")
    daily(a, D1, 60)
    _action(officer, tree["district_a"], D1, 130)
    _action(officer, tree["district_b"], D2, 130)
    client = client_for(district_a_user)
    body = client.get("/emergency/actions/").content.decode()
    assert "DDD-2021-001" in body and "DDD-2021-002" not in body and "保住优良" in body
    ws = load_workbook(io.BytesIO(client.get("/emergency/actions/?export=xlsx").content)).active
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1 and rows[0][0] == "DDD-2021-001" and rows[0][-2:] == ("82", "保住优良")
    for cell in rows[0]:  # every exported value is on the page's table
        assert (cell.date().isoformat() if isinstance(cell, dt.datetime) else str(cell)) in body
    api = client.get("/api/emergency/outcomes", {"start": "2021-01-01", "end": "2021-01-31"}).json()
    assert (api["actions"], api["kept_good"]) == (1, 1)
    other = ControlAction.objects.get(code="DDD-2021-002")
    assert client.get(f"/emergency/actions/{other.pk}/").status_code == 404


def test_reduction_plans_through_the_api_in_scope_only(tree, officer, district_a_user, client_for):
    ent_a, ent_b = enterprise(tree["grid_a"]), enterprise(tree["grid_b"])
    api = client_for(district_a_user)
    body = {"year": 2021, "measures": "停用燃煤锅炉", "targets": [{"pollutant": "pm", "baseline_t": 12.5,
                                                                  "target_pct": 30}]}
    made = api.post("/api/emergency/reduction-plans", {**body, "supervised_object": ent_a.pk},
                    content_type="application/json")
    assert made.status_code == 201, made.content
    assert api.post("/api/emergency/reduction-plans", {**body, "supervised_object": ent_b.pk},
                    content_type="application/json").status_code == 404
    pk = made.json()["id"]
    follow = api.post(f"/api/emergency/reduction-plans/{pk}/follow-ups",
                      {"date": "2021-03-01", "note": "已停用", "achieved": {"pm": 31.0}}, content_type="application/json")
    assert follow.status_code == 200 and follow.json()["follow_up_date"] == "2021-03-01"
    listed = api.get("/api/emergency/reduction-plans").json()
    assert [r["supervised_object_id"] for r in listed["items"]] == [ent_a.pk]
