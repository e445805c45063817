"""Responsibility lists (scope, export, yearly versions, a unit's page) and committees
(members by office, a decision that opens a ledger item linked back to it)."""

import datetime as dt

import pytest
from django.urls import reverse

from ecogov.core.errors import Conflict, PermissionRefused
from ecogov.rectification.models import Committee, CommitteeMember, Meeting, RectificationItem
from ecogov.rectification.responsibility import services
from ecogov.testing import factories


@pytest.fixture
def duties(officer, tree):
    return [services.duty_create(data={"year": 2026, "level": level, "jurisdiction": area, "duty": text,
                                       "legal_basis": "《环境保护法》", "indicators": "优良天数比率"}, actor=officer)
            for level, area, text in (("district", tree["district_a"], "甲区负总责"),
                                      ("street", tree["street_b"], "乙区街道日巡查"))]


def test_lists_are_scoped_exported_and_versioned_by_year(duties, officer, tree, client_for):
    da = factories.user("district", tree["district_a"])
    c = client_for(da)
    page = c.get(reverse("rectification:duty_list"), {"year": 2026}).content.decode()
    assert "甲区负总责" in page and "乙区街道日巡查" not in page
    xlsx = c.get(reverse("rectification:duty_list"), {"export": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert services.duty_copy_year(year=2026, to_year=2027, actor=officer) == 2
    with pytest.raises(Conflict):
        services.duty_copy_year(year=2026, to_year=2027, actor=officer)
    assert "甲区负总责" in c.get(reverse("rectification:duty_list"), {"year": 2027}).content.decode()
    it = RectificationItem.objects.create(problem="甲区黑臭水体", jurisdiction=tree["district_a"],
                                          deadline=dt.date(2026, 9, 30))
    services.duty_update(duty=duties[0], data={}, items=[it], actor=officer)
    unit = c.get(reverse("rectification:unit", args=[tree["district_a"].code])).content.decode()
    assert "甲区负总责" in unit and "甲区黑臭水体" in unit
    assert c.get(reverse("rectification:unit", args=[tree["district_b"].code])).status_code == 404


def test_a_decision_opens_an_item_for_a_member_unit(officer, tree, client_for):
    top = services.committee_create(name="市生态环境保护委员会", jurisdiction=tree["city"], actor=officer)
    sub = services.committee_create(name="水污染防治专门委员会", jurisdiction=tree["city"], parent=top, actor=officer)
    services.member_add(committee=top, office="市委书记", role="主任", actor=officer)
    member = services.member_add(committee=top, office="甲区区长", role="成员", jurisdiction=tree["district_a"],
                                 actor=officer)
    meeting = services.meeting_record(committee=top, date=dt.date(2026, 3, 10), title="第一次全体会议", minutes="",
                                      actor=officer)
    district = factories.user("district", tree["district_a"])
    with pytest.raises(PermissionRefused):  # the committee's office records decisions
        services.decision_record(meeting=meeting, text="x", actor=district)
    decision = services.decision_record(meeting=meeting, text="甲区完成黑臭水体整治", member=member, actor=officer,
                                        item={"deadline": dt.date(2026, 6, 30)})
    item = RectificationItem.objects.get()
    assert item.source == decision and item.jurisdiction == tree["district_a"] and item.leader == "甲区区长"
    c = client_for(officer)
    source = c.get(reverse("rectification:item_detail", args=[item.pk])).content.decode()
    assert reverse("rectification:committee_detail", args=[top.pk]) in source  # the decision, linked
    html = c.get(reverse("rectification:committee_list")).content.decode()
    assert "水污染防治专门委员会" in html and sub.parent == top
    detail = c.get(reverse("rectification:committee_detail", args=[top.pk])).content.decode()
    assert "市委书记" in detail and "甲区完成黑臭水体整治" in detail
    assert Committee.objects.count() == 2 and CommitteeMember.objects.count() == 2 and Meeting.objects.count() == 1


def test_duty_and_meeting_forms(officer, tree, client_for):
    c = client_for(officer)
    assert 'id="add-duty"' in c.get(reverse("rectification:duty_list")).content.decode()
    r = c.post(reverse("rectification:duty_add"), {"year": 2026, "level": "street", "jurisdiction": tree["street_a"].pk,
                                                   "duty": "街道网格巡查", "legal_basis": "", "indicators": ""})
    assert r.status_code == 302
    assert "街道网格巡查" in c.get(reverse("rectification:duty_list")).content.decode()
    street = factories.user("street", tree["street_a"])
    assert 'id="add-duty"' in client_for(street).get(reverse("rectification:duty_list")).content.decode()
    top = services.committee_create(name="市生态环境保护委员会", jurisdiction=tree["city"], actor=officer)
    r = c.post(reverse("rectification:meeting_add", args=[top.pk]), {"date": "2026-04-01", "title": "第二次全体会议"})
    assert r.status_code == 302 and top.meetings.get().title == "第二次全体会议"
    district = factories.user("district", tree["district_a"])
    client_for(district).post(reverse("rectification:meeting_add", args=[top.pk]), {"date": "2026-04-02", "title": "x"})
    assert top.meetings.count() == 1
