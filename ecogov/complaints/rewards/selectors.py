"""Reward reads: the restricted list (filters as the list page) and the kinds in use."""

from __future__ import annotations

from django.db.models import Q

from ..models import Reward, RewardKind


def rewards_for(user, *, status: str = "", q: str = ""):
    """Rewards of complaints in ``user``'s scope, newest first; ``q`` searches the tracking code and the kind."""
    qs = Reward.objects.for_user(user).select_related("complaint", "kind").order_by("-proposed_at")
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(Q(complaint__tracking_code__icontains=q) | Q(kind__name__icontains=q))
    return qs


def active_kinds():
    """The reward-eligible violation kinds in use (the choices of a decision)."""
    return RewardKind.objects.filter(active=True)


def kind(pk) -> RewardKind | None:
    return RewardKind.objects.filter(pk=pk or 0).first()
