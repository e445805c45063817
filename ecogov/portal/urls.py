"""The public site under /public/: each app's ``public_urls.py`` is mounted at
/public/<app>/ (no login), plus the portal's own index."""

import importlib.util

from django.conf import settings
from django.urls import include, path

from . import views

app_name = "portal"

urlpatterns = [path("", views.index, name="index")]

for app in settings.DOMAIN_APPS:
    if app != "portal" and importlib.util.find_spec(f"ecogov.{app}.public_urls") is not None:
        urlpatterns.append(path(f"{app}/", include(f"ecogov.{app}.public_urls")))
