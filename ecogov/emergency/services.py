"""Writes of environmental emergencies: events reported and moved through their response,
plans and their versions, drills and their findings, hazard-check campaigns, checks and the
dynamic hazard list. Findings and hazards go on the rectification ledger. Every write is audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from ecogov.core import clock
from ecogov.core.attachments import FilePolicy, check_files
from ecogov.core.audit import audit_record, create_audited, update_audited
from ecogov.core.errors import ValidationFailed, field_error
from ecogov.core.models import Jurisdiction
from ecogov.core.permissions import require, require_object
from ecogov.rectification import selectors as ledger_selectors
from ecogov.rectification import services as ledger

from .choices import (
    CheckResult,
    Facility,
    FindingStatus,
    HazardLevel,
    IncidentKind,
    IncidentLevel,
    Medium,
    PlanKind,
)
from .models import (
    Drill,
    DrillFinding,
    EmergencyPlan,
    Hazard,
    HazardCampaign,
    HazardCheck,
    Incident,
    PlanVersion,
)
from .workflow import INCIDENT_WORKFLOW

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#: Working days a drill finding is given on the ledger, unless a deadline is set.
FINDING_WORKING_DAYS = 20
#: Working days to rectify a hazard by its level (a major hazard gets a longer, supervised plan).
HAZARD_WORKING_DAYS = {HazardLevel.GENERAL: 10, HazardLevel.MAJOR: 30}
#: A plan is reviewed at least every three years (突发环境事件应急预案管理暂行办法): 3 x 365 calendar days.
PLAN_REVIEW_DAYS = 3 * 365
#: The text of a plan version: one PDF or DOCX of at most 20 MB (checked by content, not by name).
PLAN_DOCUMENT = FilePolicy("document", ("application/pdf", DOCX), max_count=1, max_bytes=20 * 1024 * 1024)
INCIDENT_FIELDS = ("title", "level", "kind", "jurisdiction", "location", "lon", "lat", "media", "supervised_object",
                   "occurred_at", "reported_at", "description")


def in_scope(actor, jurisdiction) -> None:
    if jurisdiction is None:
        raise field_error("jurisdiction", "缺少所属区域", "An area is required")
    if not Jurisdiction.objects.for_user(actor).filter(pk=jurisdiction.pk).exists():
        raise field_error("jurisdiction", "该区域不在您的辖区内", "This area is outside your jurisdiction",
                          code="out_of_scope")


def _aware(value: dt.datetime) -> dt.datetime:
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _next_code(model, prefix: str, year: int) -> str:
    n = model.objects.filter(code__startswith=f"{prefix}-{year}-").count() + 1
    while model.objects.filter(code=f"{prefix}-{year}-{n:03d}").exists():
        n += 1
    return f"{prefix}-{year}-{n:03d}"


def _check_incident(values: dict[str, Any]) -> None:
    if values.get("level") not in IncidentLevel.values():
        raise field_error("level", "未知的事件级别", "Unknown event level")
    if values.get("kind") not in IncidentKind.values():
        raise field_error("kind", "未知的事件类型", "Unknown event type")
    bad = [m for m in values.get("media") or [] if m not in Medium.values()]
    if bad:
        raise field_error("media", f"未知的环境要素：{'、'.join(bad)}", f"Unknown media: {', '.join(bad)}")
    occurred, reported = values["occurred_at"], values["reported_at"]
    if reported > timezone.now() or occurred > timezone.now():
        raise field_error("reported_at", "时间不能晚于现在", "The time cannot be in the future")
    if reported < occurred:
        raise field_error("reported_at", "报告时间不能早于发生时间", "The report cannot be before the event")


@transaction.atomic
def incident_report(*, data: dict[str, Any], actor) -> Incident:
    """Record a reported environmental emergency (信息报告); the response starts in "reported"."""
    require(actor, "add", Incident)
    values = {k: v for k, v in data.items() if k in INCIDENT_FIELDS}
    values.setdefault("reported_at", timezone.now())
    values["occurred_at"], values["reported_at"] = _aware(values["occurred_at"]), _aware(values["reported_at"])
    values["media"] = list(values.get("media") or [])
    _check_incident(values)
    in_scope(actor, values.get("jurisdiction"))
    code = _next_code(Incident, "TF", timezone.localtime(values["occurred_at"]).year)
    return create_audited(actor=actor, obj=Incident(code=code, owner=actor, **values))


def incident_move(*, incident: Incident, to: str, actor, data: dict | None = None) -> Incident:
    """One response step (on site, monitoring, control, end, close) through the workflow."""
    require_object(actor, incident, "change")
    return INCIDENT_WORKFLOW.transition(incident, to, actor=actor, data=dict(data or {}))


# ----------------------------------------------------------------------------- plans and drills


@transaction.atomic
def plan_create(*, data: dict[str, Any], actor) -> EmergencyPlan:
    require(actor, "add", EmergencyPlan)
    if data.get("kind", PlanKind.PLAN) not in PlanKind.values():
        raise field_error("kind", "未知的文件类型", "Unknown document kind")
    in_scope(actor, data.get("jurisdiction"))
    fields = ("title", "kind", "jurisdiction", "supervised_object")
    return create_audited(actor=actor, obj=EmergencyPlan(**{k: v for k, v in data.items() if k in fields}))


@transaction.atomic
def plan_update(*, plan: EmergencyPlan, data: dict[str, Any], actor) -> EmergencyPlan:
    """Change a plan's title, kind, area or enterprise (its text changes by a new version)."""
    require_object(actor, plan, "change")
    if data.get("kind", plan.kind) not in PlanKind.values():
        raise field_error("kind", "未知的文件类型", "Unknown document kind")
    if not str(data.get("title", plan.title) or "").strip():
        raise field_error("title", "此项必填", "This field is required")
    if "jurisdiction" in data:
        in_scope(actor, data["jurisdiction"])
    fields = ("title", "kind", "jurisdiction", "supervised_object")
    return update_audited(actor=actor, obj=plan, data={k: v for k, v in data.items() if k in fields})


