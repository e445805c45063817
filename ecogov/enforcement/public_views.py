"""Public pages (no login): penalty decisions and yellow cards with the legally
published fields; personal names masked."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from ecogov.core.pages import xlsx_response

from . import selectors, tables


def _page(request, rows, columns, title, filename):
    year = request.GET.get("year")
    if request.GET.get("export") == "xlsx":
        return xlsx_response(columns, rows, filename)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "enforcement/public_decisions.html",
                  {"rows": page.object_list, "page_obj": page, "columns": columns, "title": title, "year": year})


def _year(request) -> str | None:
    """The raw ``?year=``: the selectors check it (2000..2100, else a 422 page)."""
    return request.GET.get("year") or None


def decisions(request):
    rows = selectors.public_decisions(_year(request)).order_by("-decision_date")
    columns = tables.public_decision_columns(selectors.penalty_authority())
    return _page(request, rows, columns, _("Administrative penalty decisions"), "decisions")


def yellow_cards(request):
    rows = selectors.public_yellow_cards(_year(request))
    return _page(request, rows, tables.YELLOW_CARD_COLUMNS, _("Yellow-card warnings"), "yellow-cards")
