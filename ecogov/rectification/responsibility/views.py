"""Pages of the responsibility system: the lists (filters, .xlsx export), a unit's page
(its duties next to its open items), the committees with members, meetings and decisions."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ecogov.core.pages import ListPage, action
from ecogov.core.permissions import role_allows

from . import selectors, services
from .models import Committee, Meeting


class DecisionForm(forms.Form):
    meeting = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(label=gettext_lazy("Decision"), widget=forms.Textarea(attrs={"rows": 2}))
    member = forms.IntegerField(label=gettext_lazy("Member unit responsible"), required=False)
    deadline = forms.DateField(label=gettext_lazy("Open a ledger item due on"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))


DUTIES = ListPage(
    filterset=selectors.DutyFilterSet, columns=selectors.DUTY_COLUMNS, queryset=selectors.duties_for,
    title=gettext_lazy("Responsibility lists"), filename="responsibility-lists",
    template="rectification/duty_list.html",
)


@login_required
def duty_list(request):
    return DUTIES.response(request, extra={"link": None})


@login_required
def unit_page(request, code: str):
    return render(request, "rectification/unit.html", selectors.unit(request.user, code))


@login_required
def committee_list(request):
    return render(request, "rectification/committees.html", {"committees": selectors.committees(request.user)})


@login_required
def committee_detail(request, pk: int):
    committee = selectors.committee_get(request.user, pk)
    user = request.user
    may = user.is_superuser or role_allows(getattr(user, "role", ""), "manage", Committee)
    return render(request, "rectification/committee_detail.html", {
        "committee": committee, "members": committee.members.select_related("department", "jurisdiction"),
        "subcommittees": committee.subcommittees.all(),
        "meetings": committee.meetings.prefetch_related("decisions"), "may_manage": may})


@login_required
@require_POST
def decision_add(request, pk: int):
    committee = selectors.committee_get(request.user, pk)
    back = reverse("rectification:committee_detail", args=[committee.pk])
    form = DecisionForm(request.POST)

    def call():
        if not form.is_valid():
            raise ValueError(form.errors.as_text())
        d = form.cleaned_data
        meeting = Meeting.objects.for_user(request.user).filter(pk=d["meeting"], committee=committee).first()
        member = committee.members.filter(pk=d["member"]).first() if d.get("member") else None
        if meeting is None:
            raise ValueError(_("Unknown meeting."))
        return services.decision_record(meeting=meeting, text=d["text"], member=member, actor=request.user,
                                        item={"deadline": d["deadline"]} if d.get("deadline") else None)

    return action(request, call, then=back, done=_("Decision recorded."))
