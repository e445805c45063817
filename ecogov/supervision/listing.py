"""One list page helper shared by the supervision and enforcement pages: the
same ``Column`` list renders the table and the .xlsx export (``?export=xlsx``)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ecogov.core.errors import DomainError
from ecogov.core.excel import export_xlsx

PAGE_SIZE = 50


def xlsx_response(columns, rows, filename: str) -> HttpResponse:
    resp = HttpResponse(export_xlsx(columns, rows, title=filename),
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    resp["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return resp


def error_text(exc: Exception) -> str:
    """The message a user sees for a refused form: the domain message in the page's
    language without the internal field name (``field_error`` prefixes it), or a
    plain sentence for unparsable input (never Python's English ``ValueError`` text)."""
    if not isinstance(exc, DomainError):
        return _("Invalid input: check the dates and numbers.")
    errors = exc.detail.get("errors") if isinstance(exc.detail, dict) else None
    if isinstance(errors, dict) and len(errors) == 1:
        text = next(iter(errors.values()))
        if isinstance(text, dict) and {"zh", "en"} <= text.keys():
            return text["en"] if (get_language() or "zh").startswith("en") else text["zh"]
    return exc.message


def list_page(request, *, queryset, columns, template: str, title: str, filename: str, extra: dict | None = None):
    if request.GET.get("export") == "xlsx":
        return xlsx_response(columns, queryset, filename)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    ctx = {"page_obj": page, "rows": page.object_list, "columns": columns, "title": title, "params": request.GET}
    ctx.update(extra or {})
    return render(request, template, ctx)
