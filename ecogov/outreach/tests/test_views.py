"""Staff pages of open days."""

from django.urls import reverse

from ecogov.outreach.models import Facility, OpenDayEvent


def test_staff_schedules_an_open_day(tree, officer, client_for):
    f = Facility.objects.create(name="城东污水处理厂", kind="污水处理", jurisdiction=tree["district_a"])
    resp = client_for(officer).post(reverse("outreach:event_create"),
                                    {"facility": f.pk, "date": "2099-06-05", "title": "开放日", "capacity": 40})
    e = OpenDayEvent.objects.get()
    assert resp.status_code == 302 and e.capacity == 40 and e.registration_open
    html = client_for(officer).get(reverse("outreach:openday_list"), {"year": 2099}).content.decode()
    assert "开放日" in html
