from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.cockpit_page, name="cockpit"),
    path("map/", views.map_page, name="map"),
    path("map/layers/<slug:key>/", views.layer, name="layer"),
    path("map/rings/<int:pk>/", views.station_rings, name="rings"),
]
