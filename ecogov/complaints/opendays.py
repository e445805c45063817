"""Public opening of environmental facilities (环保设施公众开放): events with a
capacity, public registration (name and phone encrypted), attendance and the
yearly counts (open days held, visitors)."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.db.models import Sum

from ecogov.core.audit import audit_record
from ecogov.core.errors import ValidationFailed, field_error
from ecogov.core.permissions import require_object

from .crypto import create_audited_private
from .forms import PHONE_RE
from .models import OpenDayEvent, OpenDayRegistration
from .routing import CODE_ALPHABET

MAX_PARTY = 5


def places_left(event: OpenDayEvent) -> int:
    taken = event.registrations.aggregate(n=Sum("party_size"))["n"] or 0
    return max(0, event.capacity - taken)


@transaction.atomic
def registration_create(*, event: OpenDayEvent, name: str, phone: str, party_size: int = 1) -> OpenDayRegistration:
    """A public registration; refused when the event is closed or full."""
    event = OpenDayEvent.objects.select_for_update().get(pk=event.pk)
    if not event.registration_open or event.held:
        raise ValidationFailed("registration_closed", "该开放日已停止报名", "Registration for this open day is closed")
    name, phone = (name or "").strip(), (phone or "").strip()
    if not name:
        raise field_error("name", "请填写姓名", "Give your name")
    if not PHONE_RE.match(phone):
        raise field_error("phone", "请填写有效的联系电话", "Give a valid phone number")
    if not 1 <= int(party_size) <= MAX_PARTY:
        raise field_error("party_size", f"每次报名 1 至 {MAX_PARTY} 人", f"1 to {MAX_PARTY} people per registration")
    if int(party_size) > places_left(event):
        raise ValidationFailed("event_full", f"名额不足，剩余 {places_left(event)} 个",
                               f"Not enough places: {places_left(event)} left", detail={"left": places_left(event)})
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


def yearly_counts(events_qs, year: int) -> dict:
    """Open days held in ``year`` (distinct days with an event held) and visitors (people who came)."""
    held = events_qs.filter(date__year=year, held=True)
    visitors = OpenDayRegistration.objects.filter(event__in=held).aggregate(n=Sum("attended"))["n"] or 0
    return {"year": year, "events": held.count(), "open_days": held.values("date").distinct().count(),
            "visitors": visitors}
