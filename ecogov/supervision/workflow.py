"""Plan workflow: draft -> approved (pool frozen, seed committed) -> drawn ->
published (seed revealed); a plan can be cancelled before it is drawn.

The heavy steps run inside the transition's transaction (``Rule.apply``), so
the state change, the frozen snapshot, the drawn list and the audit rows are
committed together or not at all.
"""

from __future__ import annotations

import secrets

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecogov.core.audit import audit_record
from ecogov.core.errors import Conflict
from ecogov.core.workflow import Rule, Workflow
from ecogov.registry import selectors as registry

from . import draw as drawlib
from . import pool
from .choices import PlanStatus
from .models import DrawnObject

APPROVERS = frozenset({"leader", "district", "admin"})
#: The input of a cancellation (the step's form, ``Rule.fields``).
CANCEL_FIELDS = {"note": forms.CharField(label=_("Reason"), max_length=500)}


def _approve(plan, data, actor) -> None:
    rows, _ids = pool.build_pool(plan)
    if not rows:
        raise Conflict("empty_pool", "抽查对象库为空，无法批准", "The object pool is empty; nothing to approve")
    counts: dict[str, int] = {}
    for _u, stratum, _p in rows:
        counts[stratum] = counts.get(stratum, 0) + 1
    plan.pool_counts = counts
    plan.officer_count = len(pool.officer_pool(plan))
    plan.quota = drawlib.quotas(counts, plan.ratios, per_officer_year=plan.per_officer_year,
                                officers=plan.officer_count, period_type=plan.period_type)
    document = drawlib.snapshot_document(plan.code, plan.quota, rows)
    seed = data.get("seed") or secrets.token_bytes(32)
    plan.snapshot = document.decode("utf-8")
    plan.snapshot_sha256 = drawlib.sha256_hex(document)
    plan.seed_hex = seed.hex()
    plan.seed_sha256 = drawlib.seed_commitment(seed)
    plan.approved_by = actor if getattr(actor, "is_authenticated", False) else None
    plan.approved_at = timezone.now()
    audit_record(actor=actor, obj=plan, event="action", note="pool frozen, seed committed", changes={
        "snapshot_sha256": ["", plan.snapshot_sha256], "seed_sha256": ["", plan.seed_sha256],
        "quota": [{}, plan.quota], "pool_size": [0, len(rows)],
    })


def _draw(plan, data, actor) -> None:
    seed = bytes.fromhex(plan.seed_hex)
    snap = drawlib.parse_snapshot(plan.snapshot.encode("utf-8"))
    drawn = drawlib.draw(seed, snap)
    usccs = [d.uscc for d in drawn]
    id_by_uscc = registry.object_ids_by_uscc(usccs)
    uscc_by_id = {v: k for k, v in id_by_uscc.items()}
    try:
        teams = drawlib.assign_officers(
            usccs, pool.officer_pool(plan), on=plan.period_start, seed=seed, plan_code=plan.code,
            conflicts=pool.conflicts_for(plan, uscc_by_id), previous_pair=pool.previous_pairs(plan, uscc_by_id),
            load=pool.year_load(plan),
        )
    except drawlib.AssignmentError as exc:
        raise Conflict("no_officers", f"执法人员不足，无法为 {exc.uscc} 安排两名无回避情形的执法人员",
                       f"Not enough eligible officers for {exc.uscc}", detail={"uscc": exc.uscc}) from exc
    created = DrawnObject.objects.bulk_create([
        DrawnObject(plan=plan, supervised_object_id=id_by_uscc[d.uscc], stratum=d.stratum, rank=d.rank)
        for d in drawn
    ])
    through = DrawnObject.officers.through
    through.objects.bulk_create([
        through(drawnobject_id=row.pk, user_id=int(uid))
        for row, d in zip(created, drawn, strict=True) for uid in teams[d.uscc]
    ])
    plan.drawn_at = timezone.now()
    audit_record(actor=actor, obj=plan, event="action", note="drawn", changes={"drawn": [0, len(created)]})


def _guard_publish(plan, data) -> None:
    missing = plan.drawn.filter(inspection__isnull=True).count()
    if missing and not data.get("force"):
        raise Conflict("inspections_missing", f"尚有 {missing} 个抽中对象未录入检查结果",
                       f"{missing} drawn objects have no inspection record yet", detail={"missing": missing})


def _publish(plan, data, actor) -> None:
    plan.seed_revealed = True
    plan.published_at = timezone.now()
    audit_record(actor=actor, obj=plan, event="action", note="seed revealed",
                 changes={"seed": ["", plan.seed_hex]})


PLAN_WORKFLOW = Workflow(
    name="inspection_plan",
    states=PlanStatus,
    field="status",
    initial=PlanStatus.DRAFT,
    terminal=frozenset({PlanStatus.PUBLISHED, PlanStatus.CANCELLED}),
    transitions={
        (PlanStatus.DRAFT, PlanStatus.APPROVED): Rule(
            roles=APPROVERS, apply=_approve, label_zh="批准并冻结名录", label_en="Approve and freeze the pool"),
        (PlanStatus.APPROVED, PlanStatus.DRAWN): Rule(roles=APPROVERS, apply=_draw, label_zh="抽取", label_en="Draw"),
        (PlanStatus.DRAWN, PlanStatus.PUBLISHED): Rule(
            roles=APPROVERS, guard=_guard_publish, apply=_publish,
            label_zh="完成并公开种子", label_en="Complete and reveal the seed"),
        (PlanStatus.DRAFT, PlanStatus.CANCELLED): Rule(
            roles=APPROVERS, requires=("note",), fields=CANCEL_FIELDS, label_zh="撤销", label_en="Cancel"),
        (PlanStatus.APPROVED, PlanStatus.CANCELLED): Rule(
            roles=APPROVERS, requires=("note",), fields=CANCEL_FIELDS, label_zh="撤销", label_en="Cancel"),
    },
)
