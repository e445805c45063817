"""Staff pages of open days: the list of a year (core's page kit: filters, pagination, export,
with the yearly counts), one open day with its registrations and attendance, a new open day.
Every POST goes through ``core.pages.action`` or ``form_action``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecogov.core.api_utils import get_for_user
from ecogov.core.errors import NotFound, PermissionRefused
from ecogov.core.pages import action, form_action
from ecogov.core.params import year_param
from ecogov.core.permissions import require

from . import selectors, services
from .forms import EventForm, attendance_data
from .models import OpenDayEvent


def _require(user, action_name: str) -> None:
    """A refused permission answers 403 (``PermissionDenied``)."""
    try:
        require(user, action_name, OpenDayEvent)
    except PermissionRefused as exc:
        raise PermissionDenied(str(exc)) from exc


def _event(request, pk: int, action_name: str) -> OpenDayEvent:
    try:
        return get_for_user(OpenDayEvent, request.user, action_name, pk=pk)
    except NotFound as exc:
        raise Http404 from exc


def _detail_url(event) -> str:
    return reverse("outreach:openday_detail", args=[event.pk])


@login_required
def openday_list(request):
    """The open days of a year (this year unless ``year`` is given), with the year's counts."""
    _require(request.user, "view")
    year = year_param(request.GET.get("year")) or timezone.localdate().year  # junk: 422
    params = request.GET.copy()
    params["year"] = str(year)
    counts = selectors.yearly_counts(selectors.events_for(request.user), year)
    return selectors.OPEN_DAYS.response(request, params=params, extra={"year": year, "counts": counts, "link_column": 1})


REVEAL_SECONDS = 300


def _revealed(request, event) -> bool:
    """True once, on the page view right after this user's audited reveal (within five minutes)."""
    shown = dict(request.session.get("outreach_revealed", {}))
    at = shown.pop(str(event.pk), None)
    if at is None:
        return False
    request.session["outreach_revealed"] = shown
    return timezone.now().timestamp() - at <= REVEAL_SECONDS


@login_required
def openday_detail(request, pk: int):
    event = _event(request, pk, "view")
    revealed = _revealed(request, event)
    return render(request, "outreach/openday_detail.html", {
        "event": event, "rows": selectors.registrations_view(event, request.user, revealed=revealed),
        "left": selectors.places_left(event), "can_reveal": selectors.may_reveal(request.user) and not revealed,
    })


@login_required
@require_POST
def registrations_reveal(request, pk: int):
    """Show the registrants in full once (roles with the permission; a reason; audited)."""
    event = _event(request, pk, "view")

    def reveal():
        services.registrations_reveal(event=event, reason=request.POST.get("reason", "")[:200], actor=request.user)
        shown = request.session.get("outreach_revealed", {})
        request.session["outreach_revealed"] = {**shown, str(event.pk): timezone.now().timestamp()}

    return action(request, reveal, then=_detail_url(event),
                  done=_("The registrants are shown in full; this view is recorded."))


@login_required
@require_POST
def openday_attendance(request, pk: int):
    event = _event(request, pk, "change")
    return action(request, lambda: services.attendance_record(
        event=event, attended=attendance_data(request.POST), actor=request.user), then=_detail_url(event))


@login_required
def event_create(request):
    _require(request.user, "add")
    form = EventForm(request.POST or None, user=request.user)
    return form_action(request, form, lambda data: services.event_create(actor=request.user, **data),
                       then=_detail_url, template="outreach/event_form.html")
