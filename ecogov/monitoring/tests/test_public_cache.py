"""Public hot reads are cached per data version: a repeated read costs no query beyond the
version's, new data shows at once, signed-in users and each client's CSRF token are never shared."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ecogov.core import cache as public_cache
from ecogov.monitoring.models import Reading

from .conftest import TZ


def _queries(client, url) -> tuple[int, bytes]:
    with CaptureQueriesContext(connection) as q:
        body = client.get(url).content
    return len(q.captured_queries), body


def test_latest_api_cached_until_a_new_reading_arrives(city_data):
    c = Client()
    first = c.get("/api/monitoring/latest").json()
    assert {x["station"]: x["aqi"] for x in first} == {"A": 69, "B": 43}
    stamp_queries, _ = _queries(c, "/api/monitoring/latest")
    # the data version is 7 aggregate reads; the answer itself (stations, readings) is not read again
    assert stamp_queries == 7
    # a new hour at B: PM2.5 75 (24-h breakpoints 75 -> IAQI 100), read at once
    t = dt.datetime(2025, 6, 3, 1, tzinfo=TZ)
    Reading.objects.create(station=city_data["b"], time=t, so2=10, no2=40, co=1.0, o3=100, pm10=40, pm25=75,
                           source="test", ingested=t)
    after = {x["station"]: (x["aqi"], x["time"]) for x in c.get("/api/monitoring/latest").json()}
    assert after["B"] == (100, "2025-06-02T17:00:00Z")


def test_public_page_cached_but_csrf_token_per_client(city_data):
    a, b = Client(), Client()
    page_a = a.get("/public/monitoring/").content.decode()
    queries, page_b = _queries(b, "/public/monitoring/")
    assert queries == 7
    token_a, token_b = a.cookies["csrftoken"].value, b.cookies["csrftoken"].value
    assert token_a != token_b
    assert public_cache._TOKEN not in page_a
    assert page_b.decode().count('name="csrfmiddlewaretoken"') == page_a.count('name="csrfmiddlewaretoken"') >= 1
    # each client's token works for its own language switch (a POST checked by CSRF middleware)
    checked = Client(enforce_csrf_checks=True)
    html = checked.get("/public/monitoring/").content.decode()
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert checked.post("/i18n/setlang/", {"language": "en", "csrfmiddlewaretoken": token}).status_code == 302


def test_signed_in_users_are_not_served_from_the_cache(city_data, officer, client_for, monkeypatch):
    monkeypatch.setattr(public_cache, "STAMP_SECONDS", 60.0)  # the anonymous answer stays as it is
    anonymous, staff = Client(), client_for(officer)
    assert {x["station"]: x["aqi"] for x in anonymous.get("/api/monitoring/latest").json()}["B"] == 43
    t = dt.datetime(2025, 6, 3, 1, tzinfo=TZ)
    Reading.objects.create(station=city_data["b"], time=t, so2=10, no2=40, co=1.0, o3=100, pm10=40, pm25=75,
                           source="test", ingested=t)
    assert {x["station"]: x["aqi"] for x in anonymous.get("/api/monitoring/latest").json()}["B"] == 43
    assert {x["station"]: x["aqi"] for x in staff.get("/api/monitoring/latest").json()}["B"] == 100


def test_data_version_is_asked_at_most_every_stamp_seconds(city_data, monkeypatch):
    monkeypatch.setattr(public_cache, "STAMP_SECONDS", 60.0)
    c = Client()
    c.get("/api/monitoring/latest")
    queries, _ = _queries(c, "/api/monitoring/latest")
    assert queries == 0
