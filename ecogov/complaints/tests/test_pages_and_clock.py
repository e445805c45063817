"""The complaint and reward lists come from core's page kit (the export = the on-screen table, the same
filters on both), complaint time limits are a clock source on the one due page, and the extension limit
is the jurisdiction's policy on the page and in the service."""

import datetime as dt
import html
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from ecogov.complaints import selectors, services
from ecogov.complaints.models import ComplaintPolicy
from ecogov.complaints.rewards import selectors as reward_selectors
from ecogov.complaints.rewards import services as reward_services
from ecogov.core import contrib
from ecogov.core.errors import ValidationFailed
from ecogov.core.selectors import due_items

TZ = ZoneInfo("Asia/Shanghai")
TODAY = dt.date(2026, 3, 10)


def at(y, m, d, h=10):
    return dt.datetime(y, m, d, h, tzinfo=TZ)


def submit(cats, *, lon=115.2, received=None, code="air-dust", **kw):
    kw.setdefault("reporter_name", "张三丰")
    kw.setdefault("reporter_phone", "13812345678")
    return services.complaint_submit(category=cats[code], description="工地夜间扬尘", lon=lon, lat=28.5,
                                     received_at=received, **kw)


def screen(page: str) -> tuple[list[str], list[list[str]]]:
    table = page.split('id="results"')[1].split("</table>")[0]
    clean = lambda cell: html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()  # noqa: E731
    heads = [clean(h) for h in re.findall(r"<th>(.*?)</th>", table, re.S)]
    body = table.split("<tbody>")[1]
    rows = [[clean(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
            for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S)]
    return heads, rows


def sheet(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True))


def same_rows(shown, exported):
    assert len(shown) == len(exported)
    for s_row, x_row in zip(shown, exported, strict=True):
        for s, x in zip(s_row, x_row, strict=True):
            if hasattr(x, "year"):  # dates: the cell is a date, the screen its ISO text
                assert s == x.strftime("%Y-%m-%d")
            elif isinstance(x, (int, float)):  # numbers: a number cell, the screen 100,000
                assert float(s.replace(",", "")) == x
            else:
                assert s == ("" if x is None else str(x)), (s_row, x_row)


# --- the clock source ----------------------------------------------------------------------------

@pytest.fixture
def clocked(cats, officer):
    """Hand-made dates (calendar days, the receipt or acceptance day not counted):
    received 20 Feb -> acceptance notice due 7 Mar (overdue on 10 Mar);
    received 1 Mar -> due 16 Mar; received 5 Mar -> due 20 Mar;
    received 10 Jan, accepted 15 Jan -> finish due 16 Mar (16 days of January + 28 of February = 44; 60 - 44 = 16);
    a closed complaint and one in district B."""
    late = submit(cats, received=at(2026, 2, 20))
    soon = submit(cats, received=at(2026, 3, 1))
    later = submit(cats, received=at(2026, 3, 5))
    running = services.complaint_accept(complaint=submit(cats, received=at(2026, 1, 10)), actor=officer,
                                        at=at(2026, 1, 15))
    closed = services.complaint_reject(complaint=submit(cats, received=at(2026, 3, 2)), reason="劳动纠纷",
                                       redirect_body="人社局", actor=officer)
    other = submit(cats, lon=115.7, received=at(2026, 3, 1), code="noise-construction")
    return {"late": late, "soon": soon, "later": later, "running": running, "closed": closed, "other": other}


def test_complaint_clock_source_is_registered():
    source = contrib.clock_sources.get("complaints")
    assert source is not None and contrib.resolve(source.provider) is selectors.due_items
    with translation.override("en"):
        assert str(source.label) == "Complaint time limits"
    with translation.override("zh-hans"):
        assert str(source.label) == "投诉办理时限"


def test_clock_source_with_hand_made_dates(clocked, district_a_user):
    c = clocked
    assert c["late"].acceptance_due == dt.date(2026, 3, 7) and c["soon"].acceptance_due == dt.date(2026, 3, 16)
    assert c["later"].acceptance_due == dt.date(2026, 3, 20) and c["running"].finish_due == dt.date(2026, 3, 16)
    due = list(selectors.due_items(district_a_user, today=TODAY, horizon_days=7))  # until 17 March
    assert [d.due for d in due] == [dt.date(2026, 3, 7), dt.date(2026, 3, 16), dt.date(2026, 3, 16)]
    assert {d.label.split()[0] for d in due} == {c[k].tracking_code for k in ("late", "soon", "running")}
    assert [d.state(TODAY) for d in due] == ["overdue", "due_soon", "due_soon"]
    assert due[0].url == reverse("complaints:complaint_detail", args=[c["late"].pk]) and due[0].kind == "complaints"
    wider = list(selectors.due_items(district_a_user, today=TODAY, horizon_days=10))  # until 20 March
    assert wider[-1].due == dt.date(2026, 3, 20) and len(wider) == 4
    assert [d.due for d in selectors.due_items(district_a_user, today=TODAY, horizon_days=0)] == [dt.date(2026, 3, 7)]


