"""URLs: the API under /api/, every URL module the apps contribute
(``core.contrib.urls``; public ones inside the portal), Django admin for superusers."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from ecogov.api import api
from ecogov.core import contrib

handler404 = "ecogov.api.not_found"  # JSON under /api/

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
urlpatterns += [path(m.prefix, include(m.module)) for m in contrib.urls if not m.public]