@transaction.atomic
def plan_version_add(*, plan: EmergencyPlan, version: str, issued: dt.date, actor, summary: str = "",
                     document=None) -> PlanVersion:
    """A new version of a plan or manual; it becomes current and sets the next review date."""
    require_object(actor, plan, "change")
    version = version.strip()
    if not version:
        raise field_error("version", "缺少版本号", "A version is required")
    if plan.versions.filter(version=version).exists():
        raise field_error("version", f"版本 {version} 已存在", f"Version {version} already exists")
    if issued > timezone.localdate():
        raise field_error("issued", "发布日期不能晚于今天", "The issue date cannot be in the future")
    if document:
        check_files([document], PLAN_DOCUMENT)
    row = create_audited(actor=actor, obj=PlanVersion(plan=plan, version=version, issued=issued, summary=summary,
                                                      document=document or "", created_by=actor))
    newest = plan.versions.order_by("-issued", "-id").first()
    if newest is not None and newest.pk == row.pk:
        update_audited(actor=actor, obj=plan, data={
            "current_version": version, "review_due": clock.add_calendar_days(issued, PLAN_REVIEW_DAYS)})
    return row


@transaction.atomic
def drill_record(*, data: dict[str, Any], actor, findings: list[str] | tuple = ()) -> Drill:
    """A drill held, with its findings (each may go on the ledger later)."""
    require(actor, "add", Drill)
    in_scope(actor, data.get("jurisdiction"))
    if data["date"] > timezone.localdate():
        raise field_error("date", "演练日期不能晚于今天", "The drill date cannot be in the future")
    for name in ("title", "scenario", "units"):
        if not str(data.get(name) or "").strip():
            raise field_error(name, "此项必填", "This field is required")
    fields = ("date", "title", "scenario", "units", "jurisdiction", "plan", "participants", "summary")
    drill = create_audited(actor=actor, obj=Drill(**{k: v for k, v in data.items() if k in fields}))
    for text in findings:
        if text.strip():
            create_audited(actor=actor, obj=DrillFinding(drill=drill, text=text.strip()))
    return drill


def put_on_ledger(row, *, actor, data: dict[str, Any]):
    """Open a rectification ledger item for ``row`` (a drill finding, a hazard, a failed compliance
    check) through the ledger's service, its source linking back to ``row``; ``row.ledger_item``
    keeps the item's number and a row with a status goes "on the ledger". Audited on ``row``."""
    locked = type(row).objects.select_for_update().get(pk=row.pk)  # two clicks raise one item
    if locked.ledger_item:
        raise ValidationFailed("already_raised", "该问题已挂账", "This problem is already on the ledger")
    item = ledger.item_create(actor=actor, source=row, data=data)
    values = {"ledger_item": item.pk, **({"status": FindingStatus.LEDGER} if hasattr(row, "status") else {})}
    for obj in (row, locked):
        for key, value in values.items():
            setattr(obj, key, value)
    locked.save(update_fields=list(values))
    audit_record(actor=actor, obj=locked, event="action", note=f"ledger item {item.pk}")
    return item


