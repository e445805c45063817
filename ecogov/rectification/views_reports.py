"""The ledger's report pages: daily patrols (日巡查), red and summons lists, the weekly dispatch (周调度),
the monthly bulletin (.docx) and the public disclosure on the portal (整改公示)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecogov.core.models import Jurisdiction
from ecogov.core.pages import form_action
from ecogov.core.params import date_param

from . import bulletin as doc
from . import selectors, services

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


class PatrolForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    area = forms.ModelChoiceField(label=gettext_lazy("Area patrolled"), queryset=Jurisdiction.objects.none())
    route = forms.CharField(label=gettext_lazy("Route"), max_length=200)
    problems = forms.CharField(label=gettext_lazy("Problems found (one per line)"), required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Jurisdiction.objects.for_user(user).filter(level__in=("district", "street"))


@login_required
def patrols(request):
    """Daily patrols (日巡查) in scope, and the form that records one and raises its problems."""
    form = PatrolForm(request.POST or None, user=request.user, initial={"date": timezone.localdate()})
    return form_action(request, form, lambda d: services.patrol_record(
        jurisdiction=d["area"], date=d["date"], route=d["route"], problems=d["problems"].splitlines(),
        actor=request.user), then="rectification:patrols", template="rectification/patrols.html",
        context={"patrols": selectors.patrols_for(request.user)[:100]}, done=_("Patrol recorded."))
