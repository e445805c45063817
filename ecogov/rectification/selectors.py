"""Rectification reads, through ``for_user``: the ledger (page, API and export share
one FilterSet), one item with its tree, the batch overview and summary (completion
rates per batch and per unit), the red and summons lists, the links to an item's
source (related panels on both sides) and the open deadlines (the one due page)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from ecogov.core import contrib
from ecogov.core.api_utils import get_for_user
from ecogov.core.attachments import attachments_of
from ecogov.core.permissions import role_allows

from . import progress as calc
from .choices import EscalationStep, ItemLevel, ItemState, PlanState, RectificationStatus
from .filters import RectificationItemFilterSet
from .models import Batch, Escalation, RectificationItem

RATE_FIELDS = ("state", "plan_state", "status", "closed_date", "deadline")
RELATED = ("supervised_object", "source_inspection", "jurisdiction", "department", "batch", "owner", "parent")


def items_for(user):
    return RectificationItem.objects.for_user(user).select_related(*RELATED)


def item_filterset(user, params=None) -> RectificationItemFilterSet:
    return RectificationItemFilterSet(params or None, queryset=items_for(user))


def item_get(*, user, pk, action: str = "view") -> RectificationItem:
    """One item inside ``user``'s scope, else ``NotFound``."""
    return get_for_user(RectificationItem, user, action, pk=pk)


def batches_for(user):
    return Batch.objects.for_user(user).select_related("jurisdiction")


def batch_get(*, user, pk=None, code=None) -> Batch:
    return get_for_user(Batch, user, "view", **({"pk": pk} if pk is not None else {"code": code}))


def may_close(user) -> bool:
    return bool(user.is_superuser or role_allows(getattr(user, "role", ""), "change", RectificationItem))


def may(user, action: str, model=RectificationItem) -> bool:
    return bool(user.is_superuser or role_allows(getattr(user, "role", ""), action, model))


def evidence(item: RectificationItem):
    return attachments_of(item)


def children(user, item: RectificationItem) -> list[tuple[RectificationItem, list[RectificationItem]]]:
    """The tasks of ``item`` with their sub-tasks (in ``user``'s scope)."""
    tasks = list(items_for(user).filter(parent=item).order_by("deadline", "pk"))
    subs: dict[int, list[RectificationItem]] = defaultdict(list)
    for s in items_for(user).filter(parent__in=tasks).order_by("deadline", "pk"):
        subs[s.parent_id].append(s)
    return [(t, subs[t.pk]) for t in tasks]


def source_of(item: RectificationItem) -> dict | None:
    """What the item came from, as a label and a link (when the object has a page)."""
    obj = item.source if item.source_type_id else item.source_inspection
    if obj is None:
        return None
    url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else _detail_url(obj)
    return {"label": str(obj), "kind": str(obj._meta.verbose_name), "url": url}


def _detail_url(obj) -> str:
    meta = obj._meta
    for name in (f"{meta.app_label}:{meta.model_name}_detail",
                 f"{meta.app_label}:{meta.model_name.replace('supervised', '')}_detail"):
        try:
            return reverse(name, args=[obj.pk])
        except NoReverseMatch:
            continue
    return ""


# ----------------------------------------------------------------------------- rates


def _rates(rows) -> dict:
    received = len(rows)
    closed = sum(1 for r in rows if r["state"] == ItemState.CLOSED)
    on_time = sum(1 for r in rows if r["state"] == ItemState.CLOSED and r.get("closed_date")
                  and r["closed_date"] <= r["deadline"])
    return {"received": received, "closed": closed, "rate": calc.rate(closed, received), "on_time": on_time,
            "behind": sum(1 for r in rows if r["plan_state"] == PlanState.BEHIND),
            "overdue": sum(1 for r in rows if r["status"] == RectificationStatus.OVERDUE)}


def _problems(user, batch: Batch | None = None):
    qs = RectificationItem.objects.for_user(user).filter(level=ItemLevel.PROBLEM)
    return qs.filter(batch=batch) if batch is not None else qs


def summary(user, batch: Batch | None = None) -> dict:
    """``{"received", "closed", "rate", "behind", "overdue"}`` of the problems (of ``batch``) in scope."""
    return _rates(list(_problems(user, batch).values(*RATE_FIELDS)))


def _as_of(qs, day: dt.date) -> list[dict]:
    """The problems assigned by ``day`` (else their batch received by then), closed only if closed by then."""
    qs = qs.filter(Q(assigned_date__lte=day) | Q(assigned_date__isnull=True, batch__received_date__lte=day))
    rows = list(qs.values("batch_id", *RATE_FIELDS, "jurisdiction__name", "department__name"))
    for r in rows:
        if r["state"] == ItemState.CLOSED and not (r["closed_date"] and r["closed_date"] <= day):
            r["state"] = ItemState.RECTIFYING
    return rows


def overview(user, jurisdiction=None, *, as_of: dt.date | None = None) -> list[dict]:
    """Per batch: its rates, and its rates per responsible unit (45 of 48 = 93.8 %), inside ``jurisdiction``;
    with ``as_of``, of the problems on the ledger on that day as they stood then (``behind`` stays today's)."""
    qs = _problems(user).within(jurisdiction).filter(batch__isnull=False)
    rows = _as_of(qs, as_of) if as_of else list(qs.values(
        "batch_id", *RATE_FIELDS, "jurisdiction__name", "department__name"))
    by_batch: dict[int, list] = defaultdict(list)
    for r in rows:
        by_batch[r["batch_id"]].append(r)
    out = []
    for batch in batches_for(user).filter(pk__in=by_batch):
        units: dict[str, list] = defaultdict(list)
        for r in by_batch[batch.pk]:
            units[r["department__name"] or r["jurisdiction__name"] or "—"].append(r)
        out.append({"batch": batch, **_rates(by_batch[batch.pk]),
                    "units": [{"unit": u, **_rates(rs)} for u, rs in sorted(units.items())]})
    return out


