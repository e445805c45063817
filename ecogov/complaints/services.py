"""Complaint writes: intake from every channel, workflow steps, extensions,
duplicates merge, the category tree, links to the inspections and penalty
cases a complaint opens (through those apps' services) and reminders."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from ecogov.core.attachments import PHOTOS, attach_files, check_files
from ecogov.core.audit import audit_record, create_audited, update_audited
from ecogov.core.errors import Conflict, PermissionRefused, ValidationFailed, field_error
from ecogov.core.models import User
from ecogov.core.notifications import notify
from ecogov.core.permissions import require, require_object
from ecogov.enforcement import services as enforcement
from ecogov.supervision import services as supervision

from . import deadlines, selectors
from .choices import EXTENDABLE_STATES, NO_INSPECTION_STATES, Channel, ExtensionStatus, LinkKind, Satisfaction
from .choices import ComplaintStatus as S
from .crypto import create_audited_private
from .models import Complaint, ComplaintCategory, ComplaintExtension, ComplaintLink
from .routing import new_tracking_code, normalise_point, policy_for, route
from .workflow import WORKFLOW, notify_reporter

MAX_DESCRIPTION = 5000


def _clean_description(description: str, channel: str, category: ComplaintCategory) -> str:
    description = (description or "").strip()
    if not description:
        raise field_error("description", "请填写投诉内容", "Please describe the problem")
    if len(description) > MAX_DESCRIPTION:
        raise field_error("description", f"投诉内容不超过 {MAX_DESCRIPTION} 字", f"At most {MAX_DESCRIPTION} characters")
    if channel not in Channel.values():
        raise field_error("channel", "来源渠道无效", "Unknown channel")
    if not category.active:
        raise field_error("category", "该类别已停用", "This category is no longer in use")
    return description


@transaction.atomic
def complaint_submit(
    *, category: ComplaintCategory, description: str, channel: str = Channel.WEB, lon=None, lat=None,
    datum: str = "wgs84", address: str = "", jurisdiction=None, anonymous: bool = False, reporter_name: str = "",
    reporter_phone: str = "", reporter_email: str = "", reporter_id_number: str = "", received_at=None,
    transferred_from: str = "", source_ref: str = "", open311_client=None, open311_token=None,
    attributes: dict | None = None, media_url: str = "", photos=(), actor=None,
) -> Complaint:
    """Register a complaint from any channel: locate, route, start the acceptance clock."""
    if actor is not None and getattr(actor, "is_authenticated", False):
        require(actor, "add", Complaint)
    description = _clean_description(description, channel, category)
    check_files(photos, PHOTOS)
    lon, lat = normalise_point(lon, lat, datum)
    if lon is None and not (address or "").strip() and jurisdiction is None:
        raise field_error("location", "请在地图上点选位置或填写地址", "Pick the location on the map or give an address")
    place = route(lon, lat, fallback=jurisdiction)
    received_at = received_at or timezone.now()
    limits = policy_for(place).limits
    complaint = Complaint(
        tracking_code=new_tracking_code(timezone.localdate(received_at)), channel=channel, category=category,
        description=description, address=(address or "").strip()[:300], lon=lon, lat=lat, jurisdiction=place,
        department=category.responsible_department(), anonymous=anonymous, received_at=received_at,
        acceptance_due=deadlines.acceptance_due(timezone.localdate(received_at), limits),
        transferred_from=transferred_from, source_ref=source_ref, open311_client=open311_client,
        open311_token=open311_token, attributes=attributes or {}, media_url=media_url or "",
    )
    if not anonymous:
        complaint.reporter_name, complaint.reporter_phone = reporter_name.strip(), reporter_phone.strip()
        complaint.reporter_email, complaint.reporter_id_number = reporter_email.strip(), reporter_id_number.strip()
    create_audited_private(actor=actor, obj=complaint, note=Channel.label_zh(channel))
    attach_files(complaint, photos, actor)
    return complaint


INTAKE_FIELDS = ("category", "description", "channel", "lon", "lat", "address", "jurisdiction", "anonymous",
                 "reporter_name", "reporter_phone", "reporter_email", "reporter_id_number", "received_at",
                 "transferred_from", "source_ref")


@transaction.atomic
def complaint_register(*, data: dict, photos=(), actor) -> Complaint:
    """Staff intake from the form's ``data``; ``accept_now`` accepts it on the spot, in the same transaction."""
    fields = {k: data[k] for k in INTAKE_FIELDS if data.get(k) not in (None, "")}
    complaint = complaint_submit(**fields, datum=data.get("datum") or "wgs84", photos=photos, actor=actor)
    if data.get("accept_now"):
        complaint = complaint_accept(complaint=complaint, actor=actor, note="当场告知受理")
    return complaint


