"""Enforcement lists through core's page kit (each export is its on-screen table, the filters act on
page, export and API alike), the case page's steps from the workflow, refused POSTs as the action
helper's message, and the case time limits as a clock source on the one due page.

Calendar facts (State Council notice of 2025-11-04 on the 2026 holidays, checked by hand):
Mid-Autumn Fri 25 - Sun 27 September and National Day Thu 1 - Wed 7 October are days off;
Sunday 20 September and Saturday 10 October are make-up working days.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from ecogov.core import contrib
from ecogov.core.models import Holiday
from ecogov.core.selectors import due_items
from ecogov.enforcement import selectors, services
from ecogov.enforcement.models import PenaltyCase
from ecogov.supervision.tests.helpers import assert_export_is_the_table, obj, sheet_rows
from ecogov.testing import factories

from .test_views import _decided

D = dt.date


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def _set(case, **fields) -> PenaltyCase:
    """A case at a hand-made point of its timeline (dates typed in by the test, not computed)."""
    PenaltyCase.objects.filter(pk=case.pk).update(**fields)
    case.refresh_from_db()
    return case


@pytest.fixture
def everything(open_case, officer, leader, rule, company):
    case = _decided(open_case, officer, leader, rule)  # decided 2026-03-13, fine 120000
    services.yellow_card_issue(supervised_object=company, issued_date=D(2026, 3, 20), valid_to=D(2026, 9, 19),
                               reason="超标排放且拒不改正", case=case, actor=officer)
    services.transfer_create(case=case, receiver="police", receiver_name="示范市公安局", transfer_date=D(2026, 3, 21),
                             actor=officer)
    late = services.case_open(supervised_object=company, facts="逾期未决", opened_date=D(2025, 1, 6), actor=officer)
    _set(late, status="filed", filed_date=D(2025, 1, 6))
    return case


URLS = {"cases": "enforcement:case_list", "yellow_cards": "enforcement:yellow_card_list",
        "transfers": "enforcement:transfer_list", "discretion": "enforcement:discretion_list"}


@pytest.mark.parametrize("name", sorted(URLS))
def test_each_list_export_equals_its_on_screen_table(name, everything, client_for, leader):
    rows = assert_export_is_the_table(client_for(leader), reverse(URLS[name]), selectors.LIST_PAGES[name].columns)
    assert rows == {"cases": 2, "yellow_cards": 1, "transfers": 1, "discretion": 1}[name]


def test_the_overdue_export_equals_its_on_screen_table(everything, client_for, leader):
    from ecogov.enforcement.tables import OVERDUE_COLUMNS

    c = client_for(leader)
    assert assert_export_is_the_table(c, reverse("enforcement:overdue"), OVERDUE_COLUMNS) >= 1
    sheet = sheet_rows(c.get(reverse("enforcement:overdue") + "?export=xlsx").content)
    # filed 2025-01-06 + 90 calendar days = 2025-04-06 (Jan 25 + Feb 28 + Mar 31 + Apr 6 = 90)
    assert any("2025-04-06" in row[3] for row in sheet[1:])


def test_filters_act_on_the_page_its_export_and_the_api(everything, client_for, leader):
    c = client_for(leader)
    url = reverse("enforcement:case_list")
    page = c.get(url, {"status": "decided"}).content.decode()
    assert everything.case_no in page and "逾期未决" not in page
    exported = sheet_rows(c.get(url, {"status": "filed", "export": "xlsx"}).content)
    assert [r[4] for r in exported[1:]] == ["已立案"]
    assert len(sheet_rows(c.get(url, {"year": "2025", "export": "xlsx"}).content)) == 2
    assert len(sheet_rows(c.get(url, {"q": "示环罚〔2026〕9号", "export": "xlsx"}).content)) == 2
    assert c.get("/api/enforcement/cases", {"status": "decided"}).json()["count"] == 1
    assert c.get("/api/enforcement/cases", {"year": 2025}).json()["count"] == 1
    bad = c.get("/api/enforcement/cases", {"status": "sleeping"})
    assert bad.status_code == 422 and bad.json()["code"] == "bad_filter"
    assert 'class="error"' in c.get(url, {"status": "sleeping"}).content.decode()
    transfers = reverse("enforcement:transfer_list")
    assert len(sheet_rows(c.get(transfers, {"status": "accepted", "export": "xlsx"}).content)) == 1


def test_the_case_page_shows_the_workflows_steps_with_their_inputs(open_case, client_for, officer, leader, rule):
    page = client_for(officer).get(reverse("enforcement:case_detail", args=[open_case.pk])).content.decode()
    assert 'name="filed_date"' in page and 'type="date"' in page and 'name="outcome_reason"' in page
    assert 'name="decision_no"' not in page
    case = _set(open_case, status="notified", filed_date=D(2026, 3, 2), notice_date=D(2026, 3, 5))
    page = client_for(leader).get(reverse("enforcement:case_detail", args=[case.pk])).content.decode()
    assert 'name="decision_no"' in page and rule.code in page and 'name="waived"' in page
    assert 'name="hearing_date"' not in page  # the hearing dates belong to the decision after a hearing
    page = client_for(officer).get(reverse("enforcement:case_detail", args=[case.pk])).content.decode()
    assert 'name="decision_no"' not in page  # officers do not decide
    assert 'value="extension"' not in page  # nor approve extensions


def test_refused_moves_are_the_action_helpers_messages(open_case, client_for, officer, leader, rule):
    c = client_for(officer)
    url = reverse("enforcement:case_transition", args=[open_case.pk])
    r = c.post(url, {"to": "delivered", "delivery_date": "2026-03-02"}, follow=True)
    assert r.redirect_chain[-1][0] == open_case.get_absolute_url()
    assert "不允许从“待立案”变更为“已送达”" in _messages(r)
    r = c.post(url, {"to": "filed", "filed_date": "2026-13-45"}, follow=True)
    assert "立案日期" in _messages(r) and "filed_date" not in _messages(r)
    open_case.refresh_from_db()
    assert open_case.status == "pending"
    case = _decided(open_case, officer, leader, rule)
    transfer = services.transfer_create(case=case, receiver="police", receiver_name="示范市公安局",
                                        transfer_date=D(2026, 3, 21), actor=officer)
    r = c.post(reverse("enforcement:transfer_list"), {"pk": transfer.pk, "status": "concluded", "date": "2026-03-25"},
               follow=True)
    assert "移送状态不能从“已移送”变为“已办结”" in _messages(r)
    page = c.get(reverse("enforcement:transfer_list")).content.decode().split('id="results"')[1]
    assert 'value="accepted"' in page and 'value="concluded"' not in page  # only the moves the service allows


def test_opening_a_case_from_the_inspection_form_keeps_the_refusal_on_the_form(company, client_for, officer):
    from ecogov.supervision import services as supervision

    crew = [factories.user("officer", company.jurisdiction, username=f"crew-p{i}") for i in range(2)]
    insp = supervision.inspection_record(supervised_object=company, date=D(2026, 5, 6), officers=crew, result="rectify",
                                         rectify_deadline=D(2026, 6, 6), actor=crew[0],
                                         findings=[{"point": "废水排放", "compliant": False, "note": "COD超标"}])
    r = client_for(officer).post(reverse("enforcement:case_from_inspection"), {"inspection": insp.pk, "facts": ""})
    assert r.status_code == 200 and 'class="error"' in r.content.decode() and not insp.penalty_cases.exists()


# --- the clock source --------------------------------------------------------------------------


def test_the_clock_source_is_registered_with_its_label():
    source = contrib.clock_sources.get("enforcement")
    assert source is not None and contrib.resolve(source.provider) is selectors.due_items
    with translation.override("zh-hans"):
        assert str(source.label) == "行政处罚案件办理期限"
    with translation.override("en"):
        assert str(source.label) == "Penalty-case time limits"


@pytest.fixture
def national_day(open_case, tree, rule):
    """A case decided on Monday 2026-09-28, not yet delivered (fine 120000)."""
    return _set(open_case, status="decided", filed_date=D(2026, 9, 1), notice_date=D(2026, 9, 10),
                decision_date=D(2026, 9, 28), decision_no="示环罚〔2026〕30号", discretion_rule=rule,
                amount=Decimal("120000"))


def _due(user, today, horizon_days=30):
    return list(selectors.due_items(user, today=today, horizon_days=horizon_days))


def test_delivery_across_national_day_on_the_one_clock(national_day, district_a_user, admin_user):
    # 7 working days from Mon 28 Sep: Tue 29 (1), Wed 30 (2), 1-7 Oct off, Thu 8 (3), Fri 9 (4),
    # Sat 10 make-up day (5), Mon 12 (6), Tue 13 (7)
    due = _due(district_a_user, D(2026, 9, 28))
    assert [(d.due, d.kind) for d in due] == [(D(2026, 10, 13), "enforcement")]
    assert national_day.case_no in due[0].label and due[0].url == national_day.get_absolute_url()
    assert due[0].owner == national_day.supervised_object.name and due[0].state(D(2026, 10, 13)) == "due_soon"
    assert due[0].state(D(2026, 10, 14)) == "overdue"
    # a bureau's day off on Mon 12 Oct (core.Holiday) moves the last day to Wed 14
    Holiday.objects.create(date=D(2026, 10, 12), workday=False, name="本局调整")
    assert [d.due for d in _due(district_a_user, D(2026, 9, 28))] == [D(2026, 10, 14)]


def test_a_15_working_day_limit_across_national_day(national_day, district_a_user, admin_user):
    # the bureau sets 15 working days for delivery: Sep 29, 30 (2), Oct 8, 9, 10 (5), 12-16 (10), 19-23 (15)
    services.deadline_set(key="delivery_days", value=15, actor=admin_user)
    assert [d.due for d in _due(district_a_user, D(2026, 9, 28))] == [D(2026, 10, 23)]
    assert _due(district_a_user, D(2026, 9, 28), horizon_days=24) == []  # 23 Oct is 25 days ahead
    one_page = due_items(district_a_user, today=D(2026, 10, 26), horizon_days=7, kind="enforcement")
    assert [(d.due, d.state(D(2026, 10, 26))) for d in one_page] == [(D(2026, 10, 23), "overdue")]


def test_hearing_request_and_decision_limits_and_scope(open_case, tree, district_a_user, officer):
    # notice Thu 24 Sep: 25-27 Sep Mid-Autumn, Mon 28 (1), Tue 29 (2), Wed 30 (3), 1-7 Oct off, Thu 8 (4),
    # Fri 9 (5); decision 90 calendar days from filing on 1 Sep: Sep 29 + Oct 31 + Nov 30 = 90 -> 30 Nov
    _set(open_case, status="notified", filed_date=D(2026, 9, 1), notice_date=D(2026, 9, 24))
    due = _due(district_a_user, D(2026, 9, 24), horizon_days=90)
    assert [d.due for d in due] == [D(2026, 10, 9), D(2026, 11, 30)]
    assert _due(district_a_user, D(2026, 9, 24), horizon_days=15) == due[:1]  # 24 Sep + 15 = 9 Oct
    assert _due(district_a_user, D(2026, 9, 24), horizon_days=14) == []
    other = factories.user("district", tree["district_b"], username="district_b_clock")
    assert _due(other, D(2026, 9, 24), horizon_days=365) == []
    elsewhere = obj(tree["street_b"], "A")
    theirs = services.case_open(supervised_object=elsewhere, facts="另一区县", opened_date=D(2026, 9, 1), actor=officer)
    _set(theirs, status="filed", filed_date=D(2026, 9, 1))
    assert [d.due for d in _due(other, D(2026, 9, 24), horizon_days=365)] == [D(2026, 11, 30)]
    assert [d.due for d in _due(district_a_user, D(2026, 9, 24), horizon_days=365)] == [D(2026, 10, 9),
                                                                                       D(2026, 11, 30)]


def test_a_met_deadline_leaves_the_clock(national_day, district_a_user):
    _set(national_day, status="delivered", delivery_date=D(2026, 10, 9))
    # payment: 15 calendar days from delivery on 9 Oct = 24 Oct; the delivery limit is met
    assert [d.due for d in _due(district_a_user, D(2026, 10, 9))] == [D(2026, 10, 24)]
    _set(national_day, status="executed", paid_date=D(2026, 10, 20))
    assert _due(district_a_user, D(2026, 10, 9)) == []


def test_the_one_due_page_lists_an_overdue_case(open_case, client_for, district_a_user, tree):
    # filed 2025-01-06: the decision was due 2025-04-06 (90 calendar days), long past on any day the test runs
    _set(open_case, status="filed", filed_date=D(2025, 1, 6))
    page = client_for(district_a_user).get("/due/", {"kind": "enforcement"}).content.decode()
    assert open_case.case_no in page and open_case.get_absolute_url() in page and "2025" in page
    other = factories.user("district", tree["district_b"], username="district_b_due")
    assert open_case.case_no not in client_for(other).get("/due/", {"kind": "enforcement"}).content.decode()
