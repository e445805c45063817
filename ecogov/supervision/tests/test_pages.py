"""Supervision lists through core's page kit: each export is its on-screen table, the filters act
on the page, its export and the API alike; refused POSTs come back as the action helper's message."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ecogov.supervision import selectors, services, tables
from ecogov.supervision.models import DrawnObject

from .helpers import assert_export_is_the_table, obj, sheet_rows
from .test_views import published  # noqa: F401  (fixture: a published 2026 Q1 plan, inspected 2026-02-03)


@pytest.fixture
def offsite(tree, officer):
    listed = [obj(tree["street_a"], "C", on_positive_list=True, name=f"正面清单企业{i}") for i in range(3)]
    for day, target, method in ((dt.date(2026, 5, 1), listed[0], "drone"), (dt.date(2026, 5, 2), listed[1], "video"),
                                (dt.date(2025, 6, 3), listed[2], "video")):
        services.offsite_check_record(supervised_object=target, date=day, method=method, result="normal",
                                      actor=officer)
    return listed


@pytest.fixture
def items(admin_user):
    for code, name in (("SJ-01", "排污许可检查"), ("SJ-02", "危险废物规范化管理检查")):
        services.item_create(code=code, name=name, legal_basis="《排污许可管理条例》", target_type="排污单位",
                             actor=admin_user)


URLS = {"plans": "supervision:plan_list", "inspections": "supervision:inspection_list",
        "offsite": "supervision:offsite_list", "items": "supervision:item_list"}


@pytest.mark.parametrize("name", sorted(URLS))
def test_each_list_export_equals_its_on_screen_table(name, published, offsite, items, client_for,  # noqa: F811
                                                     leader):
    rows = assert_export_is_the_table(client_for(leader), reverse(URLS[name]), selectors.LIST_PAGES[name].columns)
    expected = {"plans": 1, "inspections": DrawnObject.objects.filter(plan=published).count(), "offsite": 3,
                "items": 2}
    assert rows == expected[name] > 0


def test_the_drawn_list_export_equals_the_plan_pages_table(published, client_for, leader):  # noqa: F811
    c = client_for(leader)
    url = reverse("supervision:plan_detail", args=[published.pk])
    page = c.get(url).content.decode()
    exported = sheet_rows(c.get(url + "?export=xlsx").content)
    drawn = DrawnObject.objects.filter(plan=published).count()
    assert len(exported) - 1 == drawn == page.count("?drawn=") + page.count(">查看<") > 0
    assert list(exported[0]) == [col.header_zh for col in tables.drawn_columns(False)]


def test_filters_act_on_the_page_its_export_and_the_api(offsite, client_for, leader):
    c = client_for(leader)
    url = reverse("supervision:offsite_list")
    page = c.get(url, {"method": "drone"}).content.decode()
    assert offsite[0].name in page and offsite[1].name not in page
    assert [r[1] for r in sheet_rows(c.get(url, {"method": "drone", "export": "xlsx"}).content)[1:]] \
        == [offsite[0].name]
    assert len(sheet_rows(c.get(url, {"year": "2025", "export": "xlsx"}).content)) == 2  # header + the 2025 check
    assert len(sheet_rows(c.get(url, {"q": offsite[1].uscc, "export": "xlsx"}).content)) == 2
    api = c.get("/api/supervision/offsite", {"method": "video"}).json()
    assert api["count"] == 2
    bad = c.get("/api/supervision/offsite", {"method": "teleport"})
    assert bad.status_code == 422 and bad.json()["code"] == "bad_filter"
    assert 'class="error"' in c.get(url, {"method": "teleport"}).content.decode()  # shown on the filter form


def test_a_refused_move_is_the_helpers_message(tree, leader, client_for):
    plan = services.plan_create(jurisdiction=tree["city"], year=2026, quarter=1, actor=leader)  # an empty pool
    c = client_for(leader)
    r = c.post(reverse("supervision:plan_transition", args=[plan.pk]), {"to": "approved"}, follow=True)
    assert r.redirect_chain[-1][0] == plan.get_absolute_url()
    assert "抽查对象库为空，无法批准" in " ".join(str(m) for m in r.context["messages"])
    plan.refresh_from_db()
    assert plan.status == "draft"
    r = c.post(reverse("supervision:plan_transition", args=[plan.pk]), {"to": "cancelled", "note": ""}, follow=True)
    assert "此操作需要填写" in " ".join(str(m) for m in r.context["messages"])
    r = c.post(reverse("supervision:plan_transition", args=[plan.pk]), {"to": "cancelled", "note": "重复计划"})
    plan.refresh_from_db()
    assert r.status_code == 302 and plan.status == "cancelled"


def test_the_plan_page_offers_the_workflows_steps_with_their_inputs(tree, leader, officer, client_for):
    plan = services.plan_create(jurisdiction=tree["city"], year=2026, quarter=2, actor=leader)
    page = client_for(leader).get(reverse("supervision:plan_detail", args=[plan.pk])).content.decode()
    assert "批准并冻结名录" in page and "撤销" in page and 'name="note"' in page and "抽取<" not in page
    assert 'name="ratio_A"' in page
    page = client_for(officer).get(reverse("supervision:plan_detail", args=[plan.pk])).content.decode()
    assert "批准并冻结名录" not in page and 'name="note"' not in page  # officers neither approve nor cancel
    assert "Include a positive-list object" not in page and "纳入正面清单企业" not in page
