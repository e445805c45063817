"""The page kit: one list page, one export, one action helper for every app.

A list page is one definition (NetBox's filtersets and tables, without the
5,000-line views)::

    OBJECTS = ListPage(
        filterset=ObjectFilterSet,                      # django-filter: the form, the API filter
        columns=OBJECT_COLUMNS,                         # core.excel.Column: the table = the .xlsx
        queryset=lambda user: SupervisedObject.objects.for_user(user),   # restricted read path
        title=_("Supervised objects"), filename="supervised-objects", link="registry:object_detail",
    )

    def object_list(request):
        return OBJECTS.response(request)                # table + pagination, or ?export=xlsx

    @router.get("/objects")                             # the API filters with the same FilterSet
    def objects(request, filters: Query[...]):
        return OBJECTS.filter(request.user, request.GET).qs

Rows that are computed rather than queried (a summary per station) go through
``table_response`` with the same template and the same export.

Every POST action goes through ``action`` (call one service; a ``DomainError``
becomes the message, success a redirect) or ``form_action`` (the same with a
form whose errors show the service's refusal next to the field).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .errors import DomainError, PermissionRefused, from_django
from .excel import Column, ImportFailed, export_xlsx, template_xlsx
from .forms import ImportForm
from .permissions import role_allows

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE_SIZE = 25


def xlsx_response(columns: list[Column], rows: Iterable[Any], filename: str, *, dated: bool = False) -> HttpResponse:
    """An .xlsx download of ``rows`` with exactly ``columns``."""
    resp = HttpResponse(export_xlsx(columns, rows, title=filename), content_type=XLSX)
    name = f"{filename}-{timezone.localdate():%Y%m%d}" if dated else filename
    resp["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return resp


def may_export(user, model=None) -> bool:
    return bool(user.is_superuser or role_allows(getattr(user, "role", ""), "export", model))


def _export_query(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    query["export"] = "xlsx"
    return query.urlencode()


def table_response(request, rows, columns: list[Column], *, title: str, filename: str,
                   template: str = "core/list.html", filterset=None, link: str | None = None,
                   page_size: int = PAGE_SIZE, model=None, dated: bool = False,
                   extra: dict | None = None, public: bool = False) -> HttpResponse:
    """The table of ``rows`` (a queryset or a list), paginated; ``?export=xlsx`` gives the same columns.

    The export needs the "export" permission (on ``model`` when it narrows the role table),
    except on a ``public`` page, whose rows are published data anyone may download.
    """
    if request.GET.get("export") == "xlsx":
        if not public and not may_export(request.user, model):
            raise PermissionDenied
        stream = rows.iterator(chunk_size=1000) if hasattr(rows, "iterator") else rows
        return xlsx_response(columns, stream, filename, dated=dated)
    page = Paginator(rows, page_size).get_page(request.GET.get("page"))
    context = {
        "title": title, "columns": columns, "filter": filterset, "page_obj": page, "rows": page.object_list,
        "link": link, "params": request.GET, "export_query": _export_query(request),
        "can_export": public or may_export(request.user, model),
    }
    context.update(extra or {})
    return render(request, template, context)


@dataclass(frozen=True)
class ListPage:
    """A list page from one FilterSet, one Column list and the restricted queryset."""

    filterset: type
    columns: list[Column] | Callable[[Any], list[Column]]
    queryset: Callable[[Any], Any]
    title: Any
    filename: str
    link: str | None = None
    template: str = "core/list.html"
    page_size: int = PAGE_SIZE
    dated: bool = False
    extra: Callable[[Any], dict] | None = field(default=None, compare=False)

    def filter(self, user, params):
        """The bound FilterSet over ``user``'s restricted queryset (pages, API and export share it)."""
        return self.filterset(params or None, queryset=self.queryset(user))

    def columns_for(self, user) -> list[Column]:
        return self.columns(user) if callable(self.columns) else self.columns

    def response(self, request, *, extra: dict | None = None, params=None) -> HttpResponse:
        fs = self.filter(request.user, request.GET if params is None else params)
        context = dict(self.extra(request) if self.extra else {})
        context.update(extra or {})
        return table_response(
            request, fs.qs, self.columns_for(request.user), title=str(self.title), filename=self.filename,
            template=self.template, filterset=fs, link=self.link, page_size=self.page_size,
            model=fs.queryset.model, dated=self.dated, extra=context,
        )


