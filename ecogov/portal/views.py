"""Public portal index: the links the apps contribute (``core.contrib.portal_links``)."""

from django.urls import NoReverseMatch, reverse

from ecogov.core import contrib
from ecogov.core.cache import public_page, static_stamp


def _sections() -> list[dict]:
    out = []
    for link in contrib.portal_links:
        try:
            out.append({"url": reverse(link.url_name), "label": link.label})
        except NoReverseMatch:
            continue
    return out


def index(request):
    return public_page(request, "portal:index", "portal/index.html", static_stamp, lambda: {"sections": _sections()})
