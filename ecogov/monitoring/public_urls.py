"""Public pages (no login): air quality, district ranking, water quality, current warning."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import public_views

app_name = "monitoring_public"

PORTAL_LINKS = [
    ("portal:monitoring_public:air", _("Air quality")),
    ("portal:monitoring_public:ranking", _("District air-quality ranking")),
    ("portal:monitoring_public:water", _("Water quality")),
    ("portal:monitoring_public:warning", _("Heavy-pollution warning")),
]

urlpatterns = [
    path("", public_views.air, name="air"),
    path("ranking/", public_views.ranking, name="ranking"),
    path("water/", public_views.water_quality, name="water"),
    path("warning/", public_views.warning, name="warning"),
]
