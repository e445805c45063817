from django.urls import path

from . import public_views

app_name = "complaints_public"

urlpatterns = [
    path("", public_views.submit, name="submit"),
    path("done/<str:code>/", public_views.done, name="done"),
    path("track/", public_views.track, name="track"),
    path("duplicates.json", public_views.duplicates, name="duplicates"),
    path("boundaries.geojson", public_views.boundaries, name="boundaries"),
]
