"""Outreach's briefing section (公众参与): open days of environmental facilities held and
the visitors who came, in the year to date."""

from __future__ import annotations

import datetime as dt

from django.db.models import Sum
from django.urls import reverse

from ecogov.core import briefing as b

from . import selectors

TITLE = "环保设施公众开放"


def build(user, *, jurisdiction, start: dt.date, end: dt.date) -> dict:
    year_start = start.replace(month=1, day=1)
    held = selectors.events_for(user).within(jurisdiction).filter(date__range=(year_start, end), held=True)
    events = held.count()
    if not events:
        return b.no_data(TITLE)
    visitors = held.aggregate(n=Sum("registrations__attended"))["n"] or 0
    facilities = held.values("facility").distinct().count()
    url = reverse("outreach:openday_list") + f"?year={end.year}"
    span = f"{year_start:%Y-%m-%d}~{end:%Y-%m-%d}"
    figures = {
        "facilities": b.figure(facilities, label="开放设施", unit="个", url=url, rows=facilities,
                               rule=f"facilities with an open day held {span}"),
        "events": b.figure(events, label="开放次数", unit="次", url=url, rows=events,
                           rule=f"open days held {span}"),
        "visitors": b.figure(visitors, label="接待人数", unit="人次", url=url,
                             rule="people who came to those open days (attendance recorded)"),
    }
    months = f"1-{end.month}月" if end.month > 1 else "1月"
    paragraphs = [f"实施环保设施公众开放制度，协调{{facilities}}个环保设施向公众开放。{months}，累计向公众开放{{events}}次、"
                  "接待人数{visitors}人次。"]
    return b.section(TITLE, paragraphs=paragraphs, figures=figures, as_of=f"{end}T23:59:59")