@transaction.atomic
def reporter_reveal(*, complaint, reason: str, actor) -> dict:
    """The reporter in full for a role with the explicit permission, with an audit row saying who, when
    and why; everyone else is refused. Lists, exports and API answers only ever show the masked view."""
    require_object(actor, complaint, "view")
    if not selectors.may_reveal(actor):
        raise PermissionRefused({"action": "reveal_personal_data"})
    reason = (reason or "").strip()
    if not reason:
        raise field_error("reason", "请说明查看投诉人完整信息的理由", "Give the reason for seeing the reporter in full")
    audit_record(actor=actor, obj=complaint, event="action", note=f"查看投诉人完整信息：{reason[:200]}",
                 changes={"reporter_revealed": [None, True]})
    return selectors.reporter_view(complaint, actor)


def _move(complaint, to, *, actor, data=None, note=""):
    require_object(actor, complaint, "change")
    return WORKFLOW.transition(complaint, to, actor=actor, data=data or {}, note=note)


def complaint_accept(*, complaint, actor, note: str = "", at=None):
    return _move(complaint, S.ACCEPTED, actor=actor, data={"at": at} if at else {}, note=note)


def complaint_reject(*, complaint, reason: str, redirect_body: str, actor, at=None):
    """Not within remit: record the reason and the body the reporter should go to."""
    data = {"not_accepted_reason": reason, "redirect_body": redirect_body, "at": at}
    return _move(complaint, S.NOT_ACCEPTED, actor=actor, data=data)


def complaint_assign(*, complaint, assignee, actor):
    return _move(complaint, S.ASSIGNED, actor=actor, data={"assignee": assignee})


def complaint_start(*, complaint, actor):
    return _move(complaint, S.INVESTIGATING, actor=actor)


def complaint_handle(*, complaint, findings: str, measures: str, outcome: str, actor, at=None):
    data = {"findings": findings, "measures": measures, "outcome": outcome, "at": at}
    return _move(complaint, S.HANDLED, actor=actor, data=data)


def complaint_review(*, complaint, approve: bool, note: str = "", actor):
    if approve:
        return _move(complaint, S.REVIEWED, actor=actor, data={"review_note": note})
    return _move(complaint, S.INVESTIGATING, actor=actor, data={"review_note": note})


def complaint_close(*, complaint, reply: str, satisfaction: str = "", actor, at=None):
    return _move(complaint, S.CLOSED, actor=actor, data={"reply": reply, "satisfaction": satisfaction, "at": at})


def complaint_refer(*, complaint, department=None, jurisdiction=None, note: str = "", actor):
    """Internal referral to another department or jurisdiction; the complaint goes back to "accepted"."""
    data = {"department": department, "jurisdiction": jurisdiction, "note": note}
    return _move(complaint, S.ACCEPTED, actor=actor, data={k: v for k, v in data.items() if v})


def complaint_merge(*, complaint, target, actor):
    """Merge ``complaint`` into ``target``; its reporter gets ``target``'s result when it closes."""
    require_object(actor, target, "change")
    return _move(complaint, S.MERGED, actor=actor, data={"merged_into": target})


@transaction.atomic
def complaint_rate(*, complaint, satisfaction: str, actor):
    """Record the reporter's satisfaction after closing (the phone-back)."""
    require_object(actor, complaint, "change")
    if satisfaction not in Satisfaction.values():
        raise field_error("satisfaction", "满意度无效", "Unknown satisfaction rating")
    before = complaint.satisfaction
    complaint.satisfaction = satisfaction
    complaint.save(update_fields=["satisfaction", "updated"])
    audit_record(actor=actor, obj=complaint, event="update", changes={"satisfaction": [before, satisfaction]})
    return complaint