def test_clock_source_keeps_to_the_users_scope_and_reaches_the_due_page(clocked, make_user, tree, officer):
    district_b = make_user("district", tree["district_b"], username="district_b")
    codes = [d.label.split()[0] for d in selectors.due_items(district_b, today=TODAY, horizon_days=30)]
    assert codes == [clocked["other"].tracking_code]
    page = due_items(officer, today=TODAY, horizon_days=7, kind="complaints")
    assert {d.label.split()[0] for d in page} == {clocked[k].tracking_code for k in ("late", "soon", "running", "other")}


def test_an_accepted_complaint_leaves_the_acceptance_clock(clocked, district_a_user, officer):
    services.complaint_accept(complaint=clocked["late"], actor=officer, at=at(2026, 3, 8))
    due = list(selectors.due_items(district_a_user, today=TODAY, horizon_days=7))
    assert clocked["late"].tracking_code not in {d.label.split()[0] for d in due}


# --- the extension limit is the jurisdiction's policy ---------------------------------------------

def _accepted(cats, officer):
    return services.complaint_accept(complaint=submit(cats, received=at(2026, 1, 10)), actor=officer,
                                     at=at(2026, 1, 15))


def _extension_max(client, c) -> str:
    page = client.get(reverse("complaints:complaint_detail", args=[c.pk])).content.decode()
    return re.search(r'<input type="number" name="days"[^>]*max="(\d+)"', page).group(1)


def test_extension_limit_comes_from_the_policy_on_the_form_and_in_the_service(cats, officer, client_for, tree):
    c = _accepted(cats, officer)
    client = client_for(officer)
    assert _extension_max(client, c) == "30"  # the legal default without a policy row
    ComplaintPolicy.objects.create(jurisdiction=tree["district_a"], max_extension_days=10)
    assert selectors.extension_room(c) == 10 and _extension_max(client, c) == "10"
    with pytest.raises(ValidationFailed) as refused:
        services.extension_request(complaint=c, days=11, reason="情况复杂", actor=officer)
    assert "10" in refused.value.message
    services.extension_request(complaint=c, days=4, reason="需委托监测", actor=officer)
    assert selectors.extension_room(c) == 6 and _extension_max(client, c) == "6"  # 10 - 4 pending
    resp = client.post(reverse("complaints:extension_request", args=[c.pk]), {"days": 7, "reason": "再延"})
    assert resp.status_code == 302 and c.extensions.count() == 1  # refused: 4 + 7 > 10


def test_a_street_policy_overrides_the_district_policy(cats, officer, tree):
    ComplaintPolicy.objects.create(jurisdiction=tree["district_a"], max_extension_days=10)
    ComplaintPolicy.objects.create(jurisdiction=tree["street_a"], max_extension_days=20)
    c = _accepted(cats, officer)
    assert selectors.extension_room(c) == 20


def test_no_extension_form_outside_the_extendable_states(cats, officer, client_for):
    c = submit(cats)
    page = client_for(officer).get(reverse("complaints:complaint_detail", args=[c.pk])).content.decode()
    assert 'id="extension"' not in page and selectors.extension_room(c) == 0


def test_step_forms_come_from_the_rules(cats, officer, client_for):
    c = services.complaint_accept(complaint=submit(cats), actor=officer)
    page = client_for(officer).get(reverse("complaints:complaint_detail", args=[c.pk])).content.decode()
    assign = page.split('data-action="accepted-assigned"')[1].split("</form>")[0]
    assert 'name="assignee"' in assign and f'value="{officer.pk}"' in assign and 'name="note"' in assign
    resp = client_for(officer).post(reverse("complaints:complaint_transition", args=[c.pk, "assigned"]), {})
    c.refresh_from_db()
    assert resp.status_code == 302 and c.status == "accepted"  # the required assignee is missing


# --- every list: the export is the on-screen table, with the same filters --------------------------

