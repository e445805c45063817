"""Inventory pages: the lists (page kit), a source's file with its checks, the check form and
the Excel import."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecogov.core.errors import NotFound
from ecogov.core.pages import form_action, import_page, import_template_response
from ecogov.core.permissions import role_allows

from . import imports, selectors, services
from .forms import CheckForm
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
    return import_template_response(IMPORT_COLUMNS, title="污染源清单", filename="source-inventory-template")


@login_required
def source_import(request):
    """The whole file or nothing; the refused rows (or the result) are shown on the same page."""
    return import_page(request, lambda data: imports.sources_import(data=data, actor=request.user),
                       template="inventory/import.html")