def listed(user, step: str, *, start: dt.date | None = None, end: dt.date | None = None):
    """Items that reached ``step`` of the ladder (between ``start`` and ``end``), still open or not."""
    qs = Escalation.objects.for_user(user).filter(step=step).select_related("item", "item__jurisdiction",
                                                                               "item__batch")
    if start:
        qs = qs.filter(date__gte=start)
    if end:
        qs = qs.filter(date__lte=end)
    return qs.order_by("item__jurisdiction__name", "item__deadline")


def red_list(user, **kw):
    return listed(user, EscalationStep.RED_LIST, **kw)


def summons_list(user, **kw):
    return listed(user, EscalationStep.SUMMONS, **kw)


def behind_list(user):
    return items_for(user).filter(plan_state=PlanState.BEHIND).exclude(state=ItemState.CLOSED)


def weekly(user, *, day: dt.date) -> dict:
    """The weekly dispatch (周调度): reports of the week ending ``day``, what is behind, by unit."""
    start = day - dt.timedelta(days=6)
    from .models import ProgressReport

    reports = ProgressReport.objects.for_user(user).filter(date__range=(start, day)).select_related(
        "item", "item__jurisdiction")
    units = (items_for(user).exclude(state=ItemState.CLOSED).values("jurisdiction__name")
             .annotate(open=Count("pk"), behind=Count("pk", filter=Q(plan_state=PlanState.BEHIND)),
                       overdue=Count("pk", filter=Q(status=RectificationStatus.OVERDUE)))
             .order_by("-behind", "jurisdiction__name"))
    return {"start": start, "end": day, "reports": list(reports[:200]), "units": list(units),
            "behind": list(behind_list(user).order_by("deadline")[:100])}


def patrols_for(user) -> list[tuple]:
    """Patrols in scope, newest first, each with the items it raised."""
    from .models import Patrol

    rows = list(Patrol.objects.for_user(user).select_related("jurisdiction", "patroller")[:100])
    ct = ContentType.objects.get_for_model(Patrol)
    raised: dict[str, list] = defaultdict(list)
    for item in items_for(user).filter(source_type=ct, source_id__in=[str(p.pk) for p in rows]):
        raised[item.source_id].append(item)
    return [(p, raised[str(p.pk)]) for p in rows]


# ----------------------------------------------------------------------------- public


def public_batches() -> list[dict]:
    """Each public batch's progress, for the portal (anonymous read path)."""
    anon = AnonymousUser()
    rows = list(RectificationItem.objects.filter(batch__public=True, level=ItemLevel.PROBLEM).values(
        "batch_id", *RATE_FIELDS))
    by_batch: dict[int, list] = defaultdict(list)
    for r in rows:
        by_batch[r["batch_id"]].append(r)
    return [{"batch": b, **_rates(by_batch[b.pk])} for b in Batch.objects.for_user(anon)]


def public_items(batch: Batch | None = None):
    """Items in public notice or closed, without personal data (the portal picks the fields)."""
    qs = RectificationItem.objects.for_user(AnonymousUser()).select_related("batch", "jurisdiction", "department")
    return qs.filter(batch=batch) if batch is not None else qs


# ----------------------------------------------------------------------------- contributions


def _inspection_model():
    return RectificationItem._meta.get_field("source_inspection").related_model


def related_panels(user, obj) -> list[dict]:
    """On the page of an item's source (an inspection, a complaint, a case, an object...): its items."""
    if isinstance(obj, RectificationItem) or obj.pk is None:
        return []
    detail = "rectification:item_detail"
    if isinstance(obj, _inspection_model()):
        rows = list(items_for(user).filter(source_inspection=obj))
        head = [{"url": f"{reverse('rectification:item_list')}?inspection={obj.pk}",
                 "label": _("All items of this inspection"), "note": str(len(rows))}] if rows else []
    else:
        ct = ContentType.objects.get_for_model(type(obj))
        rows, head = list(items_for(user).filter(source_type=ct, source_id=str(obj.pk))), []
    items = head + [{"url": reverse(detail, args=[i.pk]), "label": i.problem,
                     "note": f"{i.deadline} · {i.state_label} · {i.plan_label}"} for i in rows]
    return [{"title": _("Rectification items"), "items": items}]


def due(user, *, today: dt.date, horizon_days: int) -> Iterator[contrib.Deadline]:
    """Open items overdue or due within ``horizon_days`` (a clock source)."""
    until = today + dt.timedelta(days=horizon_days)
    url = reverse("rectification:item_list")
    rows = items_for(user).exclude(status=RectificationStatus.DONE).filter(deadline__lte=until)
    for item in rows.order_by("deadline", "pk"):
        owner = item.unit_label
        link = f"{url}?inspection={item.source_inspection_id}" if item.source_inspection_id else \
            reverse("rectification:item_detail", args=[item.pk])
        yield contrib.Deadline(kind="rectification", label=f"{owner}：{item.problem}", due=item.deadline,
                               url=link, owner=owner, note=item.status_label,
                               owner_ids=(item.owner_id,) if item.owner_id else ())
