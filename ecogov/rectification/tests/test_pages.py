"""Pages, import, API moves, the public disclosure and the contributed outputs."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from ecogov.core.errors import PermissionRefused
from ecogov.core.excel import ImportFailed
from ecogov.core.models import AuditLog
from ecogov.rectification import imports, outputs, selectors
from ecogov.rectification.models import RectificationItem
from ecogov.rectification.tables import IMPORT_COLUMNS
from ecogov.testing import factories

from .ledger import batch, item

D = dt.date


def _xlsx(rows: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append([c.header_zh for c in IMPORT_COLUMNS])
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


ROWS = [
    ["X-1", "", "小区餐饮油烟扰民", "安装油烟净化器", "369902001", "", "王副区长", "2026-06-30", 1],
    ["X-1-1", "X-1", "排查餐饮店", "", "369902001", "", "", "2026-05-31", 2],
    ["X-2", "", "河道垃圾", "清理", "369903001", "", "李副区长", "2026-07-31", 1],
]


def test_import_all_or_nothing_idempotent_and_update_needs_change_rights(officer, tree):
    b = batch(officer, tree["city"])
    bad = ROWS + [["X-3", "", "", "", "999999", "", "", "31/12/2026", 1], ["X-4", "X-9", "孤儿", "", "369902001", "",
                                                                          "", "2026-06-30", 1]]
    with pytest.raises(ImportFailed) as exc:
        imports.batch_import(batch=b, data=_xlsx(bad), actor=officer)
    assert sorted({e.row for e in exc.value.errors}) == [5, 6] and not RectificationItem.objects.exists()
    first = imports.batch_import(batch=b, data=_xlsx(ROWS), actor=officer)
    assert (first.created, first.updated, first.unchanged) == (3, 0, 0)
    child = b.items.get(external_no="X-1-1")
    assert child.parent.external_no == "X-1" and child.level == "task" and child.weight == 2
    again = imports.batch_import(batch=b, data=_xlsx(ROWS), actor=officer)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    changed = [r[:] for r in ROWS]
    changed[2][3] = "清理并设置拦污栅"
    # an officer of district A may not change district B's item
    da_officer = factories.user("officer", tree["district_a"])
    with pytest.raises(ImportFailed) as exc:
        imports.batch_import(batch=b, data=_xlsx(changed), actor=da_officer)
    assert [e.row for e in exc.value.errors] == [4]
    result = imports.batch_import(batch=b, data=_xlsx(changed), actor=officer)
    assert (result.updated, result.unchanged) == (1, 2)
    assert b.items.get(external_no="X-2").measures == "清理并设置拦污栅"
    district = factories.user("district", tree["district_a"])
    with pytest.raises(PermissionRefused):  # districts read batches, the bureau imports them
        imports.batch_import(batch=b, data=_xlsx(ROWS), actor=district)


def test_import_page_shows_the_refused_rows(officer, tree, client_for):
    b = batch(officer, tree["city"])
    c = client_for(officer)
    f = io.BytesIO(_xlsx([["X-1", "", "", "", "369902001", "", "", "2026-06-30", 1]]))
    f.name = "list.xlsx"
    html = c.post(reverse("rectification:batch_import", args=[b.pk]), {"file": f}).content.decode()
    assert 'id="import-errors"' in html and "问题描述" in html


def test_batch_overview_rates(officer, tree, client_for):
    """48 problems handed to district A, 45 closed: 45 / 48 = 93.75 % -> 93.8 %."""
    b = batch(officer, tree["city"], code="ZY2-XH")
    RectificationItem.objects.bulk_create([
        RectificationItem(batch=b, problem=f"信访件{i}", jurisdiction=tree["district_a"], deadline=D(2026, 9, 30),
                          state="closed" if i < 45 else "rectifying", plan_state="done" if i < 45 else "behind")
        for i in range(48)])
    assert selectors.summary(officer, b) == {"received": 48, "closed": 45, "rate": 93.8, "behind": 3, "overdue": 0,
                                             "on_time": 0}  # closed without a date: not counted on schedule
    c = client_for(officer)
    assert "93.8%" in c.get(reverse("rectification:batch_detail", args=[b.pk])).content.decode()
    page = c.get(reverse("rectification:batch_list")).content.decode()
    assert "93.8%" in page and "甲区" in page
    api = c.get("/api/rectification/summary", {"batch": "ZY2-XH"}).json()
    assert api == {"received": 48, "closed": 45, "rate": 93.8, "behind": 3, "overdue": 0}
    assert c.get("/api/rectification/batches").json()["count"] == 1
    assert c.get("/api/rectification/items", {"batch": "ZY2-XH", "progress": "behind"}).json()["count"] == 3
    assert "信访件47" in c.get(reverse("rectification:item_list"), {"batch": "ZY2-XH", "progress": "behind"}
                             ).content.decode()
    xlsx = c.get(reverse("rectification:item_list"), {"batch": "ZY2-XH", "export": "xlsx"})
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    docx = c.get(reverse("rectification:bulletin"))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    from docx import Document

    cells = [cell.text for t in Document(io.BytesIO(docx.content)).tables for row in t.rows for cell in row.cells]
    assert "93.8%" in cells and "信访件47" in cells  # the batch's rate and the behind-schedule list
    for name in ("rectification:red_list", "rectification:weekly", "rectification:batch_create"):
        assert c.get(reverse(name)).status_code == 200


def test_api_create_and_moves(officer, tree, client_for):
    c = client_for(officer)
    r = c.post("/api/rectification/items", {"problem": "工地扬尘", "jurisdiction": "369902001", "deadline": "2026-06-30",
                                            "assigned_date": "2026-03-02", "milestones": [{"title": "围挡", "due": "2026-04-30", "share": 40}]},
               content_type="application/json")
    assert r.status_code == 201, r.content
    pk = r.json()["id"]
    assert r.json()["milestones"][0]["share"] == 40 and r.json()["allowed"] == ["accepted"]
    bad = c.post(f"/api/rectification/items/{pk}/transition", {"to": "closed"}, content_type="application/json")
    assert bad.status_code == 409 and bad.json()["detail"]["allowed"] == ["accepted"]
    ok = c.post(f"/api/rectification/items/{pk}/transition", {"to": "accepted"}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["state"] == "accepted"
    assert c.get(f"/api/rectification/items/{pk}").json()["state_label"] == "已签收"
    other = factories.user("district", tree["district_b"])
    assert client_for(other).get(f"/api/rectification/items/{pk}").status_code == 404
    assert c.get("/api/rectification/items", {"state": "accepted"}).json()["count"] == 1


def test_public_page_shows_closed_and_noticed_items_without_personal_data(officer, tree, client):
    owner = factories.user("street", tree["street_a"])
    b = batch(officer, tree["city"])
    item(officer, tree["street_a"], batch=b, problem="已销号问题", owner=owner, state="closed")
    item(officer, tree["street_a"], batch=b, problem="公示中问题", owner=owner, state="publicised")
    item(officer, tree["street_a"], batch=b, problem="整改中问题", state="rectifying")
    html = client.get("/public/rectification/").content.decode()
    assert "已销号问题" in html and "公示中问题" in html and "整改中问题" not in html
    assert owner.full_name not in html and "12369" in html


def test_outputs_read_through_the_user(officer, tree):
    b = batch(officer, tree["city"])
    it = item(officer, tree["street_a"], batch=b, deadline=D(2026, 3, 31))
    done = item(officer, tree["street_a"], batch=b, deadline=D(2026, 3, 31), problem="按期销号")
    RectificationItem.objects.filter(pk=done.pk).update(state="closed", closed_date=D(2026, 3, 30))
    layer = outputs.open_items_layer(officer)
    assert [f["properties"]["id"] for f in layer["features"]] == [it.pk]   # at the street's centroid
    assert layer["features"][0]["geometry"]["coordinates"] == [115.25, 28.5]
    # due in March: 2, closed by the deadline: 1 -> 50.0 %
    value = outputs.on_schedule_rate(officer, jurisdiction=tree["city"], start=D(2026, 3, 1), end=D(2026, 3, 31))
    assert value.value == 50.0 and value.detail == {"due": 2, "closed_on_time": 1}
    section = outputs.briefing_section(officer, jurisdiction=tree["district_a"], start=D(2026, 3, 1),
                                       end=D(2026, 3, 31))
    assert section["figures"]["rate"]["text"] == "50.0" and not section["empty"]
    empty = outputs.briefing_section(officer, jurisdiction=tree["district_b"], start=D(2026, 3, 1),
                                     end=D(2026, 3, 31))
    assert empty["empty"]
    assert AuditLog.objects.filter(event="create").count() >= 3


def test_home_cards(officer, tree, client_for):
    item(officer, tree["street_a"], problem="未销号问题")
    cards = outputs.home_cards(officer)
    assert cards[0]["value"] == 1 and cards[1]["value"] == 0
    assert outputs.home_cards(factories.user("district", tree["district_b"]))[0]["value"] == 0


def test_add_a_problem_to_a_batch_and_the_direct_close_is_for_inspection_findings(officer, tree, client_for):
    from ecogov.core.errors import Conflict
    from ecogov.rectification import services

    b = batch(officer, tree["city"])
    c = client_for(officer)
    r = c.post(reverse("rectification:problem_add", args=[b.pk]), {
        "problem": "工业园区异味", "jurisdiction": tree["street_a"].pk, "deadline": "2027-03-31", "leader": "赵副区长"})
    assert r.status_code == 302
    it = b.items.get()
    assert r["Location"] == reverse("rectification:item_detail", args=[it.pk]) and it.leader == "赵副区长"
    bad = c.post(reverse("rectification:problem_add", args=[b.pk]), {"problem": "x", "deadline": "2027-03-31"})
    assert bad.status_code == 200 and b.items.count() == 1
    with pytest.raises(Conflict):
        services.rectification_close(item=it, closed_date=D(2026, 12, 1), actor=officer)
