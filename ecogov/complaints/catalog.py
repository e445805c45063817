"""Editing the category tree and scheduling open days (audited services)."""

from __future__ import annotations

from django.db import transaction

from ecogov.core.audit import create_audited, update_audited
from ecogov.core.errors import field_error
from ecogov.core.permissions import require, require_object

from .models import ComplaintCategory, OpenDayEvent

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


@transaction.atomic
def event_create(*, facility, date, title: str, capacity: int, actor) -> OpenDayEvent:
    require_object(actor, facility, "view")
    require(actor, "add", OpenDayEvent)
    if int(capacity) < 1:
        raise field_error("capacity", "名额至少为1", "Capacity must be at least 1")
    return create_audited(actor=actor, obj=OpenDayEvent(facility=facility, date=date, title=title.strip(),
                                                        capacity=int(capacity)))
