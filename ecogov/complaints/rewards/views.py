"""Staff pages for rewards: the list (filters, search, pagination, export) and the decision steps."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ecogov.core.excel import export_xlsx

from ..choices import RewardStatus
from ..models import Reward
from ..views import XLSX, load, require_page, run
from . import selectors, services
from .tables import COLUMNS


@login_required
def reward_list(request):
    qs = selectors.rewards_for(request.user, status=request.GET.get("status", ""), q=request.GET.get("q", "").strip())
    if request.GET.get("export") == "xlsx":
        require_page(request.user, "export", Reward)
        resp = HttpResponse(export_xlsx(COLUMNS, qs, "rewards"), content_type=XLSX)
        resp["Content-Disposition"] = 'attachment; filename="rewards.xlsx"'
        return resp
    return render(request, "complaints/reward_list.html", {
        "columns": COLUMNS, "page_obj": Paginator(qs, 50).get_page(request.GET.get("page")),
        "statuses": [(v, RewardStatus.label(v)) for v in RewardStatus.values()],
        "kinds": selectors.active_kinds(),
    })


@login_required
@require_POST
def reward_propose(request, pk: int):
    c = load(request, pk, "change")
    kind = selectors.kind(request.POST.get("kind"))
    run(request, lambda: services.reward_propose(
        complaint=c, kind=kind, eligible=request.POST.get("eligible") == "1",
        decision_note=request.POST.get("decision_note", ""), penalty_amount=request.POST.get("penalty_amount") or None,
        actor=request.user))
    return redirect("complaints:complaint_detail", pk=pk)


@login_required
@require_POST
def reward_step(request, pk: int, step: str):
    reward = load(request, pk, "view", model=Reward)
    if step == "approve":
        run(request, lambda: services.reward_approve(reward=reward, actor=request.user))
    else:
        run(request, lambda: services.reward_pay(reward=reward, payment_ref=request.POST.get("payment_ref", ""),
                                                 actor=request.user))
    return redirect("complaints:complaint_detail", pk=reward.complaint_id)
