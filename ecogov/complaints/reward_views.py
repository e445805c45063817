"""Staff pages for rewards: the list (filters, search, pagination, export) and the decision steps."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ecogov.core.excel import Column, export_xlsx

from . import rewards
from .choices import RewardStatus
from .models import Reward, RewardKind
from .perms import require_page as require
from .views import XLSX, _load, _run

COLUMNS = [
    Column("complaint", "查询码", "Tracking code", get=lambda r: r.complaint.tracking_code),
    Column("kind", "违法行为类型", "Violation kind", get=lambda r: r.kind.name if r.kind_id else ""),
    Column("status", "状态", "Status", get=lambda r: RewardStatus.label(r.status)),
    Column("penalty_amount", "罚款（元）", "Fine (CNY)", get=lambda r: r.penalty_amount),
    Column("amount_yuan", "奖励（元）", "Reward (CNY)", get=lambda r: r.amount_yuan),
    Column("paid_at", "发放日期", "Paid", get=lambda r: r.paid_at.date() if r.paid_at else None),
]


@login_required
def reward_list(request):
    qs = Reward.objects.for_user(request.user).select_related("complaint", "kind").order_by("-proposed_at")
    status, q = request.GET.get("status", ""), request.GET.get("q", "").strip()
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(Q(complaint__tracking_code__icontains=q) | Q(kind__name__icontains=q))
    if request.GET.get("export") == "xlsx":
        require(request.user, "export", Reward)
        resp = HttpResponse(export_xlsx(COLUMNS, qs, "rewards"), content_type=XLSX)
        resp["Content-Disposition"] = 'attachment; filename="rewards.xlsx"'
        return resp
    return render(request, "complaints/reward_list.html", {
        "columns": COLUMNS, "page_obj": Paginator(qs, 50).get_page(request.GET.get("page")),
        "statuses": [(v, RewardStatus.label(v)) for v in RewardStatus.values()],
        "kinds": RewardKind.objects.filter(active=True),
    })


@login_required
@require_POST
def reward_propose(request, pk: int):
    c = _load(request, pk, "change")
    kind = RewardKind.objects.filter(pk=request.POST.get("kind") or 0).first()
    _run(request, lambda: rewards.reward_propose(
        complaint=c, kind=kind, eligible=request.POST.get("eligible") == "1",
        decision_note=request.POST.get("decision_note", ""), penalty_amount=request.POST.get("penalty_amount") or None,
        actor=request.user))
    return redirect("complaints:complaint_detail", pk=pk)


@login_required
@require_POST
def reward_step(request, pk: int, step: str):
    reward = _load(request, pk, "view", model=Reward)
    if step == "approve":
        _run(request, lambda: rewards.reward_approve(reward=reward, actor=request.user))
    else:
        _run(request, lambda: rewards.reward_pay(reward=reward, payment_ref=request.POST.get("payment_ref", ""),
                                                 actor=request.user))
    return redirect("complaints:complaint_detail", pk=reward.complaint_id)
