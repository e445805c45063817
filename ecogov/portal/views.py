"""Public portal index: the links the apps contribute (``core.contrib.portal_links``)."""

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from ecogov.core import contrib


def _sections() -> list[dict]:
    out = []
    for link in contrib.portal_links:
        try:
            out.append({"url": reverse(link.url_name), "label": link.label})
        except NoReverseMatch:
            continue
    return out


def index(request):
    return render(request, "portal/index.html", {"sections": _sections()})
