"""Duplicate suggestion (distance and time window), merge (every reporter gets the result); rewards:
``rewards/tests/test_services.py``."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from ecogov.complaints import selectors, services
from ecogov.complaints.choices import ComplaintStatus as S
from ecogov.complaints.models import ComplaintPolicy
from ecogov.core.errors import ValidationFailed
from ecogov.core.geo import haversine_m
from ecogov.core.models import Notification

TZ = ZoneInfo("Asia/Shanghai")
LON, LAT = 115.2, 28.5
# 0.004 degrees of latitude = 0.004 * pi/180 * 6371008.8 m = 444.8 m; 0.005 degrees = 556.0 m
NEAR_LAT, FAR_LAT = LAT + 0.004, LAT + 0.005


def make(cats, code="air-dust", lat=LAT, day=10, email="", anonymous=False, now=False):
    return services.complaint_submit(category=cats[code], description="扬尘", lon=LON, lat=lat,
                                     received_at=None if now else dt.datetime(2026, 3, day, 9, tzinfo=TZ), reporter_name="某",
                                     reporter_email=email, anonymous=anonymous)


def test_haversine_reference_distance():
    assert round(haversine_m(LON, LAT, LON, NEAR_LAT), 1) == 444.8


def test_duplicate_suggestion_distance_time_and_category(cats, officer):
    base = make(cats)
    near = make(cats, lat=NEAR_LAT, day=20)
    make(cats, lat=FAR_LAT)  # 556 m: outside the default 500 m
    make(cats, code="air-odour")  # other category
    old = make(cats, day=1)
    old.received_at = dt.datetime(2026, 1, 1, 9, tzinfo=TZ)  # 68 days earlier: outside the 30-day window
    old.save()
    found = selectors.duplicates_of(officer, base)
    assert [c.pk for c, _d in found] == [near.pk]
    assert round(found[0][1], 1) == 444.8
    ComplaintPolicy.objects.create(jurisdiction=base.jurisdiction.parent.parent, duplicate_radius_m=600)
    assert len(selectors.duplicates_of(officer, base)) == 2
    services.complaint_reject(complaint=near, reason="x", redirect_body="y", actor=officer)  # closed: not suggested
    assert len(selectors.duplicates_of(officer, base)) == 1


def test_public_duplicate_hint(cats):
    make(cats)  # received in March: outside the 30-day window of a report made today
    make(cats, now=True)
    resp = Client().get(reverse("portal:complaints_public:duplicates"),
                        {"category": cats["air-dust"].pk, "lon": LON, "lat": NEAR_LAT})
    data = resp.json()
    assert data["count"] == 1 and set(data["items"][0]) == {"tracking_code", "received", "status", "distance_m"}
    assert data["items"][0]["distance_m"] == 445


def test_merge_and_every_reporter_gets_the_result(cats, officer, leader, django_capture_on_commit_callbacks):
    target = make(cats, email="a@example.cn")
    dup1 = make(cats, lat=NEAR_LAT, email="b@example.cn")
    dup2 = make(cats, lat=NEAR_LAT, email="c@example.cn")
    anon = make(cats, lat=NEAR_LAT, anonymous=True)
    with pytest.raises(ValidationFailed):
        services.complaint_merge(complaint=target, target=target, actor=officer)
    for d in (dup1, dup2, anon):
        services.complaint_merge(complaint=d, target=target, actor=officer)
    dup1.refresh_from_db()
    assert dup1.status == S.MERGED and dup1.merged_into == target
    t = services.complaint_accept(complaint=target, actor=officer)
    t = services.complaint_assign(complaint=t, assignee=officer, actor=officer)
    t = services.complaint_start(complaint=t, actor=officer)
    t = services.complaint_handle(complaint=t, findings="属实", measures="停工整改", outcome="substantiated", actor=officer)
    t = services.complaint_review(complaint=t, approve=True, actor=leader)
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_close(complaint=t, reply="已责令停工整改", actor=officer)
    closed = Notification.objects.filter(subject__contains="已办结")
    # The notification log keeps masked addresses only (the reporters' contacts are private).
    assert sorted(closed.values_list("address", flat=True)) == ["a*@example.cn", "b*@example.cn", "c*@example.cn"]
    assert all("已责令停工整改" in n.body for n in closed)
    dup2.refresh_from_db()
    view = selectors.public_view(dup2)
    assert view["merged"] and view["public_status"] == "closed" and view["reply"] == "已责令停工整改"
