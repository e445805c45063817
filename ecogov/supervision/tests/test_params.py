"""Junk in query strings is a 422 naming the parameter, never a 500; valid values still filter."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse

from ecogov.supervision.models import DrawnObject

from .test_views import published  # noqa: F401  (fixture: a published 2026 Q1 plan, inspected 2026-02-03)

#: What users type into the address bar: text, a date-like text, a float, a negative, a huge number.
JUNK = ["abc", "2026-13-45", "1e400", "-1", "99999999999999999999", "1999", "2101"]


@pytest.mark.parametrize("name", ["supervision:plan_list", "supervision:inspection_list", "supervision:coverage"])
@pytest.mark.parametrize("value", JUNK)
def test_pages_answer_422_on_a_bad_year(client_for, leader, name, value):
    resp = client_for(leader).get(reverse(name), {"year": value})
    assert resp.status_code == 422, resp.content[:300]
    assert "year" in resp.content.decode()


@pytest.mark.parametrize("value", ["abc", "2026-13-45", "1e400", "-1", "0", "99999999999999999999"])
def test_inspection_form_answers_422_on_a_bad_drawn_id(client_for, leader, value):
    resp = client_for(leader).get(reverse("supervision:inspection_new"), {"drawn": value})
    assert resp.status_code == 422, resp.content[:300]
    assert "drawn" in resp.content.decode()


def test_inspection_form_still_takes_a_drawn_id(published, client_for, leader):  # noqa: F811
    row = DrawnObject.objects.filter(plan=published).order_by("pk").first()
    c = client_for(leader)
    assert c.get(reverse("supervision:inspection_new"), {"drawn": row.pk}).status_code == 200
    assert c.get(reverse("supervision:inspection_new"), {"drawn": row.pk + 10_000}).status_code == 404


def test_valid_years_still_filter(published, client_for, leader):  # noqa: F811
    c = client_for(leader)
    for name in ("supervision:plan_list", "supervision:coverage"):
        assert published.code in c.get(reverse(name), {"year": "2026"}).content.decode(), name
        assert published.code not in c.get(reverse(name), {"year": "2025"}).content.decode(), name
    inspected = DrawnObject.objects.filter(plan=published, inspection__isnull=False).count()
    assert inspected > 0
    for year, rows in (("2026", inspected), ("2025", 0)):
        xlsx = c.get(reverse("supervision:inspection_list"), {"year": year, "export": "xlsx"})
        sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
        assert sheet.max_row - 1 == rows, year  # one header row


@pytest.mark.parametrize("value", ["-1", "99999999999999999999", "1999"])
@pytest.mark.parametrize("path", ["/api/supervision/coverage", "/api/supervision/plans", "/api/supervision/inspections"])
def test_api_answers_422_on_a_bad_year(client_for, leader, path, value):
    resp = client_for(leader).get(path, {"year": value}, HTTP_ACCEPT="application/json")
    assert resp.status_code == 422, resp.content[:300]
    assert resp.json()["code"] == "bad_parameter"


def test_api_coverage_valid_year(published, client_for, leader):  # noqa: F811
    data = client_for(leader).get("/api/supervision/coverage", {"year": 2026}).json()
    assert data["year"] == 2026 and {r["plan"] for r in data["rows"]} == {published.code}
    assert client_for(leader).get("/api/supervision/coverage", {"year": 2025}).json()["rows"] == []
