"""Junk in a query string (text, date-like text, float, negative, huge) is a 422, never a 500;
valid values still work (regression of the project-wide junk-query net)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from ecogov.complaints import services
from ecogov.complaints.models import Complaint
from ecogov.complaints.report.selectors import monthly_report
from ecogov.core.errors import ValidationFailed

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
JUNK = ["x'\"<>%", "2026-13-45", "1e400", "-1", HUGE, "1999", "2101"]


@pytest.mark.parametrize("junk", ["x'\"<>%", "2026-13-45", "1e400", "1.5", "-1", "0", HUGE])
def test_public_duplicates_answers_422_to_a_junk_category(cats, junk):
    resp = Client().get(reverse("portal:complaints_public:duplicates"), {"category": junk, "lon": 115.2, "lat": 28.5})
    assert resp.status_code == 422


def test_public_duplicates_with_a_valid_or_missing_category(cats):
    services.complaint_submit(category=cats["air-dust"], description="扬尘", lon=115.2, lat=28.5, reporter_name="某")
    url = reverse("portal:complaints_public:duplicates")
    # the same point, reported today: within 500 m and 30 days -> one candidate, 0 m away
    data = Client().get(url, {"category": cats["air-dust"].pk, "lon": 115.2, "lat": 28.5}).json()
    assert data["count"] == 1 and data["items"][0]["distance_m"] == 0
    assert Client().get(url, {"lon": 115.2, "lat": 28.5}).json() == {"count": 0, "items": []}


@pytest.mark.parametrize(("year", "month"), [("-1", "6"), (HUGE, "6"), ("1999", "6"), ("2101", "6"),
                                             ("2026", "0"), ("2026", "13"), ("2026", HUGE)])
def test_api_report_answers_422_to_an_out_of_range_period(client_for, officer, cats, year, month):
    resp = client_for(officer).get("/api/complaints/report", {"year": year, "month": month})
    assert resp.status_code == 422, (year, month, resp.content[:200])
    assert set(resp.json()) == {"code", "message", "detail"}


def test_monthly_report_checks_its_period_and_still_reports_a_valid_one(client_for, officer, cats):
    with pytest.raises(ValidationFailed):
        monthly_report(Complaint.objects.all(), -1, 6)
    c = services.complaint_submit(category=cats["air-dust"], description="扬尘", lon=115.2, lat=28.5,
                                  reporter_name="某")
    day = c.received_at.astimezone()
    rep = client_for(officer).get("/api/complaints/report", {"year": day.year, "month": day.month}).json()
    assert rep["total"] == 1