# ----------------------------------------------------------------------------- actions


def _english() -> bool:
    return (get_language() or "zh").startswith("en")


def error_text(exc: Exception) -> str:
    """The message a user sees for a refused action: the domain message in the page's language
    without the internal field name, or a plain sentence for unparsable input."""
    if isinstance(exc, DjangoValidationError):
        exc = from_django(exc)
    if not isinstance(exc, DomainError):
        return _("Invalid input: check the dates and numbers.")
    errors = exc.detail.get("errors") if isinstance(exc.detail, dict) else None
    if isinstance(errors, dict) and len(errors) == 1:
        text = next(iter(errors.values()))
        if isinstance(text, dict) and {"zh", "en"} <= text.keys():
            return text["en"] if _english() else text["zh"]
    return exc.message


def add_form_errors(form, exc: Exception) -> None:
    """Put a service's refusal next to the form fields it names (else at the top of the form)."""
    if isinstance(exc, DjangoValidationError):
        exc = from_django(exc)
    detail = getattr(exc, "detail", None)
    detail = detail if isinstance(detail, dict) else {}
    errors = detail.get("errors") if isinstance(detail.get("errors"), dict) else {}
    placed = False
    for name, text in errors.items():
        if name in form.fields:
            if isinstance(text, dict) and {"zh", "en"} <= text.keys():
                text = text["en"] if _english() else text["zh"]
            form.add_error(name, " ".join(text) if isinstance(text, list) else str(text))
            placed = True
    if not placed:
        name = detail.get("field")
        form.add_error(name if name in form.fields else None, error_text(exc))


REFUSALS = (DomainError, DjangoValidationError, ValueError)


def _target(then, result) -> str:
    return resolve_url(then(result) if callable(then) else then)


def action(request, call: Callable[[], Any], *, then: str | Callable[[Any], str], back: str | None = None,
           done: str | None = None) -> HttpResponse:
    """Run one service call for a POST; on success say ``done`` and go to ``then`` (a URL, a URL name,
    or ``then(result)``), on a refusal show the reason and go ``back`` (default: ``then`` when it is a URL).
    """
    if back is None and callable(then):
        raise TypeError("action(): give `back` when `then` depends on the result")
    try:
        result = call()
    except PermissionRefused:
        raise  # a 403 page, not a message
    except REFUSALS as exc:
        messages.error(request, error_text(exc))
        return redirect(resolve_url(back if back is not None else then))
    messages.success(request, done or _("Done."))
    return redirect(_target(then, result))


def form_action(request, form, call: Callable[[dict], Any], *, then: str | Callable[[Any], str],
                template: str, context: dict | None = None, done: str | None = None) -> HttpResponse:
    """A form page: on a valid POST call the service with ``form.cleaned_data``; its refusal shows on
    the form; success redirects. GET or an invalid form renders ``template`` with ``form``."""
    if request.method == "POST" and form.is_valid():
        try:
            result = call(form.cleaned_data)
        except PermissionRefused:
            raise
        except REFUSALS as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, done or _("Saved."))
            return redirect(_target(then, result))
    return render(request, template, {"form": form, **(context or {})})


def import_template_response(columns: list[Column], *, title: str, filename: str, dated: bool = True) -> HttpResponse:
    """The downloadable .xlsx template of an import (``filename`` without the extension; dated by default)."""
    response = HttpResponse(template_xlsx(columns, title=title), content_type=XLSX)
    if dated:
        filename = f"{filename}-{timezone.localdate():%Y%m%d}"
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def import_page(request, run: Callable[[bytes], Any], *, template: str, context: dict | None = None,
                done: Callable[[Any], str] | None = None) -> HttpResponse:
    """An .xlsx import page: ``run(data)`` imports the whole file or nothing; the refused rows (or the
    result, said by ``done(result)``) are shown on the same page that ``template`` draws."""
    form = ImportForm(request.POST or None, request.FILES or None)
    errors, result = [], None
    if request.method == "POST" and form.is_valid():
        try:
            result = run(form.cleaned_data["file"].read())
        except ImportFailed as exc:
            errors = exc.errors
            messages.error(request, error_text(exc))
        except DomainError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, done(result) if done else _("Imported: %(c)s created, %(u)s updated.")
                             % {"c": result.created, "u": result.updated})
    return render(request, template, {"form": form, "errors": errors, "result": result, **(context or {})})
