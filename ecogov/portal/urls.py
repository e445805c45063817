"""The public site under /public/: the portal's index plus every public URL module
the apps contribute (``core.contrib.urls`` with ``public=True``), no login."""

from django.urls import include, path

from ecogov.core import contrib

from . import views

app_name = "portal"

urlpatterns = [path("", views.index, name="index")]
urlpatterns += [path(m.prefix, include(m.module)) for m in contrib.urls if m.public]
