"""Regression tests for defects found by walking through the case pages as a user."""

from __future__ import annotations

from django.urls import reverse

from ecogov.testing import factories


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_refused_step_message_names_no_field(open_case, client_for, officer):
    # the case was opened on 2026-03-02; filing earlier is refused, in Chinese, without "filed_date:"
    r = client_for(officer).post(reverse("enforcement:case_transition", args=[open_case.pk]),
                                 {"to": "filed", "filed_date": "2026-03-01"}, follow=True)
    text = _messages(r)
    assert "立案日期早于线索日期" in text and "filed_date" not in text


def test_unparsable_action_input_is_a_chinese_message(open_case, client_for, officer):
    # an empty date used to show Python's "Invalid isoformat string: ''"
    r = client_for(officer).post(reverse("enforcement:case_action", args=[open_case.pk]),
                                 {"kind": "yellow", "date": "", "valid_to": "", "reason": "x"}, follow=True)
    text = _messages(r)
    assert "输入有误" in text and "isoformat" not in text


def test_other_district_cannot_reach_a_case(open_case, tree, client_for):
    other = factories.user("district", tree["district_b"], username="district_b")
    c = client_for(other)
    assert c.get(reverse("enforcement:case_detail", args=[open_case.pk])).status_code == 404
    assert c.post(reverse("enforcement:case_transition", args=[open_case.pk]),
                  {"to": "not_filed", "outcome_reason": "x"}).status_code == 404
    assert open_case.case_no not in c.get(reverse("enforcement:case_list")).content.decode()
