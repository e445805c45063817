"""Penalty cases opened from inspections: automatically for a suspected violation
(enforcement's handler of supervision's outcomes), or by hand through the page and
the API; the inspection page lists its cases through enforcement's related panel;
the handler rule of filing, shared by the page and the API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ecogov.enforcement import selectors, services
from ecogov.enforcement.models import PenaltyCase
from ecogov.supervision import services as supervision
from ecogov.testing import factories


@pytest.fixture
def crew(tree):
    return [factories.user("officer", tree["city"], username=f"crew{i}") for i in range(2)]


def _inspect(company, crew, result, **kw):
    kw.setdefault("findings", [{"point": "废水排放", "compliant": False, "note": "COD超标2.1倍"}])
    if result == "rectify":
        kw.setdefault("rectify_deadline", dt.date(2026, 6, 6))
    return supervision.inspection_record(supervised_object=company, date=dt.date(2026, 5, 6), officers=crew,
                                         result=result, actor=crew[0], **kw)


def test_a_violation_opens_a_case_with_the_officers_description(company, crew):
    insp = _inspect(company, crew, "violation", violation="夜间偷排", joint_action=True)
    case = insp.penalty_cases.get()
    assert case.facts == "夜间偷排" and case.source == "joint" and case.joint_action
    assert case.opened_date == insp.date and case.status == "pending"


def test_open_a_case_by_hand_from_the_inspection_page(company, crew, client_for):
    insp = _inspect(company, crew, "rectify")
    assert not insp.penalty_cases.exists()
    c = client_for(crew[0])
    page = c.get(reverse("supervision:inspection_detail", args=[insp.pk])).content.decode()
    link = f"{reverse('enforcement:case_from_inspection')}?inspection={insp.pk}"
    assert link in page
    form = c.get(link).content.decode()
    assert "废水排放：COD超标2.1倍" in form  # the facts are prefilled with the problems found
    r = c.post(reverse("enforcement:case_from_inspection"), {"inspection": insp.pk, "facts": "废水超标排放"})
    case = insp.penalty_cases.get()
    assert r.status_code == 302 and r["Location"] == case.get_absolute_url()
    assert case.facts == "废水超标排放" and case.source == "inspection"
    page = c.get(reverse("supervision:inspection_detail", args=[insp.pk])).content.decode()
    assert case.case_no in page and link not in page  # the case is listed; no second "open" link


def test_no_link_for_an_inspection_without_problems_or_for_those_who_may_not_open(company, crew):
    clean = _inspect(company, crew, "no_problem", findings=[])
    assert selectors.related_panels(crew[0], clean)[0]["items"] == []
    insp = _inspect(company, crew, "rectify")
    assert len(selectors.related_panels(crew[0], insp)[0]["items"]) == 1
    account = factories.user("enterprise", None, enterprise=company)  # may see the inspection, may not open cases
    assert selectors.related_panels(account, insp)[0]["items"] == []
    assert selectors.related_panels(crew[0], company) == []  # not an inspection: no panel


def test_the_page_refuses_out_of_scope_inspections_and_missing_facts(company, crew, tree, client_for):
    insp = _inspect(company, crew, "rectify")
    other = client_for(factories.user("district", tree["district_b"]))
    assert other.get(reverse("enforcement:case_from_inspection"), {"inspection": insp.pk}).status_code == 404
    assert client_for(crew[0]).get(reverse("enforcement:case_from_inspection")).status_code == 404
    r = client_for(crew[0]).post(reverse("enforcement:case_from_inspection"), {"inspection": insp.pk, "facts": " "})
    assert r.status_code == 200 and not PenaltyCase.objects.exists()


def test_api_opens_a_case_from_an_inspection(company, crew, client_for, tree):
    insp = _inspect(company, crew, "rectify")
    c = client_for(crew[0])
    r = c.post("/api/enforcement/cases/from-inspection", {"inspection_id": insp.pk}, content_type="application/json")
    assert r.status_code == 201 and r.json()["facts"] == "废水排放：COD超标2.1倍"
    other = client_for(factories.user("district", tree["district_b"]))
    r = other.post("/api/enforcement/cases/from-inspection", {"inspection_id": insp.pk},
                   content_type="application/json")
    assert r.status_code == 404 and r.json()["code"] == "not_found"


def test_the_filing_officer_becomes_the_handler_page_and_api_alike(open_case, officer, leader, client_for):
    services.case_transition(case=open_case, new="filed", data={"filed_date": dt.date(2026, 3, 2)}, actor=leader)
    open_case.refresh_from_db()
    assert open_case.handler is None  # a leader files for the handler the case has
    second = services.case_open(supervised_object=open_case.supervised_object, facts="再次超标",
                                opened_date=dt.date(2026, 3, 3), actor=officer)
    r = client_for(officer).post(f"/api/enforcement/cases/{second.pk}/transition",
                                 {"to": "filed", "filed_date": "2026-03-04"}, content_type="application/json")
    assert r.status_code == 200
    second.refresh_from_db()
    assert second.handler == officer


def test_the_deciding_authority_comes_from_the_city(tree):
    assert selectors.penalty_authority() == f"{tree['city'].name}生态环境局"
