"""The public environmental bulletins (环境状况公报) on the portal: issued versions only."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from . import selectors
from .views_common import file_response


def bulletin_list(request):
    return render(request, "reports/bulletin_list.html", {"rows": selectors.public_bulletins()[:100]})


def _bulletin(pk: int):
    found = selectors.public_bulletin(pk)
    if found is None:
        raise Http404
    return found


def bulletin_detail(request, pk: int):
    b = _bulletin(pk)
    return render(request, "reports/bulletin_detail.html", {"b": b, "sections": selectors.sections_view(b.content)})


def bulletin_file(request, pk: int, fmt: str):
    if fmt not in ("docx", "pdf"):
        raise Http404
    b = _bulletin(pk)
    if not getattr(b, fmt):
        raise Http404
    return file_response(b, fmt)
