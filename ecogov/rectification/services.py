"""Rectification writes: batches, items as a tree with milestones and progress
reports, extensions, items opened from an inspection's findings (a handler of
supervision's inspection outcomes) and the direct closure (销号) of such an item.
The workflow moves are in ``workflow.py``, the daily plan and escalation in
``services_daily.py``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from ecogov.core.attachments import DOCUMENTS, attach_files, check_files
from ecogov.core.audit import audit_record, create_audited, update_audited
from ecogov.core.clock import add_working_days
from ecogov.core.errors import Conflict, PermissionRefused, ValidationFailed, field_error
from ecogov.core.models import Jurisdiction
from ecogov.core.permissions import require, require_object

from .choices import LEVELS, ItemState, RectificationStatus, SourceKind
from .models import Batch, Milestone, Patrol, ProgressReport, RectificationItem
from .policy import policy

BATCH_FIELDS = ("code", "title", "source", "received_date", "issuing_body", "deadline", "jurisdiction", "public",
                "note")
ITEM_FIELDS = ("batch", "external_no", "problem", "measures", "jurisdiction", "department", "leader", "owner",
               "supervisor", "assigned_date", "deadline", "weight", "supervised_object", "sustained")
REPORT_STATES = (ItemState.ACCEPTED, ItemState.RECTIFYING, ItemState.RETURNED)


# ----------------------------------------------------------------------------- batches


@transaction.atomic
def batch_create(*, data: dict[str, Any], actor) -> Batch:
    require(actor, "add", Batch)
    batch = Batch(**{k: v for k, v in data.items() if k in BATCH_FIELDS})
    if batch.deadline and batch.received_date and batch.deadline < batch.received_date:
        raise field_error("deadline", "销号期限早于交办日期", "the close-out deadline precedes the received date")
    return create_audited(actor=actor, obj=batch)


# ----------------------------------------------------------------------------- items


def _check_area(actor, jurisdiction) -> None:
    """A new item's area must lie inside the actor's scope."""
    if jurisdiction is None:
        raise field_error("jurisdiction", "请指定责任区域", "a responsible area is required", code="required")
    if not Jurisdiction.objects.for_user(actor).filter(pk=jurisdiction.pk).exists():
        raise PermissionRefused({"jurisdiction": jurisdiction.code})


def _level_under(parent: RectificationItem | None) -> str:
    if parent is None:
        return LEVELS[0]
    depth = LEVELS.index(parent.level) + 1
    if depth >= len(LEVELS):
        raise field_error("parent", "子任务下不能再分解", "a sub-task cannot have children", code="too_deep")
    return LEVELS[depth]


def _check_under_parent(item: RectificationItem, parent: RectificationItem | None) -> None:
    if parent is None:
        return
    if parent.state == ItemState.CLOSED:
        raise Conflict("parent_closed", "上级事项已销号，不能新增下级任务", "The parent item is closed")
    if item.deadline > parent.deadline:
        raise field_error("deadline", f"期限晚于上级事项期限（{parent.deadline}）",
                          f"the deadline is after the parent's ({parent.deadline})")
    item.batch = item.batch or parent.batch


def set_source(item: RectificationItem, source) -> None:
    """Link ``item`` to whatever it came from (inspection, complaint, case, object, section, station)."""
    if source is None:
        return
    item.source_type = ContentType.objects.get_for_model(type(source))
    item.source_id = str(source.pk)
    if type(source) is RectificationItem._meta.get_field("source_inspection").related_model:
        item.source_inspection = source


@transaction.atomic
def item_create(*, data: dict[str, Any], actor, parent: RectificationItem | None = None, source=None,
                milestones: list[dict] | tuple = ()) -> RectificationItem:
    """A problem (or, under ``parent``, a task or sub-task) with its planned milestones."""
    require(actor, "add", RectificationItem)
    if parent is not None:
        require_object(actor, parent, "change")
    item = RectificationItem(**{k: v for k, v in data.items() if k in ITEM_FIELDS and v is not None})
    item.parent, item.level = parent, _level_under(parent)
    item.jurisdiction = item.jurisdiction or (parent.jurisdiction if parent else None)
    _check_area(actor, item.jurisdiction)
    _check_under_parent(item, parent)
    item.assigned_date = item.assigned_date or timezone.localdate()
    set_source(item, source)
    create_audited(actor=actor, obj=item)
    for m in milestones:
        _milestone_add(item=item, actor=actor, **m)
    return item


@transaction.atomic
def item_update(*, item: RectificationItem, data: dict[str, Any], actor, note: str = "") -> RectificationItem:
    """Change an item's description, unit, leader, owner or weight (the deadline changes by extension)."""
    require_object(actor, item, "change")
    fields = {k: v for k, v in data.items() if k in ITEM_FIELDS and k not in ("batch", "deadline", "assigned_date")}
    if "jurisdiction" in fields and fields["jurisdiction"] != item.jurisdiction:
        _check_area(actor, fields["jurisdiction"])
    return update_audited(actor=actor, obj=item, data=fields, note=note)


