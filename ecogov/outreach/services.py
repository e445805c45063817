"""Open-day writes: scheduling an open day, public registration (name and
phone encrypted, refused when closed or full), the attendance record and the
audited reveal of the registrants in full."""

from __future__ import annotations

import re
import secrets

from django.db import transaction

from ecogov.complaints.crypto import create_audited_private
from ecogov.core.audit import audit_record, create_audited
from ecogov.core.errors import PermissionRefused, ValidationFailed, field_error
from ecogov.core.permissions import require, require_object

from .models import Facility, OpenDayEvent, OpenDayRegistration
from .selectors import may_reveal, places_left

MAX_PARTY = 5
PHONE_RE = re.compile(r"^[0-9+\- ]{7,20}$")
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


@transaction.atomic
def event_create(*, facility: Facility, date, title: str, capacity: int, actor) -> OpenDayEvent:
    """Schedule an open day at a facility in ``actor``'s scope."""
    require_object(actor, facility, "view")
    require(actor, "add", OpenDayEvent)
    if int(capacity) < 1:
        raise field_error("capacity", "名额至少为1", "Capacity must be at least 1")
    return create_audited(actor=actor, obj=OpenDayEvent(facility=facility, date=date, title=title.strip(),
                                                        capacity=int(capacity)))


def _check_registrant(name: str, phone: str, party_size) -> None:
    if not name:
        raise field_error("name", "请填写姓名", "Give your name")
    if not PHONE_RE.match(phone):
        raise field_error("phone", "请填写有效的联系电话", "Give a valid phone number")
    if not 1 <= int(party_size) <= MAX_PARTY:
        raise field_error("party_size", f"每次报名 1 至 {MAX_PARTY} 人", f"1 to {MAX_PARTY} people per registration")


@transaction.atomic
def registration_create(*, event: OpenDayEvent, name: str, phone: str, party_size: int = 1) -> OpenDayRegistration:
    """A public registration; refused when the event is closed or full."""
    event = OpenDayEvent.objects.select_for_update().get(pk=event.pk)
    if not event.registration_open or event.held:
        raise ValidationFailed("registration_closed", "该开放日已停止报名", "Registration for this open day is closed")
    name, phone = (name or "").strip(), (phone or "").strip()
    _check_registrant(name, phone, party_size)
    left = places_left(event)
    if int(party_size) > left:
        raise ValidationFailed("event_full", f"名额不足，剩余 {left} 个", f"Not enough places: {left} left",
                               detail={"left": left})
    reg = OpenDayRegistration(event=event, name=name, phone=phone, party_size=int(party_size),
                              code="".join(secrets.choice(CODE_ALPHABET) for _ in range(8)))
    return create_audited_private(actor=None, obj=reg)


@transaction.atomic
def attendance_record(*, event: OpenDayEvent, attended: dict[int, int], actor) -> OpenDayEvent:
    """Record how many came per registration (``{registration_id: people}``) and mark the event held."""
    require_object(actor, event, "change")
    for reg in event.registrations.select_for_update():
        if reg.pk in attended:
            n = int(attended[reg.pk])
            if not 0 <= n <= reg.party_size:
                raise field_error("attended", f"{reg.code}：实到人数应在 0 至 {reg.party_size} 之间",
                                  f"{reg.code}: attendance must be 0 to {reg.party_size}")
            reg.attended = n
            reg.save(update_fields=["attended"])
    event.held, event.registration_open = True, False
    event.save(update_fields=["held", "registration_open"])
    audit_record(actor=actor, obj=event, event="action", note=f"到场 {sum(int(v) for v in attended.values())} 人")
    return event


@transaction.atomic
def registrations_reveal(*, event: OpenDayEvent, reason: str, actor) -> OpenDayEvent:
    """Allow one full view of ``event``'s registrants (names and phones) for a role with the permission,
    recording who, when and why; lists and exports otherwise show them masked."""
    require_object(actor, event, "view")
    if not may_reveal(actor):
        raise PermissionRefused({"action": "reveal_personal_data"})
    reason = (reason or "").strip()
    if not reason:
        raise field_error("reason", "请说明查看报名人完整信息的理由", "Give the reason for seeing the registrants in full")
    audit_record(actor=actor, obj=event, event="action", note=f"查看报名人完整信息：{reason[:200]}",
                 changes={"registrants_revealed": [None, True]})
    return event
