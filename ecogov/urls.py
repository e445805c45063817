"""URLs: the API under /api/, each domain app's ``urls.py`` under its own
prefix (the public portal at the root), Django admin for superusers."""

from __future__ import annotations

import importlib.util

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from ecogov.api import api

# Apps whose pages live at a prefix other than their own name.
PREFIXES = {"core": "", "portal": "public/"}

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

for app in settings.DOMAIN_APPS:
    if importlib.util.find_spec(f"ecogov.{app}.urls") is not None:
        urlpatterns.append(path(PREFIXES.get(app, f"{app}/"), include(f"ecogov.{app}.urls")))

# Open311 GeoReport v2 is mounted by the complaints app at /open311/v2/ when present.
if importlib.util.find_spec("ecogov.complaints.open311_urls") is not None:
    urlpatterns.append(path("open311/v2/", include("ecogov.complaints.open311_urls")))
