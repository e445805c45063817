"""Public pages (no login): penalty decisions and yellow cards with the legally
published fields; personal names masked."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ecogov.core.pages import table_response

from . import selectors, tables


def _page(request, rows, columns, title, filename):
    return table_response(request, rows, columns, title=title, filename=filename, public=True, page_size=50,
                          template="enforcement/public_decisions.html", extra={"year": request.GET.get("year")})


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
