"""The open-day list comes from core's page kit: the export is the on-screen table, the year and search
filters apply to both, and the attendance and new-open-day forms go through core's action helpers."""

import datetime as dt
import html
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ecogov.outreach import selectors, services
from ecogov.outreach.models import Facility, OpenDayEvent

URL = "/outreach/open-days/"


def screen(page: str):
    table = page.split('id="results"')[1].split("</table>")[0]
    clean = lambda cell: html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()  # noqa: E731
    body = table.split("<tbody>")[1]
    heads = [clean(h) for h in re.findall(r"<th>(.*?)</th>", table, re.S)]
    return heads, [[clean(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
                   for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


@pytest.fixture
def events(tree):
    f = Facility.objects.create(name="城东污水处理厂", kind="污水处理", jurisdiction=tree["district_a"])
    g = Facility.objects.create(name="乙区垃圾焚烧厂", kind="垃圾焚烧", jurisdiction=tree["district_b"])
    a = OpenDayEvent.objects.create(facility=f, date=dt.date(2098, 6, 5), title="世界环境日开放", capacity=5)
    services.registration_create(event=a, name="甲", phone="13800000001", party_size=3)
    OpenDayEvent.objects.create(facility=f, date=dt.date(2098, 9, 1), title="秋季开放", capacity=10)
    OpenDayEvent.objects.create(facility=g, date=dt.date(2098, 7, 1), title="乙区开放", capacity=10)
    OpenDayEvent.objects.create(facility=f, date=dt.date(2099, 6, 5), title="次年开放", capacity=10)
    return a


def test_export_equals_the_table_with_the_same_filters(events, officer, client_for):
    assert reverse("outreach:openday_list") == URL
    client = client_for(officer)
    for params, titles in (({"year": 2098}, ["秋季开放", "乙区开放", "世界环境日开放"]),
                           ({"year": 2098, "q": "世界"}, ["世界环境日开放"]), ({"year": 2099}, ["次年开放"])):
        heads, rows = screen(client.get(URL, params).content.decode())
        sheet = list(load_workbook(io.BytesIO(client.get(URL, {**params, "export": "xlsx"}).content))
                     .worksheets[0].iter_rows(values_only=True))
        assert heads == list(sheet[0]) == [c.header_zh for c in selectors.OPEN_DAYS.columns]
        assert [r[2] for r in rows] == titles == [r[2] for r in sheet[1:]]
        for shown, cells in zip(rows, sheet[1:], strict=True):
            assert shown == [v.strftime("%Y-%m-%d") if hasattr(v, "year") else str(v) for v in cells]
    _heads, rows = screen(client.get(URL, {"year": 2098, "q": "世界"}).content.decode())
    assert rows[0][4:] == ["3", "0"]  # registered 3, attended 0


def test_a_district_user_sees_only_its_open_days(events, district_a_user, client_for):
    _heads, rows = screen(client_for(district_a_user).get(URL, {"year": 2098}).content.decode())
    assert [r[2] for r in rows] == ["秋季开放", "世界环境日开放"]


def test_attendance_through_the_action_helper(events, officer, client_for):
    reg = events.registrations.get()
    url = reverse("outreach:openday_attendance", args=[events.pk])
    resp = client_for(officer).post(url, {f"reg-{reg.pk}": "9"})  # more than registered: refused
    reg.refresh_from_db()
    events.refresh_from_db()
    assert resp.status_code == 302 and reg.attended == 0 and not events.held
    resp = client_for(officer).post(url, {f"reg-{reg.pk}": "2"})
    reg.refresh_from_db()
    assert resp["Location"] == reverse("outreach:openday_detail", args=[events.pk]) and reg.attended == 2


def test_a_refused_new_open_day_shows_on_the_form(events, officer, client_for):
    f = events.facility
    resp = client_for(officer).post(reverse("outreach:event_create"),
                                    {"facility": f.pk, "date": "2099-06-05", "title": "  ", "capacity": 40})
    assert resp.status_code == 200 and OpenDayEvent.objects.count() == 4


def test_registrants_are_masked_until_an_audited_reveal(events, officer, district_a_user, client_for):
    from ecogov.core.models import AuditLog

    url = reverse("outreach:openday_detail", args=[events.pk])
    reveal = reverse("outreach:registrations_reveal", args=[events.pk])
    client = client_for(officer)
    page = client.get(url).content.decode()
    assert "138****0001" in page and "13800000001" not in page and 'id="reveal"' in page
    assert client.post(reveal, {"reason": ""}).status_code == 302
    assert "13800000001" not in client.get(url).content.decode()  # no reason, no reveal
    client.post(reveal, {"reason": "开放日前电话确认"})
    assert "13800000001" in client.get(url).content.decode()
    assert "13800000001" not in client.get(url).content.decode()  # one reveal, one full view
    row = AuditLog.objects.for_object(events).get(note__contains="查看报名人完整信息")
    assert row.actor == officer and "开放日前电话确认" in row.note
    district = client_for(district_a_user)
    assert 'id="reveal"' not in district.get(url).content.decode()
    assert district.post(reveal, {"reason": "x"}).status_code == 403
