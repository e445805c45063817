"""Inventory pages: the lists (page kit), a source's file with its checks, the check form and
the Excel import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecogov.core.errors import DomainError, NotFound, PermissionRefused
from ecogov.core.excel import ImportFailed, template_xlsx
from ecogov.core.pages import XLSX, error_text, form_action
from ecogov.core.permissions import role_allows

from . import imports, selectors, services
from .forms import CheckForm, ImportForm
from .tables import IMPORT_COLUMNS


def _source(user, pk, action_name="view"):
    try:
        return selectors.source_get(user=user, pk=pk, action=action_name)
    except NotFound as exc:
        raise Http404 from exc


def _may_change(user) -> bool:
    return bool(user.is_superuser or role_allows(user.role, "change"))


@login_required
def source_list(request):
    return selectors.SOURCES.response(request, extra={"is_sources": True})


@login_required
def check_list(request):
    return selectors.CHECKS.response(request)


@login_required
def source_detail(request, pk: int):
    source = _source(request.user, pk)
    return render(request, "inventory/source_detail.html", {
        "obj": source, "checks": selectors.source_checks(source)[:50], "form": CheckForm(),
        "can_change": _may_change(request.user),
    })


@login_required
@require_POST
def check_add(request, pk: int):
    source = _source(request.user, pk, "change")
    url = reverse("inventory:source_detail", args=[source.pk])

    def record(data):
        return services.check_record(source=source, actor=request.user, **data)

    return form_action(request, CheckForm(request.POST), record, then=url, template="inventory/source_detail.html",
                       context={"obj": source, "checks": selectors.source_checks(source)[:50], "can_change": True},
                       done=_("Check recorded."))


@login_required
def import_template(request):
    response = HttpResponse(template_xlsx(IMPORT_COLUMNS, title="污染源清单"), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="source-inventory-template-{timezone.localdate():%Y%m%d}.xlsx"'
    return response


@login_required
def source_import(request):
    """The whole file or nothing; the refused rows (or the result) are shown on the same page."""
    form = ImportForm(request.POST or None, request.FILES or None)
    errors, result = [], None
    if request.method == "POST" and form.is_valid():
        try:
            result = imports.sources_import(data=form.cleaned_data["file"].read(), actor=request.user)
        except ImportFailed as exc:
            errors = exc.errors
            messages.error(request, error_text(exc))
        except (DomainError, PermissionRefused) as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Imported: %(c)s created, %(u)s updated.")
                             % {"c": result.created, "u": result.updated})
    return render(request, "inventory/import.html", {"form": form, "errors": errors, "result": result})
