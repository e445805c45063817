"""Public results (一公开): completed plans, the drawn objects and their results,
the revealed seed and the frozen pool for anyone to verify. No login."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render

from ecogov.core.pages import table_response

from . import selectors, tables

#: a plan's drawn list is shown whole (a few hundred objects at most); the export has every row
RESULTS_PAGE = 1000


def plan_list(request):
    return render(request, "supervision/public_plan_list.html",
                  {"plans": selectors.public_plans(), "committed": selectors.public_commitments()})


def _plan(code: str, *, committed: bool = False):
    plan = selectors.public_plans().filter(code=code).first()
    if plan is None and committed:
        plan = selectors.public_commitments().filter(code=code).first()
    if plan is None:
        raise Http404
    return plan


def plan_results(request, code: str):
    """A published plan with its results; an approved or drawn plan shows only its
    commitments (pool hash, seed hash), never the drawn list or the seed."""
    plan = _plan(code, committed=True)
    rows = selectors.public_results(plan)
    columns = tables.drawn_columns(public=True)
    return table_response(request, rows, columns, title=str(plan), filename=f"results-{plan.code}", public=True,
                          page_size=RESULTS_PAGE, template="supervision/public_plan_results.html",
                          extra={"plan": plan, "published": selectors.results_published(plan)})


def plan_snapshot(request, code: str):
    plan = _plan(code)
    resp = HttpResponse(plan.snapshot.encode("utf-8"), content_type="text/plain; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="{plan.code}-pool.txt"'
    return resp
