"""Reward writes: the eligibility decision, the amount by the configurable
table, approval and the payment record (each step audited)."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ecogov.core.audit import audit_record, create_audited, snapshot
from ecogov.core.errors import PermissionRefused, ValidationFailed, field_error
from ecogov.core.permissions import require_object

from ..choices import ComplaintStatus as S
from ..choices import Outcome, RewardStatus
from ..models import Reward, RewardKind, RewardTier
from ..workflow import REVIEWERS


def amount_for(tiers: list[tuple[Decimal, Decimal | None, Decimal]], penalty: Decimal | None,
               base: Decimal) -> Decimal:
    """The reward for a fine of ``penalty`` [CNY]: the tier with from <= penalty < to; ``base`` when no fine."""
    if penalty is None:
        return Decimal(base)
    for lo, hi, amount in tiers:
        if Decimal(lo) <= penalty and (hi is None or penalty < Decimal(hi)):
            return Decimal(amount)
    return Decimal(base)


def table_for(kind: RewardKind | None) -> list[tuple]:
    rows = RewardTier.objects.filter(kind=kind) if kind is not None else RewardTier.objects.none()
    if not rows.exists():
        rows = RewardTier.objects.filter(kind__isnull=True)
    return [(t.penalty_from, t.penalty_to, t.amount_yuan) for t in rows.order_by("penalty_from")]


def _eligible_kind(complaint, kind: RewardKind | None) -> RewardKind:
    """The kind of an eligible report: an active reward-eligible kind, for a substantiated report."""
    if kind is None or not kind.active:
        raise field_error("kind", "请选择奖励范围内的违法行为类型", "Choose a reward-eligible violation kind")
    if complaint.outcome not in (Outcome.SUBSTANTIATED, Outcome.PARTLY):
        raise field_error("eligible", "举报内容查证属实才能奖励", "Only substantiated reports are rewarded")
    return kind


@transaction.atomic
def reward_propose(*, complaint, kind: RewardKind | None, eligible: bool, decision_note: str = "",
                   penalty_amount=None, actor) -> Reward:
    """The eligibility decision on a closed, substantiated report; an eligible one gets the table's amount."""
    require_object(actor, complaint, "change")
    if complaint.status != S.CLOSED:
        raise ValidationFailed("not_closed", "投诉办结后才能认定奖励", "Decide on a reward after the complaint is closed")
    if hasattr(complaint, "reward"):
        raise ValidationFailed("reward_exists", "该投诉已有奖励认定", "This complaint already has a reward decision")
    chosen = _eligible_kind(complaint, kind) if eligible else None
    penalty = Decimal(str(penalty_amount)) if penalty_amount not in (None, "") else None
    reward = Reward(
        complaint=complaint, kind=chosen, eligible=eligible, decision_note=decision_note,
        penalty_amount=penalty, proposed_by=actor,
        status=RewardStatus.PROPOSED if eligible else RewardStatus.INELIGIBLE,
        amount_yuan=amount_for(table_for(chosen), penalty, chosen.amount_yuan) if chosen is not None else Decimal(0),
    )
    return create_audited(actor=actor, obj=reward)


def _step(reward: Reward, actor, frm: str, to: str, **fields) -> Reward:
    if reward.status != frm:
        raise ValidationFailed("bad_reward_state", "奖励当前状态不允许此操作", "Not possible in the reward's current state",
                               detail={"status": reward.status, "expected": frm})
    before = snapshot(reward)
    reward.status = to
    for k, v in fields.items():
        setattr(reward, k, v)
    reward.save()
    after = snapshot(reward)
    audit_record(actor=actor, obj=reward, event="transition",
                 changes={k: [before[k], after[k]] for k in after if before[k] != after[k]})
    return reward


@transaction.atomic
def reward_approve(*, reward: Reward, actor) -> Reward:
    require_object(actor, reward.complaint, "approve")
    if not (actor.is_superuser or actor.role in REVIEWERS):
        raise PermissionRefused({"action": "approve_reward"})
    return _step(reward, actor, RewardStatus.PROPOSED, RewardStatus.APPROVED, approved_by=actor,
                 approved_at=timezone.now())


@transaction.atomic
def reward_pay(*, reward: Reward, payment_ref: str, actor, paid_at=None) -> Reward:
    require_object(actor, reward.complaint, "change")
    if not (payment_ref or "").strip():
        raise field_error("payment_ref", "请填写发放凭证号", "Give the payment reference")
    return _step(reward, actor, RewardStatus.APPROVED, RewardStatus.PAID, payment_ref=payment_ref.strip(),
                 paid_at=paid_at or timezone.now())
