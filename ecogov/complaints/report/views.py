"""The monthly report page (tables, hotspot map) and its .docx download."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .. import selectors as complaint_selectors
from ..models import Complaint
from ..views import require_page
from .document import report_docx
from .selectors import monthly_report

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _period(request) -> tuple[int, int]:
    today = timezone.localdate()
    last = (today.replace(day=1) - timezone.timedelta(days=1))
    try:
        year = int(request.GET.get("year") or last.year)
        month = int(request.GET.get("month") or last.month)
    except ValueError:
        year, month = last.year, last.month
    return (year, month) if 1 <= month <= 12 and 2000 <= year <= 2100 else (last.year, last.month)


@login_required
def report_monthly(request):
    require_page(request.user, "view", Complaint)
    year, month = _period(request)
    rep = monthly_report(complaint_selectors.complaints_for(request.user), year, month)
    if request.GET.get("format") == "docx":
        require_page(request.user, "export", Complaint)
        resp = HttpResponse(report_docx(rep), content_type=DOCX)
        resp["Content-Disposition"] = f'attachment; filename="complaints-{year}-{month:02d}.docx"'
        return resp
    return render(request, "complaints/report_monthly.html", {
        "rep": rep, "map_data": {"cells": rep["hotspots"], "repeats": rep["repeats"]}, "months": range(1, 13),
    })
