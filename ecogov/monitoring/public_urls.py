"""Public pages (no login): air quality, district ranking, water quality, current warning."""

from django.urls import path

from . import public_views

app_name = "monitoring_public"


urlpatterns = [
    path("", public_views.air, name="air"),
    path("ranking/", public_views.ranking, name="ranking"),
    path("water/", public_views.water_quality, name="water"),
    path("warning/", public_views.warning, name="warning"),
]
