"""Case pages (workflow buttons, deadlines, history), API and public decisions."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse

from ecogov.enforcement import services

D = dt.date


def _decided(case, officer, leader, rule):
    case = services.case_transition(case=case, new="filed", data={"filed_date": D(2026, 3, 2)}, actor=officer)
    case = services.case_transition(case=case, new="investigation", actor=officer)
    case = services.case_transition(case=case, new="notified", data={"notice_date": D(2026, 3, 5)}, actor=officer)
    return services.case_transition(case=case, new="decided", actor=leader, data={
        "decision_date": D(2026, 3, 13), "decision_no": "示环罚〔2026〕9号", "discretion_rule": rule, "amount": "120000"})


def test_case_page_shows_allowed_steps_only(open_case, client_for, officer, leader):
    page = client_for(officer).get(reverse("enforcement:case_detail", args=[open_case.pk])).content.decode()
    assert "立案" in page and "不予立案" in page and "作出处罚决定" not in page
    assert "hx-get" in page  # history tab
    r = client_for(officer).post(reverse("enforcement:case_transition", args=[open_case.pk]),
                                 {"to": "filed", "filed_date": "2026-03-02"})
    assert r.status_code == 302
    open_case.refresh_from_db()
    assert open_case.status == "filed" and open_case.handler == officer
    page = client_for(leader).get(reverse("enforcement:case_detail", args=[open_case.pk])).content.decode()
    assert "2026-05-31" in page or "2026年5月31日" in page  # 90-day decision deadline


def test_lists_and_exports(open_case, client_for, leader):
    c = client_for(leader)
    for name in ("case_list", "overdue", "figures", "yellow_card_list", "transfer_list"):
        assert c.get(reverse(f"enforcement:{name}")).status_code == 200, name
    x = c.get(reverse("enforcement:case_list") + "?export=xlsx")
    assert x["Content-Type"].startswith("application/vnd.openxmlformats")


def test_api_transition_refuses_illegal_move(open_case, client_for, leader, rule):
    c = client_for(leader)
    r = c.post(f"/api/enforcement/cases/{open_case.pk}/transition", {"to": "delivered", "delivery_date": "2026-03-02"},
               content_type="application/json")
    assert r.status_code == 409 and r.json()["detail"]["allowed"] == ["filed", "not_filed"]
    r = c.post(f"/api/enforcement/cases/{open_case.pk}/transition", {"to": "filed", "filed_date": "2026-03-02"},
               content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == "filed"
    dl = c.get(f"/api/enforcement/cases/{open_case.pk}/deadlines?today=2026-06-01").json()
    assert dl[0]["due"] == "2026-05-31" and dl[0]["overdue"] is True
    f = c.get("/api/enforcement/figures?start=2026-01-01&end=2026-12-31").json()
    assert f["filed"] == 1 and f["decided"] == 0


def test_public_decisions_masked(open_case, officer, leader, rule):
    _decided(open_case, officer, leader, rule)
    html = Client().get(reverse("portal:enforcement_public:decisions")).content.decode()
    assert "示环罚〔2026〕9号" in html and "王**" in html and "王大明" not in html
    api = Client().get("/api/enforcement/public/decisions").json()
    assert api["items"][0]["legal_representative"] == "王**"
    assert Client().get(reverse("portal:enforcement_public:decisions") + "?export=xlsx").status_code == 200


def test_discretion_table_page(client_for, leader, rule):
    html = client_for(leader).get(reverse("enforcement:discretion_list")).content.decode()
    assert "自由裁量基准" in html and "WATER-83-G" in html
