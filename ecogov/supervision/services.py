"""Supervision writes: the item list, conflicts of interest, plans (approve,
draw, reveal through ``PLAN_WORKFLOW``), inspections and off-site checks.
What an inspection's result opens elsewhere (a rectification item, a penalty
case) is up to the apps registered in ``outcomes``."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from ecogov.core.attachments import DOCUMENTS, attach_files, check_files
from ecogov.core.audit import create_audited, update_audited
from ecogov.core.errors import Conflict, field_error
from ecogov.core.permissions import require, require_object

from . import draw as drawlib
from . import outcomes
from .choices import InspectionResult, PlanStatus, Scheme
from .models import (
    ConflictOfInterest,
    Finding,
    Inspection,
    InspectionItem,
    InspectionPlan,
    OffsiteCheck,
    PositiveListInclusion,
)
from .workflow import APPROVERS, PLAN_WORKFLOW

# ---------------------------------------------------------------- item list

ITEM_FIELDS = ("name", "legal_basis", "target_type", "sampling_ratio", "frequency", "method",
               "officer_requirements", "checklist")


@transaction.atomic
def item_create(*, code: str, actor, **fields) -> InspectionItem:
    require(actor, "manage", InspectionItem)
    if InspectionItem.objects.filter(code=code).exists():
        raise field_error("code", "事项编码已存在", "This item code already exists")
    return create_audited(actor=actor, obj=InspectionItem(code=code, **{k: fields[k] for k in fields if k in ITEM_FIELDS}))


@transaction.atomic
def item_update(*, item: InspectionItem, actor, **fields) -> InspectionItem:
    """Edits make a new version; the old one stays for the plans that used it."""
    require(actor, "manage", InspectionItem)
    if not item.is_current:
        raise Conflict("stale_version", "只能修改当前版本", "Only the current version can be edited")
    data = {f: getattr(item, f) for f in ITEM_FIELDS}
    data.update({k: v for k, v in fields.items() if k in ITEM_FIELDS})
    update_audited(actor=actor, obj=item, data={"is_current": False}, note="superseded")
    return create_audited(actor=actor, obj=InspectionItem(code=item.code, version=item.version + 1, **data))


# ---------------------------------------------------------------- conflicts

@transaction.atomic
def conflict_declare(*, officer, supervised_object, reason: str, start_date: dt.date,
                     end_date: dt.date | None = None, actor) -> ConflictOfInterest:
    require(actor, "add", ConflictOfInterest)
    if officer.role != "officer":
        raise field_error("officer", "只能为执法人员登记回避", "Conflicts are declared for officers")
    return create_audited(actor=actor, obj=ConflictOfInterest(
        officer=officer, supervised_object=supervised_object, reason=reason, start_date=start_date, end_date=end_date))


# ---------------------------------------------------------------- plans

def _quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1) - dt.timedelta(days=1)
    return start, end


@transaction.atomic
def plan_create(*, jurisdiction, year: int, quarter: int | None = None, level: str = "city",
                scheme: str = Scheme.JIANGXI, ratios: dict | None = None, per_officer_year: dict | None = None,
                cycle_years: dict | None = None, name: str = "", items=(), actor) -> InspectionPlan:
    """A plan for a quarter (``quarter`` 1-4) or a year, starting from a preset (editable)."""
    require(actor, "add", InspectionPlan)
    if quarter is not None and quarter not in (1, 2, 3, 4):
        raise field_error("quarter", "季度应为1-4", "quarter must be 1-4")
    period_type = "quarter" if quarter else "year"
    start, end = _quarter_bounds(year, quarter) if quarter else (dt.date(year, 1, 1), dt.date(year, 12, 31))
    params = drawlib.preset(scheme if scheme != Scheme.CUSTOM else Scheme.JIANGXI, level, period_type)
    for key, value in (("ratios", ratios), ("per_officer_year", per_officer_year), ("cycle_years", cycle_years)):
        if value:
            params[key].update(value)
    _check_ratios(params["ratios"])
    code = f"{jurisdiction.code}-{year}" + (f"Q{quarter}" if quarter else "Y")
    if InspectionPlan.objects.filter(code=code).exists():
        raise field_error("code", f"计划 {code} 已存在", f"Plan {code} already exists")
    label = f"{year}年第{quarter}季度" if quarter else f"{year}年度"
    plan = create_audited(actor=actor, obj=InspectionPlan(
        code=code, name=name or f"{jurisdiction.name}{label}“双随机”抽查计划", jurisdiction=jurisdiction, level=level,
        period_type=period_type, period_start=start, period_end=end, scheme=scheme, **params,
    ))
    if items:
        plan.items.set(items)
    return plan


def _check_ratios(ratios: dict) -> None:
    from decimal import Decimal, InvalidOperation

    for stratum, value in ratios.items():
        try:
            ok = Decimal(str(value)) >= 0 and Decimal(str(value)) <= 1
        except InvalidOperation:
            ok = False
        if not ok:
            raise field_error("ratios", f"{stratum} 类比例应在0-1之间", f"ratio of {stratum} must be between 0 and 1")


@transaction.atomic
def plan_update_ratios(*, plan: InspectionPlan, ratios: dict, actor) -> InspectionPlan:
    require_object(actor, plan, "change")
    if plan.status != PlanStatus.DRAFT:
        raise Conflict("plan_frozen", "计划批准后比例不可修改", "Ratios cannot change after approval")
    _check_ratios(ratios)
    return update_audited(actor=actor, obj=plan, data={"ratios": {**plan.ratios, **ratios}, "scheme": Scheme.CUSTOM})


@transaction.atomic
def plan_include_positive(*, plan: InspectionPlan, supervised_object, reason: str, actor) -> PositiveListInclusion:
    """Record why a positive-list object may be drawn for an on-site check (approver only)."""
    require_object(actor, plan, "approve")
    if not actor.is_superuser and actor.role not in APPROVERS:
        raise Conflict("approver_only", "仅审批人可记录纳入理由", "Only an approver may record this")
    if plan.status != PlanStatus.DRAFT:
        raise Conflict("plan_frozen", "名录已冻结", "The pool is frozen")
    if not supervised_object.on_positive_list:
        raise field_error("supervised_object", "该对象不在正面清单内", "This object is not on the positive list")
    if not (reason or "").strip():
        raise field_error("reason", "请填写现场检查的必要理由", "Give the reason an on-site check is necessary")
    return create_audited(actor=actor, obj=PositiveListInclusion(
        plan=plan, supervised_object=supervised_object, reason=reason, approved_by=actor))


def plan_approve(*, plan: InspectionPlan, actor, seed: bytes | None = None) -> InspectionPlan:
    """Freeze the pool (publish its SHA-256) and commit to a secret seed (publish SHA-256(seed))."""
    require_object(actor, plan, "approve")
    return PLAN_WORKFLOW.transition(plan, PlanStatus.APPROVED, actor=actor, data={"seed": seed})


def plan_draw(*, plan: InspectionPlan, actor) -> InspectionPlan:
    require_object(actor, plan, "approve")
    return PLAN_WORKFLOW.transition(plan, PlanStatus.DRAWN, actor=actor)


def plan_publish(*, plan: InspectionPlan, actor) -> InspectionPlan:
    """Complete the plan and reveal the seed (every drawn object must have its inspection)."""
    require_object(actor, plan, "approve")
    return PLAN_WORKFLOW.transition(plan, PlanStatus.PUBLISHED, actor=actor)


def plan_cancel(*, plan: InspectionPlan, note: str, actor) -> InspectionPlan:
    require_object(actor, plan, "approve")
    return PLAN_WORKFLOW.transition(plan, PlanStatus.CANCELLED, actor=actor, data={"note": note})


def plan_move(*, plan: InspectionPlan, to: str, note: str = "", actor) -> InspectionPlan:
    """One step of the plan workflow named by its target state (the plan page's steps and the API)."""
    if to == PlanStatus.CANCELLED:
        return plan_cancel(plan=plan, note=note, actor=actor)
    moves = {PlanStatus.APPROVED: plan_approve, PlanStatus.DRAWN: plan_draw, PlanStatus.PUBLISHED: plan_publish}
    if to not in moves:
        raise field_error("to", "目标状态无效", "Unknown target state")
    return moves[to](plan=plan, actor=actor)


# ---------------------------------------------------------------- inspections

def _check_officers(officers, day: dt.date, supervised_object) -> None:
    if len({o.pk for o in officers}) < 2:
        raise field_error("officers", "现场检查至少需要两名执法人员", "At least two officers per inspection")
    for o in officers:
        if o.role != "officer" or not o.cert_valid_on(day):
            raise field_error("officers", f"{o} 在检查当日无有效执法证", f"{o} has no valid certificate on that date")
    conflicted = ConflictOfInterest.objects.filter(
        officer__in=officers, supervised_object=supervised_object, start_date__lte=day
    ).exclude(end_date__lt=day).select_related("officer").first()
    if conflicted is not None:
        raise field_error("officers", f"{conflicted.officer} 与该单位存在回避情形",
                          f"{conflicted.officer} has a declared conflict with this unit")


@transaction.atomic
def inspection_record(*, supervised_object, date: dt.date, officers, result: str, findings=(), summary: str = "",
                      drawn=None, rectify_deadline: dt.date | None = None, violation: str = "",
                      joint_action: bool = False, night_action: bool = False, attachments=(), actor) -> Inspection:
    """Record an inspection, then let the registered apps act on its result (``outcomes``): a problem
    to rectify opens rectification items, a suspected violation a penalty case.

    ``findings``: ``[{"point", "compliant", "note", "item"}]`` one per checklist point.
    """
    require(actor, "inspect", Inspection)
    if result not in (InspectionResult.NO_PROBLEM, InspectionResult.RECTIFY, InspectionResult.VIOLATION):
        raise field_error("result", "检查结论无效", "Unknown result")
    officers = list(officers)
    _check_officers(officers, date, supervised_object)
    check_files(attachments, DOCUMENTS)
    if drawn is not None:
        if drawn.supervised_object_id != supervised_object.pk:
            raise field_error("drawn", "抽查任务与检查对象不一致", "The drawn task is for another object")
        if hasattr(drawn, "inspection"):
            raise Conflict("already_inspected", "该抽查任务已录入检查结果", "This drawn task already has an inspection")
        if drawn.plan.status != PlanStatus.DRAWN:
            raise Conflict("plan_not_drawn", "计划不在执行中", "The plan is not in progress")
    problems = [f for f in findings if not f.get("compliant", True)]
    if result != InspectionResult.NO_PROBLEM and not problems and not violation:
        raise field_error("findings", "请至少记录一项不合格的检查要点", "Record at least one non-compliant point")
    if result == InspectionResult.RECTIFY and rectify_deadline is None:
        raise field_error("rectify_deadline", "请填写整改期限", "Give the rectification deadline")
    insp = create_audited(actor=actor, obj=Inspection(
        supervised_object=supervised_object, date=date, result=result, summary=summary, drawn=drawn,
        plan=drawn.plan if drawn is not None else None, joint_action=joint_action, night_action=night_action,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    ))
    insp.officers.set(officers)
    Finding.objects.bulk_create([
        Finding(inspection=insp, point=f["point"][:200], compliant=bool(f.get("compliant", True)),
                note=f.get("note", ""), item=f.get("item")) for f in findings
    ])
    attach_files(insp, attachments, actor)
    outcomes.dispatch(outcomes.InspectionOutcome(inspection=insp, problems=tuple(problems),
                                                 rectify_deadline=rectify_deadline, violation=violation, actor=actor))
    return insp


@transaction.atomic
def offsite_check_record(*, supervised_object, date: dt.date, method: str, result: str, note: str = "",
                         actor) -> OffsiteCheck:
    require(actor, "inspect", OffsiteCheck)
    if not supervised_object.on_positive_list:
        raise field_error("supervised_object", "非现场检查用于正面清单企业", "Off-site checks are for positive-list objects")
    return create_audited(actor=actor, obj=OffsiteCheck(
        supervised_object=supervised_object, date=date, method=method, result=result, note=note,
        officer=actor if getattr(actor, "role", "") == "officer" else None))


# ---------------------------------------------------------------- for other apps' pages

def free_inspection_form(data=None, files=None):
    """The free inspection form (``forms.FreeInspectionForm``) for another app's page that records an
    inspection, e.g. one opened from a complaint: the fields, rules and error placement stay supervision's."""
    from .forms import FreeInspectionForm

    return FreeInspectionForm(data, files)
