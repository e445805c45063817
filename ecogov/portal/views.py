"""Public portal index: links to each app's public pages."""

import importlib
import importlib.util

from django.conf import settings
from django.shortcuts import render


def _sections() -> list[dict]:
    """Apps may offer ``public_urls.PORTAL_LINKS = [(url_name, label), ...]``."""
    from django.urls import NoReverseMatch, reverse

    out = []
    for app in settings.DOMAIN_APPS:
        name = f"ecogov.{app}.public_urls"
        if app == "portal" or importlib.util.find_spec(name) is None:
            continue
        for url_name, label in getattr(importlib.import_module(name), "PORTAL_LINKS", []):
            try:
                out.append({"url": reverse(url_name), "label": label})
            except NoReverseMatch:
                continue
    return out


def index(request):
    return render(request, "portal/index.html", {"sections": _sections()})
