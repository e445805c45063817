"""Penalty-case workflow, illegal transitions, overdue list, figures, transfers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ecogov.core.errors import Conflict, IllegalTransition, PermissionRefused, ValidationFailed
from ecogov.core.models import AuditLog, Holiday
from ecogov.core.privacy import mask_name
from ecogov.enforcement import selectors, services

D = dt.date


def _to_notified(case, officer):
    case = services.case_transition(case=case, new="filed", data={"filed_date": D(2026, 3, 2), "handler": officer},
                                    actor=officer)
    case = services.case_transition(case=case, new="investigation", actor=officer)
    return services.case_transition(case=case, new="notified", data={"notice_date": D(2026, 3, 5)}, actor=officer)


def test_full_workflow_without_hearing(open_case, officer, leader, rule):
    case = _to_notified(open_case, officer)
    decision = {"decision_date": D(2026, 3, 12), "decision_no": "示环罚〔2026〕1号", "discretion_rule": rule,
                "amount": "150000"}
    # the hearing-request period (to Thu Mar 12, 5 working days after Thu Mar 5) is still open
    with pytest.raises(ValidationFailed, match="hearing"):
        services.case_transition(case=case, new="decided", data=decision, actor=leader)
    # officers cannot decide
    with pytest.raises(PermissionRefused):
        services.case_transition(case=case, new="decided", data={**decision, "decision_date": D(2026, 3, 13)},
                                 actor=officer)
    # outside the discretion range
    with pytest.raises(ValidationFailed, match="discretion|裁量"):
        services.case_transition(case=case, new="decided", data={**decision, "decision_date": D(2026, 3, 13),
                                                                 "amount": "600000"}, actor=leader)
    case = services.case_transition(case=case, new="decided", data={**decision, "decision_date": D(2026, 3, 13)},
                                    actor=leader)
    assert case.legal_basis == rule.legal_basis and case.discretion_reasoning == rule.reasoning and case.published
    case = services.case_transition(case=case, new="delivered", data={"delivery_date": D(2026, 3, 16)}, actor=officer)
    # payment due Mar 31 (15 days from Mar 16); paid Apr 2 = 2 days late: 150000 * 3% * 2 = 9000
    case = services.case_transition(case=case, new="executed", data={"paid_date": D(2026, 4, 2)}, actor=officer)
    assert case.surcharge == Decimal("9000.00") and case.paid_amount == Decimal("159000.00")
    case = services.case_transition(case=case, new="closed", data={"closed_date": D(2026, 4, 3)}, actor=officer)
    assert AuditLog.objects.for_object(case).filter(event="transition").count() == 7


def test_hearing_path_and_its_deadlines(open_case, officer, leader, rule):
    case = _to_notified(open_case, officer)
    with pytest.raises(ValidationFailed, match="5"):  # Fri Mar 13 is after Thu Mar 12
        services.case_transition(case=case, new="hearing", data={"hearing_request_date": D(2026, 3, 13)}, actor=officer)
    case = services.case_transition(case=case, new="hearing", data={"hearing_request_date": D(2026, 3, 12)},
                                    actor=officer)
    decision = {"decision_date": D(2026, 3, 30), "decision_no": "示环罚〔2026〕2号", "discretion_rule": rule,
                "amount": "100000", "hearing_date": D(2026, 3, 25)}
    # hearing Wed Mar 25 must be notified by Mon Mar 16
    with pytest.raises(ValidationFailed, match="7"):
        services.case_transition(case=case, new="decided", data={**decision, "hearing_notice_date": D(2026, 3, 17)},
                                 actor=leader)
    case = services.case_transition(case=case, new="decided", data={**decision, "hearing_notice_date": D(2026, 3, 16)},
                                    actor=leader)
    assert case.status == "decided"


def test_illegal_transitions_refused(open_case, officer, leader):
    with pytest.raises(IllegalTransition) as exc:
        services.case_transition(case=open_case, new="decided", actor=leader)
    assert "待立案" in exc.value.message_zh and "已作出决定" in exc.value.message_zh
    with pytest.raises(IllegalTransition):
        services.case_transition(case=open_case, new="closed", data={"closed_date": D(2026, 4, 1)}, actor=leader)
    case = services.case_transition(case=open_case, new="not_filed", data={"outcome_reason": "证据不足"}, actor=officer)
    with pytest.raises(IllegalTransition):
        services.case_transition(case=case, new="filed", data={"filed_date": D(2026, 3, 3)}, actor=officer)


def test_withdraw_needs_a_decider(open_case, officer, leader):
    case = services.case_transition(case=open_case, new="filed", data={"filed_date": D(2026, 3, 2)}, actor=officer)
    with pytest.raises(PermissionRefused):
        services.case_transition(case=case, new="withdrawn", data={"outcome_reason": "x"}, actor=officer)
    case = services.case_transition(case=case, new="withdrawn", data={"outcome_reason": "违法主体认定错误"}, actor=leader)
    assert case.status == "withdrawn"


def test_overdue_list_and_extension(open_case, officer, leader):
    case = services.case_transition(case=open_case, new="filed", data={"filed_date": D(2026, 3, 2)}, actor=officer)
    # decision due May 31; on Jun 1 it is overdue
    assert [c.pk for c, _ in selectors.overdue_cases(leader, D(2026, 5, 31))] == []
    late = selectors.overdue_cases(leader, D(2026, 6, 1))
    assert late[0][0].pk == case.pk and late[0][1][0].due == D(2026, 5, 31)
    with pytest.raises(PermissionRefused):
        services.case_extend(case=case, days=30, reason="案情复杂", approved_date=D(2026, 5, 20), actor=officer)
    services.case_extend(case=case, days=30, reason="案情复杂", approved_date=D(2026, 5, 20), actor=leader)
    assert selectors.overdue_cases(leader, D(2026, 6, 1)) == []
    assert selectors.case_deadlines(case, D(2026, 6, 1))[0].due == D(2026, 6, 30)


def test_configured_holidays_move_deadlines(open_case, officer):
    Holiday.objects.create(date=D(2026, 3, 6), name="测试假日")
    case = _to_notified(open_case, officer)
    dl = {d.key: d for d in selectors.case_deadlines(case, D(2026, 3, 6))}
    assert dl["hearing_request"].due == D(2026, 3, 13)  # Fri Mar 6 is no longer a working day


def test_daily_penalty_yellow_card_transfer_and_figures(open_case, officer, leader, company, rule):
    case = _to_notified(open_case, officer)
    services.case_transition(case=case, new="decided", actor=leader, data={
        "decision_date": D(2026, 3, 13), "decision_no": "示环罚〔2026〕3号", "discretion_rule": rule, "amount": "200000"})
    dp = services.daily_penalty_record(case=case, fine_per_day="200000", order_delivered=D(2026, 3, 16),
                                       recheck_date=D(2026, 3, 26), actor=officer)
    assert (dp.days, dp.total) == (10, Decimal("2000000.00"))
    services.yellow_card_issue(supervised_object=company, issued_date=D(2026, 3, 20), valid_to=D(2026, 9, 19),
                               reason="超标排放且拒不改正", case=case, actor=officer)
    tr = services.transfer_create(case=case, receiver="police", receiver_name="示范市公安局", transfer_date=D(2026, 3, 21),
                                  actor=officer)
    with pytest.raises(Conflict):
        services.transfer_update(transfer=tr, status="concluded", status_date=D(2026, 3, 25), actor=officer)
    services.transfer_update(transfer=tr, status="accepted", status_date=D(2026, 3, 25), actor=officer)
    f = selectors.period_figures(leader, D(2026, 1, 1), D(2026, 12, 31))
    assert f == {"filed": 1, "decided": 1, "fined": 1, "total_amount": Decimal("200000.00"), "joint_fined": 0,
                 "joint_amount": Decimal("0"), "yellow_cards": 1, "transfers": 1}


def test_public_decisions_mask_and_filter(open_case, officer, leader, rule):
    assert selectors.public_decisions().count() == 0
    case = _to_notified(open_case, officer)
    services.case_transition(case=case, new="decided", actor=leader, data={
        "decision_date": D(2026, 3, 13), "decision_no": "示环罚〔2026〕4号", "discretion_rule": rule, "amount": "100000"})
    assert selectors.public_decisions(2026).count() == 1
    assert mask_name("王大明") == "王**"


def test_a_step_cannot_be_dated_after_today(open_case, officer):
    from django.utils import timezone

    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationFailed) as exc:
        services.case_transition(case=open_case, new="filed", data={"filed_date": tomorrow}, actor=officer)
    assert exc.value.code == "future_date"
    open_case.refresh_from_db()
    assert open_case.status == "pending"
