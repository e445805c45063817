"""Reward reads: the restricted list (one ``ListPage``: page, export and filters), the kinds in use and
the reward panel of a complaint's page with the steps its user may take."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from ecogov.core.pages import ListPage

from ..choices import ComplaintStatus as S
from ..choices import RewardStatus
from ..filters import RewardFilter
from ..models import Complaint, Reward, RewardKind
from ..selectors import may_change, may_review
from .tables import COLUMNS


def rewards_for(user, *, status: str = "", q: str = ""):
    """Rewards of complaints in ``user``'s scope, newest first (``status``/``q``: see ``RewardFilter``)."""
    qs = Reward.objects.for_user(user).select_related("complaint", "kind").order_by("-proposed_at", "-pk")
    params = {k: v for k, v in {"status": status, "q": q}.items() if v}
    return RewardFilter(params, queryset=qs).qs if params else qs


REWARDS = ListPage(
    filterset=RewardFilter, columns=COLUMNS, queryset=rewards_for, title=gettext_lazy("Rewards for reports of violations"),
    filename="rewards", link="complaints:reward_detail", template="complaints/reward_list.html", page_size=50,
    extra=lambda request: {"kinds": active_kinds(), "link_column": 1},
)


def active_kinds():
    """The reward-eligible violation kinds in use (the choices of a decision)."""
    return RewardKind.objects.filter(active=True)


def kind(pk) -> RewardKind | None:
    return RewardKind.objects.filter(pk=pk or 0).first()


def reward_get(user, pk: int) -> Reward | None:
    return rewards_for(user).filter(pk=pk).first()


def reward_panel(user, c: Complaint) -> dict | None:
    """The reward card of a complaint's page: the decision and the step ``user`` may take now
    (approve: a head of department; pay: staff who may change the complaint), or the proposal form's
    kinds for a closed complaint without a decision; None when there is nothing to show."""
    reward = Reward.objects.filter(complaint=c).select_related("kind").first()
    change = may_change(user, c)
    if reward is None:
        if c.status != S.CLOSED or not change:
            return None
        return {"reward": None, "kinds": list(active_kinds()), "step": ""}
    step = ""
    if reward.status == RewardStatus.PROPOSED and may_review(user):
        step = "approve"
    elif reward.status == RewardStatus.APPROVED and change:
        step = "pay"
    return {"reward": reward, "kinds": [], "step": step}
