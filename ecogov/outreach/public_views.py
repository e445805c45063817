"""Public open-day pages (no login): the upcoming open days and registration."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from ecogov.complaints.ratelimit import check_rate
from ecogov.core.errors import DomainError

from . import selectors, services


def public_list(request):
    return render(request, "outreach/openday_public.html", {"rows": selectors.public_upcoming()})


def public_register(request, pk: int):
    event = selectors.public_event(pk)
    if event is None:
        raise Http404
    error, reg = "", None
    if request.method == "POST":
        try:
            check_rate(request, "register")
            reg = services.registration_create(event=event, name=request.POST.get("name", ""),
                                               phone=request.POST.get("phone", ""),
                                               party_size=int(request.POST.get("party_size") or 1))
        except (DomainError, ValueError) as exc:
            error = getattr(exc, "message", str(exc))
    return render(request, "outreach/openday_register.html",
                  {"event": event, "left": selectors.places_left(event), "error": error, "reg": reg},
                  status=422 if error else 200)
