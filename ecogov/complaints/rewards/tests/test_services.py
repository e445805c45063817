"""Rewards: the 11 kinds, the amount table, decision, approval and payment."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from ecogov.complaints import services
from ecogov.complaints.models import RewardKind
from ecogov.complaints.rewards import services as rewards
from ecogov.core.errors import PermissionRefused, ValidationFailed

TZ = ZoneInfo("Asia/Shanghai")


def _closed(cats, officer, leader, outcome="substantiated"):
    c = services.complaint_submit(category=cats["air-dust"], description="扬尘", lon=115.2, lat=28.5,
                                  received_at=dt.datetime(2026, 3, 10, 9, tzinfo=TZ), reporter_name="某")
    c = services.complaint_accept(complaint=c, actor=officer)
    c = services.complaint_assign(complaint=c, assignee=officer, actor=officer)
    c = services.complaint_start(complaint=c, actor=officer)
    c = services.complaint_handle(complaint=c, findings="f", measures="m", outcome=outcome, actor=officer)
    c = services.complaint_review(complaint=c, approve=True, actor=leader)
    return services.complaint_close(complaint=c, reply="r", actor=officer)


def test_eleven_reward_kinds_by_default(cats):
    assert RewardKind.objects.count() == 11


def test_reward_amount_table():
    tiers = [(Decimal(0), Decimal(10000), Decimal(500)), (Decimal(10000), Decimal(100000), Decimal(2000)),
             (Decimal(100000), None, Decimal(5000))]
    assert rewards.amount_for(tiers, Decimal("9999.99"), Decimal(3000)) == 500
    assert rewards.amount_for(tiers, Decimal(10000), Decimal(3000)) == 2000  # lower bound included
    assert rewards.amount_for(tiers, Decimal(2_000_000), Decimal(3000)) == 5000
    assert rewards.amount_for(tiers, None, Decimal(3000)) == 3000  # no fine (e.g. transferred to police)


def test_reward_decision_approval_and_payment(cats, officer, leader):
    c = _closed(cats, officer, leader)
    kind = RewardKind.objects.get(code="hidden-pipe")
    r = rewards.reward_propose(complaint=c, kind=kind, eligible=True, penalty_amount="200000", actor=officer)
    assert r.status == "proposed" and r.amount_yuan == Decimal("5000.00")  # 100,000 <= 200,000 < 1,000,000
    with pytest.raises(PermissionRefused):
        rewards.reward_approve(reward=r, actor=officer)
    with pytest.raises(ValidationFailed):
        rewards.reward_pay(reward=r, payment_ref="P1", actor=officer)
    r = rewards.reward_approve(reward=r, actor=leader)
    r = rewards.reward_pay(reward=r, payment_ref="财付-2026-001", actor=officer)
    assert r.status == "paid" and r.paid_at is not None


def test_unsubstantiated_report_is_not_rewarded(cats, officer, leader):
    c = _closed(cats, officer, leader, outcome="unsubstantiated")
    with pytest.raises(ValidationFailed):
        rewards.reward_propose(complaint=c, kind=RewardKind.objects.first(), eligible=True, actor=officer)
    r = rewards.reward_propose(complaint=c, kind=None, eligible=False, decision_note="不属实", actor=officer)
    assert r.status == "ineligible" and r.amount_yuan == 0
