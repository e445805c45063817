from django.urls import path

from . import public_views

app_name = "enforcement_public"


urlpatterns = [
    path("", public_views.decisions, name="decisions"),
    path("yellow-cards/", public_views.yellow_cards, name="yellow_cards"),
]