def _milestone_add(*, item: RectificationItem, actor, title: str, due: dt.date, share: int) -> Milestone:
    planned = sum(item.milestones.values_list("share", flat=True))
    if planned + share > 100:
        raise field_error("share", f"节点占比合计将超过100%（已计划{planned}%）",
                          f"the milestones' shares would exceed 100% ({planned}% planned)")
    if (item.assigned_date and due < item.assigned_date) or due > item.deadline:
        raise field_error("due", f"节点日期须在{item.assigned_date}至{item.deadline}之间",
                          f"a milestone must fall between {item.assigned_date} and {item.deadline}")
    ms = create_audited(actor=actor, obj=Milestone(item=item, title=title, due=due, share=share))
    audit_record(actor=actor, obj=item, event="action", note=f"milestone {ms}")
    return ms


@transaction.atomic
def milestone_add(*, item: RectificationItem, actor, title: str, due: dt.date, share: int) -> Milestone:
    require_object(actor, item, "change")
    if item.state == ItemState.CLOSED:
        raise Conflict("closed", "已销号事项不能修改计划", "A closed item's plan cannot change")
    ms = _milestone_add(item=item, actor=actor, title=title, due=due, share=share)
    from .services_daily import plan_refresh

    plan_refresh(item=item, day=timezone.localdate())
    return ms


@transaction.atomic
def item_report(*, item: RectificationItem, progress: int, note: str, actor, files=(),
                date: dt.date | None = None) -> ProgressReport:
    """Report the progress of a task (with evidence files); a parent's progress is its children's."""
    require_object(actor, item, "change")
    if item.children.exists():
        raise Conflict("has_children", "上级事项的进度由下级任务汇总，不能直接填报",
                       "A parent's progress is computed from its tasks")
    if item.state not in REPORT_STATES:
        raise Conflict("not_rectifying", f"“{item.state_label}”状态下不能填报进度",
                       f"No progress report in the state '{item.state_label}'")
    day = date or timezone.localdate()
    if day > timezone.localdate():
        raise field_error("date", "填报日期不能晚于今天", "a report cannot be dated in the future")
    if not 0 <= progress <= 100:
        raise field_error("progress", "进度应在0至100之间", "progress must be between 0 and 100")
    if files:
        check_files(files, DOCUMENTS)
    report = create_audited(actor=actor, obj=ProgressReport(item=item, date=day, progress=progress, note=note,
                                                            actor=actor))
    attach_files(item, files, actor)
    update_audited(actor=actor, obj=item, data={"progress": progress}, note=note)
    from .services_daily import plan_refresh

    plan_refresh(item=item, day=timezone.localdate())
    return report


@transaction.atomic
def item_extend(*, item: RectificationItem, deadline: dt.date, reason: str, actor) -> RectificationItem:
    """Extend an open item's deadline (an approver's decision, with its reason)."""
    require_object(actor, item, "approve")
    if item.state == ItemState.CLOSED:
        raise Conflict("closed", "已销号事项不能延期", "A closed item cannot be extended")
    if not reason.strip():
        raise field_error("reason", "请填写延期理由", "a reason is required", code="required")
    if deadline <= item.deadline:
        raise field_error("deadline", f"新期限须晚于原期限（{item.deadline}）",
                          f"the new deadline must be after {item.deadline}")
    if item.parent_id and deadline > item.parent.deadline:
        raise field_error("deadline", f"新期限晚于上级事项期限（{item.parent.deadline}）",
                          f"the new deadline is after the parent's ({item.parent.deadline})")
    item = update_audited(actor=actor, obj=item, data={"deadline": deadline}, note=f"延期 extension: {reason}")
    from .services_daily import plan_refresh

    plan_refresh(item=item, day=timezone.localdate())
    return item