@transaction.atomic
def extension_request(*, complaint, days: int, reason: str, actor) -> ComplaintExtension:
    """Ask for ``days`` more to finish; the total (approved and pending) stays within the maximum of the
    jurisdiction's policy (``ComplaintPolicy.max_extension_days``, 30 days by law)."""
    require_object(actor, complaint, "change")
    if complaint.status not in EXTENDABLE_STATES:
        raise ValidationFailed("not_extendable", "只有在办的投诉可以申请延期", "Only a complaint in progress can be extended")
    if not (reason or "").strip():
        raise field_error("reason", "请说明延期理由", "Give the reason for the extension")
    limits = policy_for(complaint.jurisdiction).limits
    if not 0 < int(days) <= selectors.extension_room(complaint):
        raise field_error(
            "days", f"延期总天数不得超过 {limits.max_extension_days} 天",
            f"The total extension may not exceed {limits.max_extension_days} days",
        )
    ext = ComplaintExtension(complaint=complaint, days=int(days), reason=reason.strip(), requested_by=actor)
    create_audited(actor=actor, obj=ext)
    audit_record(actor=actor, obj=complaint, event="action", note=f"申请延期 {days} 天：{reason}")
    return ext


@transaction.atomic
def extension_decide(*, extension: ComplaintExtension, approve: bool, note: str = "", actor) -> ComplaintExtension:
    """Approve (by a department head: leader, district or admin) or reject an extension."""
    complaint = Complaint.objects.select_for_update().get(pk=extension.complaint_id)
    require_object(actor, complaint, "approve")
    if not selectors.may_review(actor):
        raise PermissionRefused({"action": "approve_extension"})
    if extension.status != ExtensionStatus.PENDING:
        raise ValidationFailed("already_decided", "该延期申请已处理", "This extension has already been decided")
    extension.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REJECTED
    extension.decided_by, extension.decided_at, extension.decision_note = actor, timezone.now(), note
    extension.save()
    audit_record(actor=actor, obj=extension, event="transition", changes={"status": ["pending", extension.status]})
    if approve:
        old_due = complaint.finish_due
        complaint.extension_days += extension.days
        if complaint.accepted_at:
            limits = policy_for(complaint.jurisdiction).limits
            complaint.finish_due = deadlines.finish_due(
                timezone.localdate(complaint.accepted_at), limits, complaint.extension_days)
        complaint.save(update_fields=["extension_days", "finish_due", "updated"])
        audit_record(actor=actor, obj=complaint, event="update", note=f"延期 {extension.days} 天：{extension.reason}",
                     changes={"finish_due": [old_due, complaint.finish_due]})
        notify_reporter(complaint, "extended", extra=extension.reason)
    return extension


@transaction.atomic
def complaint_link(*, complaint, target, kind: str = LinkKind.OTHER, note: str = "", actor) -> ComplaintLink:
    """Link a complaint to the inspection or penalty case it opened (readable from both sides)."""
    require_object(actor, complaint, "change")
    link = ComplaintLink(
        complaint=complaint, kind=kind, content_type=ContentType.objects.get_for_model(type(target)),
        object_id=str(target.pk), note=note, created_by=actor,
    )
    create_audited(actor=actor, obj=link)
    audit_record(actor=actor, obj=complaint, event="action", note=f"关联 {link.content_type.model} {target}")
    return link


def received_date(c: Complaint) -> dt.date:
    return timezone.localdate(c.received_at)


def complaint_transition(*, complaint, to: str, data: dict, actor):
    """Any allowed move with the engine's ``data`` (used by the complaint page and the API)."""
    return _move(complaint, to, actor=actor, data=data, note=data.get("note", ""))


# --- the category tree (reference data, deactivated, never deleted) ------------------------------

CATEGORY_FIELDS = ("code", "name", "name_en", "parent", "department", "description", "keywords", "order", "active")


def _check_parent(category: ComplaintCategory | None, parent: ComplaintCategory | None) -> None:
    node = parent
    while node is not None:
        if category is not None and node.pk == category.pk:
            raise field_error("parent", "上级类别不能是自身或其下级", "A category cannot sit under itself")
        node = node.parent


