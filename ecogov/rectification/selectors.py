"""Rectification reads, through ``for_user``: the ledger (page, API and export share
one FilterSet), the items an inspection opened (its related panel) and the
open deadlines (the one due page)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext as _

from ecogov.core import contrib
from ecogov.core.api_utils import get_for_user
from ecogov.core.permissions import role_allows

from .choices import RectificationStatus
from .filters import RectificationItemFilterSet
from .models import RectificationItem


def items_for(user):
    return RectificationItem.objects.for_user(user).select_related("supervised_object", "source_inspection")


def item_filterset(user, params=None) -> RectificationItemFilterSet:
    return RectificationItemFilterSet(params or None, queryset=items_for(user))


def item_get(*, user, pk, action: str = "view") -> RectificationItem:
    """One item inside ``user``'s scope, else ``NotFound``."""
    return get_for_user(RectificationItem, user, action, pk=pk)


def may_close(user) -> bool:
    return bool(user.is_superuser or role_allows(getattr(user, "role", ""), "change", RectificationItem))


def _inspection_model():
    return RectificationItem._meta.get_field("source_inspection").related_model


def related_panels(user, obj) -> list[dict]:
    """On an inspection's page: the rectification items it opened (in ``user``'s scope)."""
    if not isinstance(obj, _inspection_model()):
        return []
    url = reverse("rectification:item_list")
    items = [{"url": f"{url}?inspection={obj.pk}", "label": item.problem,
              "note": f"{item.deadline} · {item.status_label}"}
             for item in items_for(user).filter(source_inspection=obj)]
    return [{"title": _("Rectification items"), "items": items}]


def due(user, *, today: dt.date, horizon_days: int) -> Iterator[contrib.Deadline]:
    """Open items overdue or due within ``horizon_days`` (a clock source)."""
    until = today + dt.timedelta(days=horizon_days)
    url = reverse("rectification:item_list")
    rows = items_for(user).exclude(status=RectificationStatus.DONE).filter(deadline__lte=until)
    for item in rows.order_by("deadline", "pk"):
        yield contrib.Deadline(kind="rectification", label=f"{item.supervised_object.name}：{item.problem}",
                               due=item.deadline, url=f"{url}?inspection={item.source_inspection_id}",
                               owner=item.supervised_object.name, note=item.status_label)
