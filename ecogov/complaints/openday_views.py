"""Open-day pages: public list and registration; staff list with attendance and yearly counts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ecogov.core.errors import DomainError
from ecogov.core.excel import Column, export_xlsx
from ecogov.core.params import year_param

from . import opendays
from .models import OpenDayEvent
from .perms import require_page as require
from .ratelimit import check_rate
from .views import XLSX, _load, _run

COLUMNS = [
    Column("date", "日期", "Date"),
    Column("facility", "设施", "Facility", get=lambda e: e.facility.name),
    Column("title", "主题", "Title"),
    Column("capacity", "名额", "Capacity"),
    Column("registered", "报名人数", "Registered", get=lambda e: e.registered or 0),
    Column("came", "实到人数", "Attended", get=lambda e: e.came or 0),
]


def public_list(request):
    today = timezone.localdate()
    events = OpenDayEvent.objects.for_user(None).select_related("facility").filter(
        date__gte=today, registration_open=True).order_by("date")[:50]
    rows = [(e, opendays.places_left(e)) for e in events]
    return render(request, "complaints/openday_public.html", {"rows": rows})


def public_register(request, pk: int):
    event = OpenDayEvent.objects.for_user(None).select_related("facility").filter(pk=pk).first()
    if event is None:
        raise Http404
    error, reg = "", None
    if request.method == "POST":
        try:
            check_rate(request, "register")
            reg = opendays.registration_create(event=event, name=request.POST.get("name", ""),
                                               phone=request.POST.get("phone", ""),
                                               party_size=int(request.POST.get("party_size") or 1))
        except (DomainError, ValueError) as exc:
            error = getattr(exc, "message", str(exc))
    return render(request, "complaints/openday_register.html",
                  {"event": event, "left": opendays.places_left(event), "error": error, "reg": reg},
                  status=422 if error else 200)


@login_required
def openday_list(request):
    from django.db.models import Sum

    require(request.user, "view", OpenDayEvent)
    year = year_param(request.GET.get("year")) or timezone.localdate().year
    scope = OpenDayEvent.objects.for_user(request.user)
    qs = scope.filter(date__year=year).select_related("facility").annotate(
        registered=Sum("registrations__party_size"), came=Sum("registrations__attended")).order_by("-date")
    if request.GET.get("q"):
        qs = qs.filter(title__icontains=request.GET["q"])
    if request.GET.get("export") == "xlsx":
        resp = HttpResponse(export_xlsx(COLUMNS, qs, "open-days"), content_type=XLSX)
        resp["Content-Disposition"] = f'attachment; filename="open-days-{year}.xlsx"'
        return resp
    return render(request, "complaints/openday_list.html", {
        "columns": COLUMNS, "page_obj": Paginator(qs, 50).get_page(request.GET.get("page")), "year": year,
        "counts": opendays.yearly_counts(scope, year),
    })


@login_required
def openday_detail(request, pk: int):
    from ecogov.core.privacy import mask_name, mask_phone

    from .crypto import may_see_personal_data

    event = _load(request, pk, "view", model=OpenDayEvent)
    full = may_see_personal_data(request.user)
    rows = [{"reg": r, "name": r.name if full else mask_name(r.name), "phone": r.phone if full else mask_phone(r.phone)}
            for r in event.registrations.all()]
    return render(request, "complaints/openday_detail.html",
                  {"event": event, "rows": rows, "left": opendays.places_left(event)})


@login_required
@require_POST
def openday_attendance(request, pk: int):
    event = _load(request, pk, "change", model=OpenDayEvent)
    attended = {int(k[4:]): int(v or 0) for k, v in request.POST.items() if k.startswith("reg-") and k[4:].isdigit()}
    _run(request, lambda: opendays.attendance_record(event=event, attended=attended, actor=request.user))
    return redirect("complaints:openday_detail", pk=pk)
