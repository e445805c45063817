"""Staff pages of open days: the list of a year (search, pagination, export,
yearly counts), one open day with its registrations and attendance, a new open day."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ecogov.core.api_utils import get_for_user
from ecogov.core.errors import DomainError, NotFound, PermissionRefused
from ecogov.core.excel import export_xlsx
from ecogov.core.params import year_param
from ecogov.core.permissions import require

from . import selectors, services
from .forms import EventForm
from .models import OpenDayEvent
from .tables import COLUMNS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require(user, action: str) -> None:
    """A refused permission answers 403 (``PermissionDenied``)."""
    try:
        require(user, action, OpenDayEvent)
    except PermissionRefused as exc:
        raise PermissionDenied(str(exc)) from exc


def _event(request, pk: int, action: str) -> OpenDayEvent:
    try:
        return get_for_user(OpenDayEvent, request.user, action, pk=pk)
    except NotFound as exc:
        raise Http404 from exc


@login_required
def openday_list(request):
    _require(request.user, "view")
    year = year_param(request.GET.get("year")) or timezone.localdate().year
    qs = selectors.event_list(request.user, year=year, q=request.GET.get("q", ""))
    if request.GET.get("export") == "xlsx":
        resp = HttpResponse(export_xlsx(COLUMNS, qs, "open-days"), content_type=XLSX)
        resp["Content-Disposition"] = f'attachment; filename="open-days-{year}.xlsx"'
        return resp
    return render(request, "outreach/openday_list.html", {
        "columns": COLUMNS, "page_obj": Paginator(qs, 50).get_page(request.GET.get("page")), "year": year,
        "counts": selectors.yearly_counts(selectors.events_for(request.user), year),
    })


@login_required
def openday_detail(request, pk: int):
    event = _event(request, pk, "view")
    return render(request, "outreach/openday_detail.html", {
        "event": event, "rows": selectors.registrations_view(event, request.user),
        "left": selectors.places_left(event),
    })


@login_required
@require_POST
def openday_attendance(request, pk: int):
    event = _event(request, pk, "change")
    attended = {int(k[4:]): int(v or 0) for k, v in request.POST.items() if k.startswith("reg-") and k[4:].isdigit()}
    try:
        services.attendance_record(event=event, attended=attended, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("outreach:openday_detail", pk=pk)


@login_required
def event_create(request):
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            e = services.event_create(actor=request.user, **form.cleaned_data)
            return redirect("outreach:openday_detail", pk=e.pk)
        except DomainError as exc:
            form.add_error(None, exc.message)
    _require(request.user, "add")
    return render(request, "outreach/event_form.html", {"form": form})
