"""Staff pages for rewards: the list (core's page kit: filters, pagination, export) and the decision
steps, each POST through ``core.pages.action``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from ecogov.core.pages import action

from ..models import Reward
from ..views import detail_url, load
from . import selectors, services


@login_required
def reward_list(request):
    return selectors.REWARDS.response(request)


@login_required
def reward_detail(request, pk: int):
    """A reward lives on its complaint's page."""
    reward = selectors.reward_get(request.user, pk)
    if reward is None:
        raise Http404
    return redirect(detail_url(reward.complaint_id) + "#reward")


@login_required
@require_POST
def reward_propose(request, pk: int):
    c = load(request, pk, "change")
    kind = selectors.kind(request.POST.get("kind"))
    return action_for(request, pk, lambda: services.reward_propose(
        complaint=c, kind=kind, eligible=request.POST.get("eligible") == "1",
        decision_note=request.POST.get("decision_note", ""), penalty_amount=request.POST.get("penalty_amount") or None,
        actor=request.user))


@login_required
@require_POST
def reward_step(request, pk: int, step: str):
    reward = load(request, pk, "view", model=Reward)
    if step == "approve":
        call = lambda: services.reward_approve(reward=reward, actor=request.user)  # noqa: E731
    elif step == "pay":
        call = lambda: services.reward_pay(reward=reward, payment_ref=request.POST.get("payment_ref", ""),  # noqa: E731
                                           actor=request.user)
    else:
        raise Http404
    return action_for(request, reward.complaint_id, call)


def action_for(request, complaint_pk: int, call):
    """One reward step through ``core.pages.action``, back to the complaint's reward card."""
    return action(request, call, then=detail_url(complaint_pk) + "#reward")
