"""Responsibility writes: duties of the three-level lists (a year's list copied to the
next as its new version), committees and members, meetings and decisions; a decision
can create ledger items owned by member units, linked back to it as their source."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from ecogov.core.audit import audit_record, create_audited, update_audited
from ecogov.core.errors import Conflict, field_error
from ecogov.core.permissions import require, require_object

from .. import services as ledger
from .models import Committee, CommitteeMember, Decision, Duty, Meeting

DUTY_FIELDS = ("year", "level", "jurisdiction", "department", "duty", "legal_basis", "indicators")


@transaction.atomic
def duty_create(*, data: dict[str, Any], actor, items=()) -> Duty:
    require(actor, "add", Duty)
    duty = create_audited(actor=actor, obj=Duty(**{k: v for k, v in data.items() if k in DUTY_FIELDS}))
    require_object(actor, duty, "add")
    if items:
        duty.items.set(items)
    return duty


@transaction.atomic
def duty_update(*, duty: Duty, data: dict[str, Any], actor, items=None) -> Duty:
    require_object(actor, duty, "change")
    duty = update_audited(actor=actor, obj=duty, data={k: v for k, v in data.items() if k in DUTY_FIELDS})
    if items is not None:
        before = sorted(duty.items.values_list("pk", flat=True))
        duty.items.set(items)
        audit_record(actor=actor, obj=duty, event="update",
                     changes={"items": [before, sorted(i.pk for i in items)]})
    return duty


@transaction.atomic
def duty_copy_year(*, year: int, to_year: int, actor) -> int:
    """Start ``to_year``'s lists as a copy of ``year``'s (inside the actor's scope); refused if it exists."""
    require(actor, "add", Duty)
    source = Duty.objects.for_user(actor).filter(year=year)
    if Duty.objects.for_user(actor).filter(year=to_year).exists():
        raise Conflict("year_exists", f"{to_year}年责任清单已存在", f"The {to_year} lists exist already")
    copies = [Duty(**{f: getattr(d, f) for f in DUTY_FIELDS if f != "year"}, year=to_year) for d in source]
    for d in copies:
        create_audited(actor=actor, obj=d, note=f"copied from {year}")
    return len(copies)


@transaction.atomic
def committee_create(*, name: str, jurisdiction, actor, parent: Committee | None = None, office=None) -> Committee:
    require(actor, "manage", Committee)
    return create_audited(actor=actor, obj=Committee(name=name, jurisdiction=jurisdiction, parent=parent,
                                                     office=office))


@transaction.atomic
def member_add(*, committee: Committee, actor, **data) -> CommitteeMember:
    require(actor, "manage", Committee)
    return create_audited(actor=actor, obj=CommitteeMember(committee=committee, **data))


@transaction.atomic
def meeting_record(*, committee: Committee, date: dt.date, title: str, minutes: str, actor) -> Meeting:
    require(actor, "manage", Committee)
    return create_audited(actor=actor, obj=Meeting(committee=committee, date=date, title=title, minutes=minutes))


@transaction.atomic
def decision_record(*, meeting: Meeting, text: str, actor, member: CommitteeMember | None = None,
                    item: dict | None = None) -> Decision:
    """A decision; with ``item`` ({"deadline", "problem"?}) it opens a ledger item for the member's unit."""
    require(actor, "manage", Committee)
    if member is not None and member.committee_id not in _committee_family(meeting.committee):
        raise field_error("member", "该成员不属于本委员会", "not a member of this committee")
    decision = create_audited(actor=actor, obj=Decision(meeting=meeting, text=text, member=member))
    if item is not None:
        if member is None or (member.jurisdiction_id is None and member.department_id is None):
            raise field_error("member", "生成整改事项须指定责任成员单位", "a ledger item needs a member unit")
        area = member.jurisdiction or member.department.jurisdiction
        ledger.item_create(data={"problem": item.get("problem") or text, "deadline": item["deadline"],
                                 "jurisdiction": area, "department": member.department,
                                 "leader": f"{member.office}{member.name}", "assigned_date": meeting.date},
                           actor=actor, source=decision)
    return decision


def _committee_family(committee: Committee) -> set[int]:
    root = committee.parent or committee
    return {root.pk, *root.subcommittees.values_list("pk", flat=True)}
