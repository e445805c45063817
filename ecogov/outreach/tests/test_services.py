"""Open days: capacity, registration, attendance and the yearly counts."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from ecogov.core.errors import ValidationFailed
from ecogov.outreach import selectors, services
from ecogov.outreach.models import Facility, OpenDayEvent, OpenDayRegistration


@pytest.fixture
def event(tree):
    cache.clear()
    f = Facility.objects.create(name="城东污水处理厂", kind="污水处理", jurisdiction=tree["district_a"])
    return OpenDayEvent.objects.create(facility=f, date=dt.date(2099, 6, 5), title="世界环境日开放", capacity=5)


def test_capacity_and_registration(event):
    services.registration_create(event=event, name="周一", phone="13800000001", party_size=3)
    with pytest.raises(ValidationFailed):
        services.registration_create(event=event, name="周二", phone="13800000002", party_size=3)  # 2 places left
    services.registration_create(event=event, name="周二", phone="13800000002", party_size=2)
    assert selectors.places_left(event) == 0


def test_public_registration_page(event):
    url = reverse("portal:outreach_public:openday_register", args=[event.pk])
    resp = Client().post(url, {"name": "吴三", "phone": "13900000003", "party_size": 2})
    assert resp.status_code == 200 and 'id="registered"' in resp.content.decode()
    reg = OpenDayRegistration.objects.get()
    assert reg.party_size == 2 and reg.name == "吴三"
    assert "世界环境日开放" in Client().get(reverse("portal:outreach_public:openday_list")).content.decode()
    assert Client().post(url, {"name": "吴三", "phone": "abc"}).status_code == 422


def test_attendance_and_yearly_counts(event, officer, tree):
    f = event.facility
    r1 = services.registration_create(event=event, name="甲", phone="13800000001", party_size=3)
    r2 = services.registration_create(event=event, name="乙", phone="13800000002", party_size=2)
    services.attendance_record(event=event, attended={r1.pk: 3, r2.pk: 1}, actor=officer)
    second = OpenDayEvent.objects.create(facility=f, date=dt.date(2099, 6, 5), title="下午场", capacity=10)
    r3 = services.registration_create(event=second, name="丙", phone="13800000003", party_size=4)
    services.attendance_record(event=second, attended={r3.pk: 4}, actor=officer)
    OpenDayEvent.objects.create(facility=f, date=dt.date(2099, 9, 1), title="未举办", capacity=10)
    # two events on one day = one open day; visitors 3 + 1 + 4 = 8
    assert selectors.yearly_counts(OpenDayEvent.objects.all(), 2099) == {
        "year": 2099, "events": 2, "open_days": 1, "visitors": 8}
    with pytest.raises(ValidationFailed):
        services.registration_create(event=event, name="丁", phone="13800000004")  # held: closed