def test_complaint_export_equals_the_table_and_follows_the_filters(cats, officer, client_for):
    submit(cats, received=at(2026, 3, 1))
    accepted = services.complaint_accept(complaint=submit(cats, received=at(2026, 3, 2)), actor=officer)
    submit(cats, lon=115.7, received=at(2026, 3, 3), code="noise-construction", anonymous=True)
    client = client_for(officer)
    url = reverse("complaints:complaint_list")
    for params, n in (({}, 3), ({"status": "accepted"}, 1), ({"category": cats["noise"].pk}, 1),
                      ({"received_from": "2026-03-02"}, 2)):
        heads, rows = screen(client.get(url, params).content.decode())
        exported = sheet(client.get(url, {**params, "export": "xlsx"}).content)
        assert heads == list(exported[0]) == [c.header_zh for c in selectors.COMPLAINTS.columns]
        assert len(rows) == n, params
        same_rows(rows, exported[1:])
    _heads, rows = screen(client.get(url, {"status": "accepted"}).content.decode())
    assert rows[0][0] == accepted.tracking_code


def test_reward_export_equals_the_table_and_follows_the_filters(cats, officer, leader, client_for):
    for i in range(2):
        c = services.complaint_accept(complaint=submit(cats), actor=officer)
        c = services.complaint_assign(complaint=c, assignee=officer, actor=officer)
        c = services.complaint_start(complaint=c, actor=officer)
        c = services.complaint_handle(complaint=c, findings="属实", measures="整改", outcome="substantiated",
                                      actor=officer)
        c = services.complaint_review(complaint=c, approve=True, actor=leader)
        c = services.complaint_close(complaint=c, reply="已整改", actor=officer)
        r = reward_services.reward_propose(complaint=c, kind=reward_selectors.active_kinds().first(), eligible=True,
                                           penalty_amount=50000 * (i + 1), actor=officer)
    reward_services.reward_approve(reward=r, actor=leader)
    client = client_for(officer)
    url = reverse("complaints:reward_list")
    for params, n in (({}, 2), ({"status": "approved"}, 1), ({"q": r.complaint.tracking_code}, 1)):
        heads, rows = screen(client.get(url, params).content.decode())
        exported = sheet(client.get(url, {**params, "export": "xlsx"}).content)
        assert heads == list(exported[0]) and len(rows) == n, params
        same_rows(rows, exported[1:])
    link = reverse("complaints:reward_detail", args=[r.pk])
    assert link in client.get(url).content.decode()
    assert client.get(link)["Location"] == reverse("complaints:complaint_detail", args=[r.complaint_id]) + "#reward"


def test_the_api_list_filters_with_the_pages_filterset(cats, officer, client_for):
    submit(cats)
    services.complaint_accept(complaint=submit(cats), actor=officer)
    client = client_for(officer)
    api = client.get("/api/complaints/complaints", {"status": "accepted"}).json()
    _heads, rows = screen(client.get(reverse("complaints:complaint_list"), {"status": "accepted"}).content.decode())
    assert api["count"] == 1 == len(rows) and api["items"][0]["tracking_code"] == rows[0][0]


def test_the_api_refuses_an_invalid_filter(cats, officer, client_for):
    resp = client_for(officer).get("/api/complaints/complaints", {"status": "nonsense"})
    assert resp.status_code == 422 and resp.json()["code"] == "bad_filter"
    assert client_for(officer).get("/api/complaints/complaints", {"status": "accepted"}).status_code == 200


def test_extension_decision_buttons_follow_the_service_flag(cats, officer, leader, client_for):
    c = _accepted(cats, officer)  # finish due 16 March 2026
    client = client_for(officer)
    resp = client.post(reverse("complaints:extension_request", args=[c.pk]), {"days": 20, "reason": "需委托监测"})
    assert resp.status_code == 302 and c.extensions.count() == 1
    ext = c.extensions.get()
    decide = reverse("complaints:extension_decide", args=[ext.pk])
    assert decide not in client.get(reverse("complaints:complaint_detail", args=[c.pk])).content.decode()
    boss = client_for(leader)
    assert decide in boss.get(reverse("complaints:complaint_detail", args=[c.pk])).content.decode()
    assert client.post(decide, {"approve": "1"}).status_code == 403  # an officer cannot approve
    ext.refresh_from_db()
    assert ext.status == "pending"
    boss.post(decide, {"approve": "1", "note": "同意"})
    c.refresh_from_db()
    assert c.extension_days == 20 and c.finish_due == dt.date(2026, 4, 5)  # 16 March + 20 calendar days
