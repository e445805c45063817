"""Public results (一公开): completed plans, the drawn objects and their results,
the revealed seed and the frozen pool for anyone to verify. No login."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render

from . import selectors, tables
from .listing import xlsx_response


def plan_list(request):
    return render(request, "supervision/public_plan_list.html", {"plans": selectors.public_plans()})


def _plan(code: str):
    plan = selectors.public_plans().filter(code=code).first()
    if plan is None:
        raise Http404
    return plan


def plan_results(request, code: str):
    plan = _plan(code)
    rows = selectors.public_results(plan)
    columns = tables.drawn_columns(public=True)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(columns, rows, f"results-{plan.code}")
    return render(request, "supervision/public_plan_results.html", {"plan": plan, "rows": rows, "columns": columns})


def plan_snapshot(request, code: str):
    plan = _plan(code)
    resp = HttpResponse(plan.snapshot.encode("utf-8"), content_type="text/plain; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="{plan.code}-pool.txt"'
    return resp
