"""The ledger: batches, the item tree, milestones, progress reports, weighted parents,
extensions, links to the source object on both sides, and district isolation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ecogov.core.errors import Conflict, PermissionRefused, ValidationFailed
from ecogov.core.models import AuditLog
from ecogov.rectification import selectors, services
from ecogov.rectification.models import RectificationItem
from ecogov.testing import factories

from .ledger import batch, evidence, item

D = dt.date


@pytest.fixture
def street_user(tree):
    return factories.user("street", tree["street_a"], username="street_a")


def test_a_problem_with_tasks_and_subtasks(officer, tree):
    b = batch(officer, tree["district_a"])
    p = item(officer, tree["street_a"], batch=b, leader="王副区长")
    t = item(officer, None, parent=p, problem="安装油烟净化器", deadline=D(2026, 5, 31))
    s = item(officer, None, parent=t, problem="采购设备", deadline=D(2026, 4, 30))
    assert (p.level, t.level, s.level) == ("problem", "task", "subtask")
    assert t.batch == b and s.jurisdiction == tree["street_a"]  # inherited from the parent
    with pytest.raises(ValidationFailed):  # no fourth level
        item(officer, None, parent=s, deadline=D(2026, 4, 1))
    with pytest.raises(ValidationFailed):  # a task cannot be due after its problem
        item(officer, None, parent=p, deadline=D(2026, 7, 1))
    assert AuditLog.objects.for_object(p).filter(event="create").exists()


def test_parent_progress_is_the_weighted_progress_of_its_children(officer, tree, street_user, monkeypatch):
    p = item(officer, tree["street_a"])
    a = item(officer, None, parent=p, problem="甲", weight=2, state="rectifying")
    b = item(officer, None, parent=p, problem="乙", weight=1, state="rectifying")
    c = item(officer, None, parent=p, problem="丙", weight=1, state="rectifying")
    services.item_report(item=a, progress=100, note="完成", actor=street_user)
    services.item_report(item=b, progress=50, note="过半", actor=street_user)
    p.refresh_from_db()
    # (2 x 100 + 1 x 50 + 1 x 0) / 4 = 62.5 -> 63
    assert p.progress == 63
    with pytest.raises(Conflict):  # a parent's progress is computed, not reported
        services.item_report(item=p, progress=70, note="", actor=street_user)
    c.refresh_from_db()
    assert c.progress == 0


def test_milestones_give_the_progress_against_plan(officer, tree, street_user):
    it = item(officer, tree["street_a"], state="rectifying", milestones=[
        {"title": "方案", "due": D(2026, 3, 31), "share": 20}, {"title": "施工", "due": D(2026, 4, 30), "share": 30}])
    with pytest.raises(ValidationFailed):  # 20 + 30 + 60 > 100
        services.milestone_add(item=it, actor=officer, title="验收", due=D(2026, 6, 30), share=60)
    services.milestone_add(item=it, actor=officer, title="验收", due=D(2026, 6, 30), share=50)
    from ecogov.rectification.services_daily import plan_recompute

    RectificationItem.objects.filter(pk=it.pk).update(progress=40)
    plan_recompute(day=D(2026, 5, 15))   # 20 + 30 = 50 % expected, 40 % done
    it.refresh_from_db()
    assert (it.expected, it.plan_state, it.plan_date) == (50, "behind", D(2026, 5, 15))
    assert plan_recompute(day=D(2026, 5, 15)) == 0  # idempotent: nothing changes the second time
    plan_recompute(day=D(2026, 3, 20))   # nothing due yet, next target 20 %: 40 % is ahead
    it.refresh_from_db()
    assert (it.expected, it.plan_state) == (0, "ahead")
    plan_recompute(day=D(2026, 7, 1))    # past the deadline: overdue and behind
    it.refresh_from_db()
    assert (it.plan_state, it.status) == ("behind", "overdue")


def test_reports_need_a_rectifying_state_and_keep_the_evidence(officer, tree, street_user):
    it = item(officer, tree["street_a"])
    with pytest.raises(Conflict):
        services.item_report(item=it, progress=10, note="", actor=street_user)
    RectificationItem.objects.filter(pk=it.pk).update(state="rectifying")
    it.refresh_from_db()
    services.item_report(item=it, progress=30, note="已完成方案", actor=street_user, files=[evidence()])
    assert it.reports.get().progress == 30 and selectors.evidence(it).count() == 1
    with pytest.raises(ValidationFailed):
        services.item_report(item=it, progress=130, note="", actor=street_user)


def test_extension_needs_an_approver_and_a_reason(officer, tree, street_user, district_a_user):
    it = item(officer, tree["street_a"])
    with pytest.raises(PermissionRefused):
        services.item_extend(item=it, deadline=D(2026, 8, 31), reason="汛期施工受阻", actor=street_user)
    with pytest.raises(ValidationFailed):
        services.item_extend(item=it, deadline=D(2026, 6, 1), reason="x", actor=district_a_user)
    it = services.item_extend(item=it, deadline=D(2026, 8, 31), reason="汛期施工受阻", actor=district_a_user)
    assert it.deadline == D(2026, 8, 31)
    row = AuditLog.objects.for_object(it).filter(event="update", note__contains="汛期").get()
    assert row.changes["deadline"] == ["2026-06-30", "2026-08-31"] and "汛期施工受阻" in row.note


def test_the_source_link_shows_on_both_sides(officer, tree, client_for):
    from ecogov.supervision.tests.helpers import obj

    site = obj(tree["street_a"], "B", name="链接测试企业")
    it = services.item_create(data={"problem": "雨污混接", "deadline": D(2026, 6, 30), "jurisdiction": tree["street_a"]},
                              actor=officer, source=site)
    c = client_for(officer)
    detail = c.get(reverse("rectification:item_detail", args=[it.pk])).content.decode()
    assert "链接测试企业" in detail
    html = c.get(reverse("registry:object_detail", args=[site.pk])).content.decode()
    assert "雨污混接" in html and reverse("rectification:item_detail", args=[it.pk]) in html


def test_district_isolation(officer, tree, client_for):
    b = batch(officer, tree["city"])
    item(officer, tree["street_a"], batch=b, problem="甲区问题")
    item(officer, tree["street_b"], batch=b, problem="乙区问题")
    da = factories.user("district", tree["district_a"])
    assert list(selectors.items_for(da).values_list("problem", flat=True)) == ["甲区问题"]
    with pytest.raises(PermissionRefused):  # an item cannot be created outside one's area
        item(da, tree["street_b"], problem="越界")
    c = client_for(da)
    page = c.get(reverse("rectification:item_list")).content.decode()
    assert "甲区问题" in page and "乙区问题" not in page
    api = c.get("/api/rectification/items").json()
    assert [i["problem"] for i in api["items"]] == ["甲区问题"]
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(c.get(reverse("rectification:item_list"), {"export": "xlsx"}).content)).active
    problems = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert problems == ["甲区问题"]
    other = RectificationItem.objects.get(problem="乙区问题")
    assert c.get(reverse("rectification:item_detail", args=[other.pk])).status_code == 404
    assert c.get(f"/api/rectification/items/{other.pk}").status_code == 404
    summary = c.get("/api/rectification/summary", {"batch": b.code}).json()
    assert summary["received"] == 1
