from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import public_views

app_name = "complaints_public"

PORTAL_LINKS = [
    ("portal:complaints_public:submit", _("File an environmental complaint")),
    ("portal:complaints_public:track", _("Track a complaint")),
]

urlpatterns = [
    path("", public_views.submit, name="submit"),
    path("done/<str:code>/", public_views.done, name="done"),
    path("track/", public_views.track, name="track"),
    path("duplicates.json", public_views.duplicates, name="duplicates"),
    path("boundaries.geojson", public_views.boundaries, name="boundaries"),
]
