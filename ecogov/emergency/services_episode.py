"""Writes of episode controls: consultations, point-to-point control actions (targets from the
emergency reduction list, compliance checks, workflow), one-enterprise-one-policy plans with
per-pollutant targets and follow-up, ozone-season lists with check rounds. All audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from ecogov.core import clock
from ecogov.core.audit import audit_record, create_audited, diff, snapshot, update_audited
from ecogov.core.errors import ValidationFailed, field_error
from ecogov.core.permissions import require, require_object
from ecogov.monitoring import selectors as monitoring

from .choices import ActionStatus, OzoneSourceKind, Pollutant
from .models import episodes as m
from .services import _aware, _next_code, in_scope, put_on_ledger
from .workflow import ACTION_WORKFLOW

#: A forecast day is "bad" above this AQI (good = 0-100, HJ 633-2012).
GOOD_AQI = 100
WARNING_LEVELS = ("blue", "yellow", "orange", "red")
#: Length of a target's measure (ControlTarget.measure).
MEASURE_MAX = 200
#: Working days a failed compliance check is given on the rectification ledger, unless a deadline is set.
COMPLIANCE_WORKING_DAYS = 10


@transaction.atomic
def consultation_record(*, data: dict[str, Any], actor) -> m.Consultation:
    """A joint consultation; the warning it issued must be one the user reads in monitoring."""
    require(actor, "add", m.Consultation)
    in_scope(actor, data.get("jurisdiction"))
    for name in ("participants", "forecast", "decision"):
        if not str(data.get(name) or "").strip():
            raise field_error(name, "此项必填", "This field is required")
    warning = data.get("warning")
    if warning is not None and not monitoring.warnings_for(actor).filter(pk=warning.pk).exists():
        raise field_error("warning", "找不到该预警", "No such warning in your jurisdiction")
    start, end = data.get("episode_start"), data.get("episode_end")
    if start and end and end < start:
        raise field_error("episode_end", "结束日期不能早于开始日期", "The end cannot be before the start")
    fields = ("date", "jurisdiction", "participants", "forecast", "forecast_aqi", "episode_start", "episode_end",
              "decision", "warning")
    return create_audited(actor=actor, obj=m.Consultation(created_by=actor,
                                                        **{k: v for k, v in data.items() if k in fields}))


@transaction.atomic
def action_create(*, data: dict[str, Any], actor, list_objects=(), plans=()) -> m.ControlAction:
    """A draft point-to-point control action for a forecast bad day (forecast AQI > 100).

    ``list_objects`` (enterprises picked from the area's emergency reduction list) and ``plans``
    (one-enterprise-one-policy plans) become its targets, each with the measure of its list grade at
    the action's warning level and its plan's measures (``targets_pick``)."""
    require(actor, "add", m.ControlAction)
    in_scope(actor, data.get("jurisdiction"))
    if (data.get("forecast_aqi") or 0) <= GOOD_AQI:
        raise field_error("forecast_aqi", f"点对点管控针对预报污染日（AQI > {GOOD_AQI}）",
                          f"A point-to-point action is for a forecast polluted day (AQI > {GOOD_AQI})")
    if data.get("warning_level", "yellow") not in WARNING_LEVELS:
        raise field_error("warning_level", "未知的预警级别", "Unknown warning level")
    consultation = data.get("consultation")
    if consultation is not None:
        require_object(actor, consultation, "view")
    fields = ("day", "jurisdiction", "consultation", "forecast_aqi", "warning_level", "note")
    code = _next_code(m.ControlAction, "DDD", data["day"].year)
    action = create_audited(actor=actor, obj=m.ControlAction(code=code, owner=actor,
                                                             **{k: v for k, v in data.items() if k in fields}))
    if list_objects or plans:
        targets_pick(action=action, actor=actor, list_objects=list_objects, plans=plans)
    return action


def _open_for_targets(action: m.ControlAction) -> None:
    if action.status not in (ActionStatus.DRAFT, ActionStatus.ISSUED):
        raise ValidationFailed("action_not_open", "该指令已核查完毕，不能再增加管控对象",
                               "Targets can no longer be added to this action")


@transaction.atomic
def target_add(*, action: m.ControlAction, actor, measure: str, supervised_object=None,
               source_name: str = "") -> m.ControlTarget:
    require_object(actor, action, "change")
    _open_for_targets(action)
    if supervised_object is None and not source_name.strip():
        raise field_error("supervised_object", "须指明企业或污染源", "Name an enterprise or a source")
    if not measure.strip():
        raise field_error("measure", "须填写管控措施", "The measure required is missing")
    if supervised_object is not None:
        if action.targets.filter(supervised_object=supervised_object).exists():
            raise field_error("supervised_object", "该企业已在指令中", "This enterprise is already named")
        if not supervised_object.jurisdiction.path.startswith(action.jurisdiction.path):
            raise field_error("supervised_object", "该企业不在指令区域内", "This enterprise is outside the action's area")
    return create_audited(actor=actor, obj=m.ControlTarget(action=action, supervised_object=supervised_object,
                                                         source_name=source_name.strip(), measure=measure.strip()))


def target_measure(list_measure: str, plan) -> str:
    """The measure of a target: its reduction-list measure, then its one-enterprise-one-policy plan."""
    parts = [p for p in (list_measure, f"一企一策：{plan.measures}" if plan is not None else "") if p]
    text = "；".join(parts)
    return text if len(text) <= MEASURE_MAX else text[:MEASURE_MAX - 1] + "…"


def _plans_of(actor, year: int) -> dict[int, m.ReductionPlan]:
    return {p.supervised_object_id: p for p in m.ReductionPlan.objects.for_user(actor).filter(year=year)}


@transaction.atomic
def targets_from_reduction_list(*, action: m.ControlAction, actor, limit: int | None = None) -> list[m.ControlTarget]:
    """Name the enterprises of the action's area on the emergency reduction list with the measure
    of their grade at the action's warning level (their one-enterprise-one-policy plan, if any, is cited)."""
    require_object(actor, action, "change")
    _open_for_targets(action)
    named = set(action.targets.exclude(supervised_object=None).values_list("supervised_object_id", flat=True))
    plans = _plans_of(actor, action.day.year)
    out = []
    for row in monitoring.reduction_list(actor, action.jurisdiction, action.warning_level):
        obj = row["object"]
        if obj.pk in named or not row["measure"]:
            continue
        out.append(target_add(action=action, actor=actor, measure=target_measure(row["measure"], plans.get(obj.pk)),
                              supervised_object=obj))
        if limit is not None and len(out) >= limit:
            break
    return out


@transaction.atomic
def targets_pick(*, action: m.ControlAction, actor, list_objects=(), plans=()) -> list[m.ControlTarget]:
    """Name the picked enterprises: those from the area's emergency reduction list get the measure of
    their grade at the action's warning level, those picked by their one-enterprise-one-policy plan get
    the plan's measures (an enterprise picked both ways gets both, once)."""
    require_object(actor, action, "change")
    _open_for_targets(action)
    listed = {row["object"].pk: row for row in monitoring.reduction_list(actor, action.jurisdiction,
                                                                         action.warning_level)}
    picked: dict[int, tuple[Any, str, Any]] = {}
    for obj in list_objects:
        if obj.pk not in listed:
            raise field_error("list_objects", f"{obj} 不在本区域的应急减排清单中",
                              f"{obj} is not on the area's emergency reduction list")
        picked[obj.pk] = (listed[obj.pk]["object"], listed[obj.pk]["measure"], None)
    in_scope_plans = set(m.ReductionPlan.objects.for_user(actor).values_list("pk", flat=True))
    for plan in plans:
        if plan.pk not in in_scope_plans:
            raise field_error("plans", "找不到该一企一策方案", "No such plan in your jurisdiction")
        obj, list_measure, _ = picked.get(plan.supervised_object_id, (plan.supervised_object, "", None))
        picked[plan.supervised_object_id] = (obj, list_measure, plan)
    return [target_add(action=action, actor=actor, supervised_object=obj, measure=target_measure(measure, plan))
            for obj, measure, plan in picked.values()]


def action_move(*, action: m.ControlAction, to: str, actor, data: dict | None = None) -> m.ControlAction:
    require_object(actor, action, "change")
    return ACTION_WORKFLOW.transition(action, to, actor=actor, data=dict(data or {}))


@transaction.atomic
def compliance_check(*, target: m.ControlTarget, checked_at: dt.datetime, compliant: bool, actor,
                     note: str = "") -> m.ComplianceCheck:
    """An officer's check that the named enterprise or source keeps its measure."""
    action = m.ControlAction.objects.select_for_update().get(pk=target.action_id)
    require_object(actor, action, "change")
    if action.status not in (ActionStatus.ISSUED, ActionStatus.CHECKED):
        raise ValidationFailed("action_not_issued", "指令下达后才能核查", "Check after the action is issued")
    checked_at = _aware(checked_at)
    if checked_at > timezone.now():
        raise field_error("checked_at", "核查时间不能晚于现在", "The check time cannot be in the future")
    if not compliant and not note.strip():
        raise field_error("note", "未落实措施时须记录现场情况", "Describe what was seen when the measure is not kept")
    return create_audited(actor=actor, obj=m.ComplianceCheck(target=target, checked_at=checked_at, compliant=compliant,
                                                           note=note.strip(), checked_by=actor))


@transaction.atomic
def compliance_raise_ledger(*, check: m.ComplianceCheck, actor, deadline: dt.date | None = None):
    """Put a failed compliance check on the rectification ledger (its source links back to the check),
    due COMPLIANCE_WORKING_DAYS after the check unless ``deadline`` is given."""
    target = check.target
    action = target.action
    require_object(actor, action, "change")
    if check.compliant:
        raise ValidationFailed("check_compliant", "该核查措施已落实，无需挂账整改",
                               "The measure was kept: nothing to rectify")
    day = timezone.localtime(check.checked_at).date()
    ent = target.supervised_object
    return put_on_ledger(check, actor=actor, data={
        "problem": f"点对点管控{action.code}（{action.day}）：{target}未落实“{target.measure}”——{check.note}",
        "jurisdiction": ent.jurisdiction if ent is not None else action.jurisdiction, "supervised_object": ent,
        "assigned_date": day, "deadline": deadline or clock.add_working_days(day, COMPLIANCE_WORKING_DAYS)})


# ----------------------------------------------------------------------------- one enterprise, one policy


def _check_plan(measures: str, targets: dict[str, tuple[float, float]]) -> None:
    if not measures.strip():
        raise field_error("measures", "须填写减排措施", "The reduction measures are missing")
    if not targets:
        raise field_error("targets", "须至少设定一项污染物减排目标", "Set a target for at least one pollutant")
    for pollutant, (baseline, pct) in targets.items():
        if pollutant not in Pollutant.values():
            raise field_error("targets", f"未知的污染物 {pollutant}", f"Unknown pollutant {pollutant}")
        if baseline < 0 or not 0 < pct <= 100:
            raise field_error("targets", "基准排放量须非负，减排比例须在 0–100% 之间",
                              "The baseline must be >= 0 and the reduction in (0, 100] %")


@transaction.atomic
def reduction_plan_create(*, supervised_object, year: int, measures: str, targets: dict[str, tuple[float, float]],
                          actor) -> m.ReductionPlan:
    """A plan with ``targets`` = {pollutant: (baseline t/a, reduction %)}."""
    require(actor, "add", m.ReductionPlan)
    in_scope(actor, supervised_object.jurisdiction)
    _check_plan(measures, targets)
    if m.ReductionPlan.objects.filter(supervised_object=supervised_object, year=year).exists():
        raise field_error("year", "该企业本年度已有一企一策方案", "This enterprise already has a plan for the year")
    plan = create_audited(actor=actor, obj=m.ReductionPlan(supervised_object=supervised_object, year=year,
                                                           jurisdiction=supervised_object.jurisdiction,
                                                           measures=measures.strip()))
    for pollutant, (baseline, pct) in targets.items():
        create_audited(actor=actor, obj=m.ReductionTarget(plan=plan, pollutant=pollutant, baseline_t=baseline,
                                                          target_pct=pct))
    return plan


@transaction.atomic
def reduction_plan_update(*, plan: m.ReductionPlan, measures: str, targets: dict[str, tuple[float, float]],
                          actor) -> m.ReductionPlan:
    """Change a plan's measures and its per-pollutant targets: a pollutant left out loses its target
    (and the reduction achieved recorded for it); every change is audited."""
    require_object(actor, plan, "change")
    _check_plan(measures, targets)
    current = {t.pollutant: t for t in plan.targets.all()}
    for pollutant, (baseline, pct) in targets.items():
        if pollutant in current:
            update_audited(actor=actor, obj=current[pollutant], data={"baseline_t": baseline, "target_pct": pct})
        else:
            create_audited(actor=actor, obj=m.ReductionTarget(plan=plan, pollutant=pollutant, baseline_t=baseline,
                                                              target_pct=pct))
    for pollutant, target in current.items():
        if pollutant not in targets:
            audit_record(actor=actor, obj=target, event="delete", changes=diff(snapshot(target), {}))
            target.delete()
    return update_audited(actor=actor, obj=plan, data={"measures": measures.strip()})


@transaction.atomic
def reduction_follow_up(*, plan: m.ReductionPlan, date: dt.date, note: str, achieved: dict[str, float],
                        actor) -> m.ReductionPlan:
    """Record a follow-up visit and the reduction achieved so far per pollutant."""
    require_object(actor, plan, "change")
    if date > timezone.localdate():
        raise field_error("date", "日期不能晚于今天", "The date cannot be in the future")
    targets = {t.pollutant: t for t in plan.targets.all()}
    for pollutant, pct in achieved.items():
        if pollutant not in targets:
            raise field_error("achieved", f"方案中没有 {pollutant} 的目标", f"The plan has no target for {pollutant}")
        update_audited(actor=actor, obj=targets[pollutant], data={"achieved_pct": pct})
    return update_audited(actor=actor, obj=plan, data={"follow_up": note, "follow_up_date": date})


# ----------------------------------------------------------------------------- ozone season


@transaction.atomic
def ozone_list_create(*, data: dict[str, Any], actor) -> m.OzoneList:
    require(actor, "add", m.OzoneList)
    in_scope(actor, data.get("jurisdiction"))
    if data["end"] < data["start"]:
        raise field_error("end", "结束日期不能早于开始日期", "The end cannot be before the start")
    return create_audited(actor=actor, obj=m.OzoneList(**{k: data[k] for k in ("name", "jurisdiction", "start", "end")}))


@transaction.atomic
def ozone_entry_add(*, ozone_list: m.OzoneList, kind: str, name: str, jurisdiction, requirement: str, actor,
                    supervised_object=None) -> m.OzoneEntry:
    """A VOCs / NOx source on the list; an enterprise from the registry gives its name and area
    when they are left blank."""
    require_object(actor, ozone_list, "change")
    if kind not in OzoneSourceKind.values():
        raise field_error("kind", "未知的污染源类型", "Unknown source kind")
    name = name.strip() or (supervised_object.name if supervised_object is not None else "")
    if not name:
        raise field_error("name", "须填写污染源名称或选择企业", "Name the source or pick an enterprise")
    if not requirement.strip():
        raise field_error("requirement", "须填写管控要求", "The control requirement is missing")
    jurisdiction = jurisdiction or (supervised_object.jurisdiction if supervised_object is not None else None)
    if jurisdiction is None:
        raise field_error("jurisdiction", "缺少所属区域", "An area is required")
    if not jurisdiction.path.startswith(ozone_list.jurisdiction.path):
        raise field_error("jurisdiction", "该污染源不在清单区域内", "This source is outside the list's area")
    return create_audited(actor=actor, obj=m.OzoneEntry(ozone_list=ozone_list, kind=kind, name=name,
                                                        jurisdiction=jurisdiction, requirement=requirement.strip(),
                                                        supervised_object=supervised_object))


@transaction.atomic
def ozone_round_add(*, ozone_list: m.OzoneList, start: dt.date, end: dt.date, actor) -> m.OzoneRound:
    require_object(actor, ozone_list, "change")
    if end < start:
        raise field_error("end", "结束日期不能早于开始日期", "The end cannot be before the start")
    if not ozone_list.start <= start <= end <= ozone_list.end:
        raise field_error("start", "检查轮次须在管控期内", "A check round must fall inside the control period")
    number = ozone_list.rounds.count() + 1
    return create_audited(actor=actor, obj=m.OzoneRound(ozone_list=ozone_list, number=number, start=start, end=end))


@transaction.atomic
def ozone_check(*, round: m.OzoneRound, entry: m.OzoneEntry, date: dt.date, compliant: bool, actor,
                note: str = "") -> m.OzoneCheck:
    require_object(actor, entry, "change")
    if entry.ozone_list_id != round.ozone_list_id:
        raise field_error("entry", "该污染源不在本轮清单中", "This source is not on the round's list")
    if not round.start <= date <= round.end or date > timezone.localdate():
        raise field_error("date", "检查日期须在本轮期间且不晚于今天", "The date must fall in the round, not in the future")
    if round.checks.filter(entry=entry).exists():
        raise field_error("entry", "本轮已检查该污染源", "This source was already checked in the round")
    return create_audited(actor=actor, obj=m.OzoneCheck(round=round, entry=entry, date=date, compliant=compliant,
                                                      note=note, checked_by=actor))
