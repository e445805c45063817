"""Pages of the responsibility system: the lists (filters, .xlsx export), a unit's page
(its duties next to its open items), the committees with members, meetings and decisions."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ecogov.core.models import Department, Jurisdiction
from ecogov.core.pages import ListPage, action, form_action
from ecogov.core.permissions import role_allows

from . import selectors, services
from .models import Committee, Duty, DutyLevel, Meeting


class DecisionForm(forms.Form):
    meeting = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(label=gettext_lazy("Decision"), widget=forms.Textarea(attrs={"rows": 2}))
    member = forms.IntegerField(label=gettext_lazy("Member unit responsible"), required=False)
    deadline = forms.DateField(label=gettext_lazy("Open a ledger item due on"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))


class DutyForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    level = forms.ChoiceField(label=gettext_lazy("Level"), choices=DutyLevel.choices())
    jurisdiction = forms.ModelChoiceField(label=gettext_lazy("Unit area"), queryset=Jurisdiction.objects.none())
    department = forms.ModelChoiceField(label=gettext_lazy("Department"), queryset=Department.objects.none(),
                                        required=False)
    duty = forms.CharField(label=gettext_lazy("Duty"), widget=forms.Textarea(attrs={"rows": 2}))
    legal_basis = forms.CharField(label=gettext_lazy("Legal basis"), max_length=300, required=False)
    indicators = forms.CharField(label=gettext_lazy("Indicators"), max_length=300, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].queryset = Jurisdiction.objects.for_user(user).exclude(level="grid")
        self.fields["department"].queryset = Department.objects.for_user(user)


class MeetingForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    minutes = forms.CharField(label=gettext_lazy("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


DUTIES = ListPage(
    filterset=selectors.DutyFilterSet, columns=selectors.DUTY_COLUMNS, queryset=selectors.duties_for,
    title=gettext_lazy("Responsibility lists"), filename="responsibility-lists",
    template="rectification/duty_list.html",
)


@login_required
def duty_list(request):
    may_add = request.user.is_superuser or role_allows(getattr(request.user, "role", ""), "add", Duty)
    return DUTIES.response(request, extra={"form": DutyForm(user=request.user, initial={
        "year": timezone.localdate().year}) if may_add else None})


@login_required
def duty_add(request):
    form = DutyForm(request.POST or None, user=request.user)
    return form_action(request, form, lambda d: services.duty_create(data=d, actor=request.user),
                       then="rectification:duty_list", template="rectification/duty_form.html",
                       done=_("Duty added."))


@login_required
@require_POST
def meeting_add(request, pk: int):
    committee = selectors.committee_get(request.user, pk)
    form = MeetingForm(request.POST)

    def call():
        if not form.is_valid():
            raise ValueError(form.errors.as_text())
        return services.meeting_record(committee=committee, actor=request.user, **form.cleaned_data)

    return action(request, call, then=reverse("rectification:committee_detail", args=[committee.pk]),
                  done=_("Meeting recorded."))


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
        "meetings": committee.meetings.prefetch_related("decisions"), "may_manage": may, "meeting_form": MeetingForm()})


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
