"""What the ledger offers other apps through core's points: the map layer of open items
by progress against plan, the assessment indicator (on-schedule close-out rate) and the
briefing section (completion by batch, behind-schedule and red-list counts)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F
from django.urls import reverse

from ecogov.core import briefing
from ecogov.core.contrib import IndicatorValue

from . import progress as calc
from . import selectors
from .choices import EscalationStep, ItemLevel, ItemState, PlanState

COLOURS = {"red": "#d62728", "blue": "#1f77b4", "teal": "#17becf", "green": "#2ca02c", "gray": "#7f7f7f",
           "orange": "#ff7f0e", "purple": "#9467bd"}


def _point(item) -> tuple[float, float] | None:
    so = item.supervised_object
    if so is not None and so.lon is not None and so.lat is not None:
        return so.lon, so.lat
    j = item.jurisdiction
    if j is not None and j.centroid_lon is not None:
        return j.centroid_lon, j.centroid_lat
    return None


def open_items_layer(user, *, progress: str = "", **params) -> dict[str, Any]:
    """GeoJSON of the open problems (at the enterprise, else the centroid of the area), by plan state."""
    qs = selectors.items_for(user).filter(level=ItemLevel.PROBLEM).exclude(state=ItemState.CLOSED)
    if progress:
        qs = qs.filter(plan_state=progress)
    features = []
    for item in qs[:5000]:
        where = _point(item)
        if where is None:
            continue
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": list(where)},
                         "properties": {"id": item.pk, "name": item.problem[:60], "unit": item.unit_label,
                                        "state": item.plan_state, "state_label": item.plan_label,
                                        "colour": COLOURS.get(PlanState.colour(item.plan_state), "#7f7f7f"),
                                        "deadline": item.deadline.isoformat(),
                                        "url": reverse("rectification:item_detail", args=[item.pk])}})
    return {"type": "FeatureCollection", "features": features}


def _due_in(user, jurisdiction, start: dt.date, end: dt.date):
    from .models import RectificationItem

    return (RectificationItem.objects.for_user(user).within(jurisdiction)
            .filter(level=ItemLevel.PROBLEM, deadline__range=(start, end)))


def on_schedule_rate(user, *, jurisdiction, start: dt.date, end: dt.date) -> IndicatorValue:
    """Share (%) of the problems due in the period that were closed by their deadline."""
    due = _due_in(user, jurisdiction, start, end)
    total = due.count()
    on_time = due.filter(state=ItemState.CLOSED, closed_date__lte=F("deadline")).count()
    return IndicatorValue(calc.rate(on_time, total), coverage=1.0 if total else 0.0,
                          detail={"due": total, "closed_on_time": on_time})


def briefing_section(user, *, jurisdiction, start: dt.date, end: dt.date) -> dict:
    """Completion of the ledger's batches, the problems behind schedule and the red list of the period."""
    title = "突出生态环境问题整改"
    rows = selectors.overview(user, jurisdiction, as_of=end)
    if not rows:
        return briefing.no_data(title, "本期无整改台账数据")
    received, closed = sum(o["received"] for o in rows), sum(o["closed"] for o in rows)
    behind = sum(o["behind"] for o in rows)
    red = selectors.red_list(user, start=start, end=end).filter(
        item__jurisdiction__path__startswith=jurisdiction.path if jurisdiction else "").count()
    url = reverse("rectification:batch_list")
    figures = {
        "received": briefing.figure(received, label="交办问题", unit="个", url=url,
                                    rule="problems of every batch assigned by the period's end"),
        "closed": briefing.figure(closed, label="已销号", unit="个", url=url,
                                  rule="of those, problems closed (销号) by the period's end"),
        "rate": briefing.figure(calc.rate(closed, received), label="整改完成率", unit="%", url=url, digits=1,
                                rule="closed / received, half up to 0.1"),
        "behind": briefing.figure(behind, label="滞后序时进度", unit="个", url=reverse("rectification:red_list"),
                                  rule="open problems behind their milestones (the latest daily run)"),
        "red": briefing.figure(red, label="列入通报", unit="个", url=reverse("rectification:red_list"),
                               rule=f"{EscalationStep.RED_LIST} steps taken in the period"),
    }
    table = briefing.table("各批次整改完成情况", ["批次", "交办", "销号", "完成率（%）"],
                           [[o["batch"].title, o["received"], o["closed"], o["rate"]] for o in rows], url=url)
    return briefing.section(title, paragraphs=[
        "纳入整改台账的问题{received}个，已销号{closed}个，整改完成率{rate}%；滞后序时进度{behind}个，本期列入通报{red}个。"],
        figures=figures, tables=[table], as_of=end, coverage=1.0)


def home_cards(user) -> list[dict]:
    """Open problems, those behind schedule and those on the red list, in ``user``'s scope."""
    if not user.is_authenticated or user.role == "enterprise":
        return []
    from django.utils.translation import gettext as _

    totals = selectors.summary(user)
    red = selectors.red_list(user).exclude(item__state=ItemState.CLOSED).count()
    return [
        {"label": _("Open rectification problems"), "value": totals["received"] - totals["closed"],
         "url": reverse("rectification:item_list"), "note": _("%(n)s behind schedule") % {"n": totals["behind"]}},
        {"label": _("On the red list"), "value": red, "url": reverse("rectification:red_list"), "note": ""},
    ]
