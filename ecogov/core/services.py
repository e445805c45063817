"""Core writes: the bureau's own changes to the working-day calendar (``core.clock``)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from .audit import audit_record, snapshot
from .models import Holiday
from .permissions import require


@transaction.atomic
def holiday_set(*, date: dt.date, workday: bool, name: str, actor, source: str = "") -> Holiday:
    """Make ``date`` a day off (``workday`` False) or a working day, overriding the notices."""
    require(actor, "manage", Holiday)
    row = Holiday.objects.select_for_update().filter(date=date).first()
    before = snapshot(row, ["workday", "name", "source"]) if row else {}
    row = row or Holiday(date=date)
    row.workday, row.name, row.source = workday, name.strip(), source.strip() or "本局调整"
    row.full_clean()
    row.save()
    after = snapshot(row, ["workday", "name", "source"])
    changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    audit_record(actor=actor, obj=row, event="update" if before else "create", changes=changes)
    return row


@transaction.atomic
def holiday_remove(*, date: dt.date, actor) -> bool:
    """Drop the bureau's change for ``date`` (the notice applies again); False when there was none."""
    require(actor, "manage", Holiday)
    row = Holiday.objects.select_for_update().filter(date=date).first()
    if row is None:
        return False
    audit_record(actor=actor, obj=row, event="delete", changes={"workday": [row.workday, None], "name": [row.name, None]})
    row.delete()
    return True
