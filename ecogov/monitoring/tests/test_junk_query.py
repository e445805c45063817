"""Junk in a query string (text, date-like text, float, negative, huge) is a 4xx, never a 500;
valid values still work (regression of the project-wide junk-query net)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from ecogov.core.errors import ValidationFailed
from ecogov.monitoring.rollups import period_bounds

pytestmark = pytest.mark.django_db

JUNK = ["x'\"<>%", "2026-13-45", "1e400", "-1", "99999999999999999999", "0", "13", "1.5"]


@pytest.mark.parametrize("junk", JUNK)
@pytest.mark.parametrize("field", ["year", "month"])
@pytest.mark.parametrize("url", ["/monitoring/report/", "/monitoring/water/"])
def test_staff_month_pages_answer_422_to_junk(city_data, officer, client_for, url, field, junk):
    query = {"year": "2025", "month": "6", field: junk}
    resp = client_for(officer).get(url, query)
    assert resp.status_code == 422, (url, query, resp.status_code)
    assert field in resp.content.decode()


@pytest.mark.parametrize("junk", JUNK)
def test_public_ranking_answers_422_to_junk(city_data, junk):
    for query in ({"year": junk, "month": "6"}, {"year": "2025", "month": junk}):
        assert Client().get("/public/monitoring/ranking/", query).status_code == 422, query


@pytest.mark.parametrize("junk", ["-1", "99999999999999999999", "1999", "2101", "text", "1e400"])
def test_api_water_sections_rejects_junk_year(city_data, officer, client_for, junk):
    resp = client_for(officer).get("/api/monitoring/water/sections", {"year": junk, "month": 6})
    assert 400 <= resp.status_code < 500 and set(resp.json()) == {"code", "message", "detail"}


@pytest.mark.parametrize("month", ["0", "13", "-1"])
def test_api_water_sections_rejects_bad_month(city_data, officer, client_for, month):
    resp = client_for(officer).get("/api/monitoring/water/sections", {"year": 2025, "month": month})
    assert resp.status_code == 422 and resp.json()["code"] == "bad_parameter"


def test_valid_year_and_month_still_work(city_data, officer, client_for):
    c = client_for(officer)
    for url in ("/monitoring/report/", "/monitoring/water/"):
        assert c.get(url, {"year": "2025", "month": "6"}).status_code == 200
        assert c.get(url).status_code == 200  # the latest month by default
    assert Client().get("/public/monitoring/ranking/", {"year": "2025", "month": "6"}).status_code == 200
    rows = c.get("/api/monitoring/water/sections", {"year": 2025, "month": 6}).json()
    # one sample 2025-06-10 at W1: pH 7.5, DO 6.8, CODMn 3.1, NH3-N 0.4, TP 0.08 -> class II (GB 3838 table 1:
    # DO >= 6, CODMn <= 4, NH3-N <= 0.5, TP <= 0.1), within its class III target
    assert [(r["code"], r["klass"], r["compliant"]) for r in rows] == [("W1", 2, True)]


def test_period_bounds_rejects_out_of_range_periods():
    for args in (("month", 99999999999999999999, 1), ("month", -1, 1), ("month", 2025, 13), ("quarter", 2025, 5),
                 ("year", 1999, 1)):
        with pytest.raises(ValidationFailed):
            period_bounds(*args)
    # hand-computed: 2024 is a leap year, so February ends on the 29th; Q4 runs 1 October to 31 December
    assert period_bounds("month", 2024, 2) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert period_bounds("quarter", 2025, 4) == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))