# ----------------------------------------------------------------------------- from an inspection


@transaction.atomic
def rectification_open_from_inspection(outcome) -> list[RectificationItem]:
    """One open item per problem an inspection found, due on the inspection's rectification deadline.

    Registered for the "rectify" result of ``supervision.outcomes``; runs inside the inspection's
    transaction, whose service has checked the officers' right to inspect.
    """
    insp = outcome.inspection
    out = []
    for text in outcome.problem_texts():
        item = RectificationItem(supervised_object=insp.supervised_object, problem=text,
                                 deadline=outcome.rectify_deadline, assigned_date=insp.date,
                                 jurisdiction_id=insp.supervised_object.jurisdiction_id)
        set_source(item, insp)
        out.append(create_audited(actor=outcome.actor, obj=item))
    return out


@transaction.atomic
def rectification_close(*, item: RectificationItem, closed_date: dt.date, actor) -> RectificationItem:
    """Close (销号) a rectified inspection finding directly (the inspecting unit confirms it); the closing
    is also noted in the inspection's history. Other items close through the workflow."""
    require_object(actor, item, "change")
    if item.status == RectificationStatus.DONE:
        raise Conflict("already_closed", "该整改事项已销号", "Already closed")
    if not item.source_inspection_id:
        raise Conflict("use_workflow", "该事项须经申请销号、初审、现场复核和公示后销号",
                       "This item closes through the workflow (request, review, re-check, public notice)")
    if closed_date < item.source_inspection.date:
        raise ValidationFailed("bad_date", "销号日期早于检查日期", "Closing date precedes the inspection")
    open_children(item)
    item = update_audited(actor=actor, obj=item, data={
        "status": RectificationStatus.DONE, "closed_date": closed_date, "state": ItemState.CLOSED, "progress": 100})
    audit_record(actor=actor, obj=item.source_inspection, event="action", note=f"rectification {item.pk} closed")
    return item


def open_children(item: RectificationItem) -> None:
    """Refuse to close ``item`` while one of its tasks is open."""
    left = item.children.exclude(state=ItemState.CLOSED).count()
    if left:
        raise Conflict("open_children", f"尚有{left}项下级任务未销号，不能销号",
                       f"{left} task(s) of this item are still open", detail={"open_children": left})


# ----------------------------------------------------------------------------- daily patrol


@transaction.atomic
def patrol_record(*, jurisdiction, date: dt.date, route: str, problems: list[str], actor,
                  note: str = "") -> tuple[Patrol, list[RectificationItem]]:
    """Record a daily patrol; each problem found raises an item in the year's patrol batch,
    due ``patrol_days`` working days later (core clock)."""
    require(actor, "add", Patrol)
    _check_area(actor, jurisdiction)
    if date > timezone.localdate():
        raise field_error("date", "巡查日期不能晚于今天", "a patrol cannot be dated in the future")
    patrol = create_audited(actor=actor, obj=Patrol(date=date, jurisdiction=jurisdiction, patroller=actor,
                                                    route=route, note=note))
    texts = [p.strip() for p in problems if p and p.strip()]
    if not texts:
        return patrol, []
    batch = _patrol_batch(date, actor)
    due = add_working_days(date, policy()["patrol_days"])
    items = [item_create(data={"batch": batch, "problem": text, "jurisdiction": jurisdiction, "deadline": due,
                               "assigned_date": date, "owner": actor}, actor=actor, source=patrol) for text in texts]
    return patrol, items


def _patrol_batch(date: dt.date, actor) -> Batch:
    batch = Batch.objects.filter(code=f"XC-{date.year}").first()
    if batch is None:
        city = Jurisdiction.objects.filter(parent__isnull=True).order_by("path").first()
        batch = create_audited(actor=actor, obj=Batch(
            code=f"XC-{date.year}", title=f"{date.year}年日常巡查发现问题", source=SourceKind.PATROL,
            received_date=dt.date(date.year, 1, 1), issuing_body="日常巡查", deadline=dt.date(date.year, 12, 31),
            jurisdiction=city))
    return batch