@transaction.atomic
def category_save(*, category: ComplaintCategory | None = None, data: dict, actor) -> ComplaintCategory:
    """Create or edit a category (role with "manage"); categories are deactivated, never deleted."""
    require(actor, "manage", ComplaintCategory)
    data = {k: v for k, v in data.items() if k in CATEGORY_FIELDS}
    _check_parent(category, data.get("parent"))
    if category is None:
        return create_audited(actor=actor, obj=ComplaintCategory(**data))
    return update_audited(actor=actor, obj=category, data=data)


# --- what a complaint opens in other apps: penalty cases and inspections -------------------------
# The link lives on the complaint side as a generic reference (``ComplaintLink``); the other side
# reads it with ``selectors.complaints_linked_to``. The other apps are called through their services.

@transaction.atomic
def complaint_open_penalty_case(*, complaint, supervised_object, facts: str, actor):
    """Open a penalty case (source "complaint") against ``supervised_object`` and link it both ways."""
    require_object(actor, complaint, "change")
    case = enforcement.case_open(supervised_object=supervised_object, facts=facts or complaint.description,
                                 opened_date=timezone.localdate(), source="complaint", actor=actor)
    complaint_link(complaint=complaint, target=case, kind=LinkKind.PENALTY_CASE,
                   note=f"由投诉 {complaint.tracking_code} 立案", actor=actor)
    return case


def _check_may_inspect(complaint) -> None:
    if complaint.status in NO_INSPECTION_STATES:
        raise ValidationFailed("complaint_not_open", "该投诉尚未受理、不予受理或已合并，不能关联现场检查",
                               "Only an accepted complaint can be linked to an inspection")


@transaction.atomic
def complaint_link_inspection(*, complaint, inspection, actor):
    """Link an inspection made because of the complaint (the inspection must be in ``actor``'s scope)."""
    require_object(actor, complaint, "change")
    require_object(actor, inspection, "view")
    _check_may_inspect(complaint)
    if complaint.links.filter(kind=LinkKind.INSPECTION, object_id=str(inspection.pk)).exists():
        raise Conflict("already_linked", "该检查已关联到本投诉", "This inspection is already linked to the complaint")
    return complaint_link(complaint=complaint, target=inspection, kind=LinkKind.INSPECTION,
                          note=f"核查投诉 {complaint.tracking_code}", actor=actor)


@transaction.atomic
def complaint_open_inspection(*, complaint, supervised_object, actor, **inspection):
    """Record a free (not drawn) on-site inspection of ``supervised_object`` because of the complaint
    and link it both ways, in one transaction.

    ``inspection``: the keyword arguments of ``supervision.services.inspection_record`` (date, officers,
    result, findings, summary, rectify_deadline, violation, attachments); that service keeps its rules.
    """
    require_object(actor, complaint, "change")
    require_object(actor, supervised_object, "view")
    _check_may_inspect(complaint)
    inspection.pop("drawn", None)
    insp = supervision.inspection_record(supervised_object=supervised_object, drawn=None, actor=actor, **inspection)
    complaint_link_inspection(complaint=complaint, inspection=insp, actor=actor)
    return insp


# --- reminders (the daily task and ``ecogov complaints_remind``) ----------------------------------

def _recipients(c: Complaint) -> list:
    """The assignee or, before assignment, up to five district staff or officers of the department."""
    if c.assignee_id:
        return [c.assignee]
    users = User.objects.filter(is_active=True, role__in=["district", "officer"])
    if c.department_id:
        users = users.filter(department_id=c.department_id)
    district = c.jurisdiction.ancestor_at("district")
    if district is not None and not c.department_id:
        users = users.filter(jurisdiction=district)
    return list(users[:5])


def send_reminders(today: dt.date | None = None) -> dict[str, int]:
    """Queue one reminder per recipient per overdue or due-soon complaint (after commit); returns the counts."""
    today = today or timezone.localdate()
    sent = {"overdue": 0, "due_soon": 0}
    with transaction.atomic():
        for kind, rows in (("overdue", selectors.overdue(None, today)), ("due_soon", selectors.due_soon(None, today))):
            word = "已超期" if kind == "overdue" else "即将到期"
            for c in rows:
                due = c.finish_due or c.acceptance_due
                for user in _recipients(c):
                    notify(recipient=user, subject=f"投诉 {c.tracking_code} {word}（期限 {due}）",
                           body=c.description[:300], obj=c)
                    sent[kind] += 1
    return sent
