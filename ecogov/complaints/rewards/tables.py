"""The reward list's columns: the on-screen table and the .xlsx export are the same list."""

from __future__ import annotations

from django.utils import timezone

from ecogov.core.excel import Column

from ..choices import RewardStatus


def _yuan(amount) -> float | None:
    """An amount [CNY] as a number (the export keeps a number cell, the screen shows 5,000)."""
    return None if amount is None else float(amount)


COLUMNS = [
    Column("complaint", "查询码", "Tracking code", get=lambda r: r.complaint.tracking_code),
    Column("kind", "违法行为类型", "Violation kind", get=lambda r: r.kind.name if r.kind_id else ""),
    Column("status", "状态", "Status", get=lambda r: RewardStatus.label(r.status)),
    Column("penalty_amount", "罚款（元）", "Fine (CNY)", get=lambda r: _yuan(r.penalty_amount)),
    Column("amount_yuan", "奖励（元）", "Reward (CNY)", get=lambda r: _yuan(r.amount_yuan)),
    Column("paid_at", "发放日期", "Paid", get=lambda r: timezone.localdate(r.paid_at) if r.paid_at else None),
]
