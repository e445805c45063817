"""Junk in query strings is a 422 naming the parameter, never a 500; valid values still filter."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from .test_views import _decided

#: What users type into the address bar: text, a date-like text, a float, a negative, a huge number.
JUNK_YEARS = ["abc", "2026-13-45", "1e400", "-1", "99999999999999999999", "1999", "2101"]
JUNK_DATES = ["abc", "2026-13-45", "1e400", "-1", "99999999999999999999", "1999-12-31"]


@pytest.mark.parametrize("value", JUNK_YEARS)
def test_case_list_answers_422_on_a_bad_year(client_for, leader, value):
    resp = client_for(leader).get(reverse("enforcement:case_list"), {"year": value})
    assert resp.status_code == 422, resp.content[:300]
    assert "year" in resp.content.decode()


def test_case_list_valid_year_still_filters(open_case, client_for, leader):
    c = client_for(leader)
    assert open_case.case_no in c.get(reverse("enforcement:case_list"), {"year": "2026"}).content.decode()
    assert open_case.case_no not in c.get(reverse("enforcement:case_list"), {"year": "2025"}).content.decode()


@pytest.mark.parametrize("field", ["start", "end"])
@pytest.mark.parametrize("value", JUNK_DATES)
def test_figures_answer_422_on_a_bad_date(client_for, leader, field, value):
    resp = client_for(leader).get(reverse("enforcement:figures"), {field: value})
    assert resp.status_code == 422, resp.content[:300]
    assert field in resp.content.decode()


def test_figures_valid_dates_still_count(open_case, client_for, officer, leader, rule):
    _decided(open_case, officer, leader, rule)  # decided 2026-03-13, fine 120000
    c = client_for(leader)
    march = c.get(reverse("enforcement:figures"), {"start": "2026-03-01", "end": "2026-03-31"})
    assert march.status_code == 200 and march.context["start"] == dt.date(2026, 3, 1)
    assert march.context["f"]["decided"] == 1 and march.context["f"]["total_amount"] == 120000
    april = c.get(reverse("enforcement:figures"), {"start": "2026-04-01", "end": "2026-04-30"})
    assert april.context["f"]["decided"] == 0


@pytest.mark.parametrize("name", ["portal:enforcement_public:decisions", "portal:enforcement_public:yellow_cards"])
@pytest.mark.parametrize("value", JUNK_YEARS)
def test_public_pages_answer_422_on_a_bad_year(db, name, value):
    resp = Client().get(reverse(name), {"year": value})
    assert resp.status_code == 422, resp.content[:300]


def test_public_decisions_valid_year_still_filters(open_case, officer, leader, rule):
    _decided(open_case, officer, leader, rule)
    url = reverse("portal:enforcement_public:decisions")
    assert "示环罚〔2026〕9号" in Client().get(url, {"year": "2026"}).content.decode()
    assert "示环罚〔2026〕9号" not in Client().get(url, {"year": "2025"}).content.decode()
    assert Client().get(reverse("portal:enforcement_public:yellow_cards"), {"year": "2026"}).status_code == 200


@pytest.mark.parametrize("value", ["-1", "99999999999999999999", "1999"])
@pytest.mark.parametrize("path", ["/api/enforcement/cases", "/api/enforcement/public/decisions",
                                  "/api/enforcement/public/yellow-cards"])
def test_api_answers_422_on_a_bad_year(client_for, leader, path, value):
    resp = client_for(leader).get(path, {"year": value}, HTTP_ACCEPT="application/json")
    assert resp.status_code == 422, resp.content[:300]
    assert resp.json()["code"] == "bad_parameter"
