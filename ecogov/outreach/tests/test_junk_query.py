"""Junk in a query string (text, date-like text, float, negative, huge) is a 422, never a 500;
valid values still work (regression of the project-wide junk-query net)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ecogov.outreach.models import Facility, OpenDayEvent

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
JUNK = ["x'\"<>%", "2026-13-45", "1e400", "-1", HUGE, "1999", "2101"]


@pytest.fixture
def open_day(tree):
    f = Facility.objects.create(name="城东污水处理厂", kind="污水处理", jurisdiction=tree["district_a"])
    return OpenDayEvent.objects.create(facility=f, date=dt.date(2099, 6, 5), title="世界环境日开放", capacity=5)


@pytest.mark.parametrize("junk", JUNK)
def test_staff_openday_list_answers_422_to_a_junk_year(client_for, officer, open_day, junk):
    c = client_for(officer)
    url = reverse("outreach:openday_list")
    assert c.get(url, {"year": junk}).status_code == 422
    assert c.get(url, {"year": junk, "export": "xlsx"}).status_code == 422


def test_staff_openday_list_with_a_valid_year(client_for, officer, open_day):
    c = client_for(officer)
    url = reverse("outreach:openday_list")
    assert "世界环境日开放" in c.get(url, {"year": "2099"}).content.decode()
    page = c.get(url, {"year": "2098"})
    assert page.status_code == 200 and "世界环境日开放" not in page.content.decode()
    assert c.get(url).status_code == 200  # this year by default
