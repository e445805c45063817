"""The public map (no login): air stations, water sections and public penalty decisions."""

from django.urls import path

from . import public_views

app_name = "dashboard_public"

urlpatterns = [
    path("map/", public_views.public_map, name="map"),
    path("map/layers/<slug:key>/", public_views.public_layer, name="layer"),
]