@transaction.atomic
def finding_raise_ledger(*, finding: DrillFinding, actor, deadline: dt.date | None = None):
    """Put a drill finding on the rectification ledger, due FINDING_WORKING_DAYS after the drill."""
    require_object(actor, finding.drill, "change")
    drill = finding.drill
    return put_on_ledger(finding, actor=actor, data={
        "problem": f"应急演练“{drill.title}”发现问题：{finding.text}", "jurisdiction": drill.jurisdiction,
        "assigned_date": drill.date,
        "deadline": deadline or clock.add_working_days(drill.date, FINDING_WORKING_DAYS)})


# ----------------------------------------------------------------------------- hidden-hazard checks


@transaction.atomic
def campaign_create(*, data: dict[str, Any], actor) -> HazardCampaign:
    require(actor, "add", HazardCampaign)
    in_scope(actor, data.get("jurisdiction"))
    if data["end"] < data["start"]:
        raise field_error("end", "结束日期不能早于开始日期", "The end cannot be before the start")
    fields = ("name", "jurisdiction", "start", "end", "target_checks")
    return create_audited(actor=actor, obj=HazardCampaign(**{k: v for k, v in data.items() if k in fields}))


def _check_results(results: dict[str, str], hazards: list[dict]) -> None:
    unknown = [k for k in results if k not in Facility.values()]
    if unknown or any(v not in CheckResult.values() for v in results.values()):
        raise field_error("results", "检查表填写有误", "Unknown checklist class or result")
    marked = {k for k, v in results.items() if v == CheckResult.HAZARD}
    described = {h["facility"] for h in hazards}
    if marked != described:
        raise field_error("hazards", "每个“存在隐患”的检查项须且只须填写隐患描述",
                          "Describe a hazard for exactly the checklist classes marked as hazard")
    if any(h.get("level", HazardLevel.GENERAL) not in HazardLevel.values() or not h.get("description", "").strip()
           for h in hazards):
        raise field_error("hazards", "隐患须有描述和等级", "Each hazard needs a description and a level")


@transaction.atomic
def hazard_check_record(*, campaign: HazardCampaign, supervised_object, date: dt.date, results: dict[str, str],
                        actor, hazards: list[dict] | tuple = ()) -> HazardCheck:
    """One enterprise checked against the checklist; each hazard found goes on the dynamic list and
    on the rectification ledger, due by its level on the working-day clock."""
    require_object(actor, campaign, "change")
    if not campaign.start <= date <= min(campaign.end, timezone.localdate()):
        raise field_error("date", "检查日期须在专项行动期间且不晚于今天",
                          "The check date must fall in the campaign and not in the future")
    if campaign.checks.filter(supervised_object=supervised_object).exists():
        raise field_error("supervised_object", "该企业在本次行动中已检查", "This enterprise was already checked")
    hazards = list(hazards)
    _check_results(results, hazards)
    jurisdiction = supervised_object.jurisdiction
    if not jurisdiction.path.startswith(campaign.jurisdiction.path):
        raise field_error("supervised_object", "该企业不在专项行动范围内", "This enterprise is outside the campaign")
    check = create_audited(actor=actor, obj=HazardCheck(
        campaign=campaign, supervised_object=supervised_object, jurisdiction=jurisdiction, date=date,
        results=results, checked_by=actor))
    for h in hazards:
        _hazard_open(check, h, actor)
    return check


def _hazard_open(check: HazardCheck, h: dict, actor) -> Hazard:
    level = h.get("level", HazardLevel.GENERAL)
    hazard = create_audited(actor=actor, obj=Hazard(
        check_record=check, facility=h["facility"], level=level, description=h["description"].strip(),
        found=check.date, due=clock.add_working_days(check.date, HAZARD_WORKING_DAYS[level])))
    put_on_ledger(hazard, actor=actor, data={
        "problem": f"{check.supervised_object}：{Facility.label(hazard.facility)}隐患——{hazard.description}",
        "jurisdiction": check.jurisdiction, "supervised_object": check.supervised_object,
        "assigned_date": check.date, "deadline": hazard.due})
    return hazard


@transaction.atomic
def hazards_sync(*, actor) -> int:
    """Close the hazards and findings whose ledger item is closed (销号); returns how many closed.

    Idempotent: a closed hazard is not touched again."""
    closed = 0
    for model, date_field in ((Hazard, "closed"), (DrillFinding, None)):
        rows = model.objects.for_user(actor, "change").filter(status=FindingStatus.LEDGER)
        ids = {r.ledger_item: r for r in rows}
        done = ledger_selectors.items_for(actor).filter(pk__in=list(ids), state="closed").values_list(
            "pk", "closed_date")
        for pk, closed_date in done:
            data: dict[str, Any] = {"status": FindingStatus.CLOSED}
            if date_field:
                data[date_field] = closed_date or timezone.localdate()
            update_audited(actor=actor, obj=ids[pk], data=data, note=f"ledger item {pk} closed")
            closed += 1
    return closed
