"""Rectification writes: items opened from an inspection's findings (a handler of
supervision's inspection outcomes) and their closure (销号)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from ecogov.core.audit import audit_record, create_audited, update_audited
from ecogov.core.errors import Conflict, ValidationFailed
from ecogov.core.permissions import require_object

from .choices import RectificationStatus
from .models import RectificationItem


@transaction.atomic
def rectification_open_from_inspection(outcome) -> list[RectificationItem]:
    """One open item per problem an inspection found, due on the inspection's rectification deadline.

    Registered for the "rectify" result of ``supervision.outcomes``; runs inside the inspection's
    transaction, whose service has checked the officers' right to inspect.
    """
    insp = outcome.inspection
    return [
        create_audited(actor=outcome.actor, obj=RectificationItem(
            supervised_object=insp.supervised_object, problem=text, deadline=outcome.rectify_deadline,
            source_inspection=insp))
        for text in outcome.problem_texts()
    ]


@transaction.atomic
def rectification_close(*, item: RectificationItem, closed_date: dt.date, actor) -> RectificationItem:
    """Close (销号) a rectified item; the closing is also noted in the source inspection's history."""
    require_object(actor, item, "change")
    if item.status == RectificationStatus.DONE:
        raise Conflict("already_closed", "该整改事项已销号", "Already closed")
    if closed_date < item.source_inspection.date:
        raise ValidationFailed("bad_date", "销号日期早于检查日期", "Closing date precedes the inspection")
    item = update_audited(actor=actor, obj=item, data={"status": RectificationStatus.DONE, "closed_date": closed_date})
    audit_record(actor=actor, obj=item.source_inspection, event="action", note=f"rectification {item.pk} closed")
    return item
