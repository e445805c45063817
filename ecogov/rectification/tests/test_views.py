"""The ledger page, its export, closing an item, the inspection page's panel, the API,
the due page's clock source, and scope: other districts and enterprise accounts."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from ecogov.rectification import selectors
from ecogov.testing import factories


def test_list_page_export_and_close(inspection, officers, client_for):
    c = client_for(officers[0])
    page = c.get(reverse("rectification:item_list"))
    html = page.content.decode()
    assert page.status_code == 200 and "危废贮存：标识不全" in html and "甲区整改测试企业" in html
    assert c.get(reverse("rectification:item_list"), {"status": "done"}).content.decode().count("标识不全") == 0
    xlsx = c.get(reverse("rectification:item_list") + "?export=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    item = inspection.rectifications.order_by("pk").first()
    r = c.post(reverse("rectification:item_close", args=[item.pk]), {"closed_date": "2026-03-20"})
    assert r.status_code == 302 and r["Location"] == reverse("rectification:item_list")
    item.refresh_from_db()
    assert item.status == "done"
    bad = c.post(reverse("rectification:item_close", args=[item.pk]), {"closed_date": "2026-03-21"}, follow=True)
    assert "该整改事项已销号" in bad.content.decode()


def test_inspection_page_shows_its_items(inspection, officers, client_for):
    html = client_for(officers[0]).get(reverse("supervision:inspection_detail", args=[inspection.pk])).content.decode()
    assert "危废贮存：标识不全" in html and f"{reverse('rectification:item_list')}?inspection={inspection.pk}" in html


def test_other_district_and_enterprise_accounts(inspection, tree, client_for, unit):
    other = factories.user("district", tree["district_b"])
    c = client_for(other)
    assert "标识不全" not in c.get(reverse("rectification:item_list")).content.decode()
    item = inspection.rectifications.first()
    assert c.post(reverse("rectification:item_close", args=[item.pk]), {"closed_date": "2026-03-20"}).status_code == 404
    assert c.get("/api/rectification/items").json()["count"] == 0
    ent = factories.user("enterprise", None, enterprise=unit)
    assert client_for(ent).get(reverse("rectification:item_list")).status_code == 403


def test_api_lists_and_closes(inspection, officers, client_for):
    c = client_for(officers[0])
    data = c.get("/api/rectification/items", {"inspection": inspection.pk}).json()
    assert data["count"] == 2 and {i["status"] for i in data["items"]} == {"open"}
    pk = data["items"][0]["id"]
    r = c.post(f"/api/rectification/items/{pk}/close", {"closed_date": "2026-03-20"}, content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == "done"
    again = c.post(f"/api/rectification/items/{pk}/close", {"closed_date": "2026-03-20"}, content_type="application/json")
    assert again.status_code == 409 and again.json()["code"] == "already_closed"
    assert c.get("/api/rectification/items", {"status": "bogus"}).status_code == 422


def test_open_items_are_a_clock_source(inspection, officers, tree):
    due = list(selectors.due(officers[0], today=dt.date(2026, 3, 30), horizon_days=7))
    assert len(due) == 2 and {d.due for d in due} == {dt.date(2026, 4, 2)}
    assert list(selectors.due(officers[0], today=dt.date(2026, 3, 1), horizon_days=7)) == []
    assert list(selectors.due(factories.user("district", tree["district_b"]), today=dt.date(2026, 3, 30),
                              horizon_days=7)) == []
