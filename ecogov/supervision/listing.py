"""One list page helper shared by the supervision and enforcement pages: the
same ``Column`` list renders the table and the .xlsx export (``?export=xlsx``)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from ecogov.core.excel import export_xlsx

PAGE_SIZE = 50


def xlsx_response(columns, rows, filename: str) -> HttpResponse:
    resp = HttpResponse(export_xlsx(columns, rows, title=filename),
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    resp["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return resp


def list_page(request, *, queryset, columns, template: str, title: str, filename: str, extra: dict | None = None):
    if request.GET.get("export") == "xlsx":
        return xlsx_response(columns, queryset, filename)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    ctx = {"page_obj": page, "rows": page.object_list, "columns": columns, "title": title, "params": request.GET}
    ctx.update(extra or {})
    return render(request, template, ctx)
