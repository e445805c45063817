"""The ledger's report pages: red and summons lists, the weekly dispatch (周调度),
the monthly bulletin (.docx) and the public disclosure on the portal (整改公示)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ecogov.core.params import date_param

from . import bulletin as doc
from . import selectors

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _day(request, name: str = "date") -> dt.date:
    return date_param(request.GET.get(name), timezone.localdate(), name=name)


@login_required
def red_list(request):
    return render(request, "rectification/red_list.html", {
        "red": selectors.red_list(request.user), "summons": selectors.summons_list(request.user),
        "behind": selectors.behind_list(request.user).order_by("deadline")[:200]})


@login_required
def weekly(request):
    return render(request, "rectification/weekly.html", selectors.weekly(request.user, day=_day(request)))


@login_required
def bulletin(request):
    day = _day(request, "month")
    start = day.replace(day=1)
    data = doc.build(month=day, overview=selectors.overview(request.user),
                     behind=list(selectors.behind_list(request.user).order_by("deadline")[:200]),
                     red=list(selectors.red_list(request.user, start=start, end=day)))
    resp = HttpResponse(data, content_type=DOCX)
    resp["Content-Disposition"] = f'attachment; filename="rectification-bulletin-{day:%Y%m}.docx"'
    return resp


def public_index(request):
    """Each public batch's progress; the items in public notice (with how to object) and those closed."""
    items = selectors.public_items()
    return render(request, "rectification/public_index.html", {
        "batches": selectors.public_batches(), "notice": items.filter(state="publicised").order_by("publicity_until"),
        "closed": items.filter(state="closed").order_by("-closed_date")[:200]})
