from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import public_views

app_name = "enforcement_public"

PORTAL_LINKS = [
    ("portal:enforcement_public:decisions", _("Administrative penalty decisions")),
    ("portal:enforcement_public:yellow_cards", _("Yellow-card warnings")),
]

urlpatterns = [
    path("", public_views.decisions, name="decisions"),
    path("yellow-cards/", public_views.yellow_cards, name="yellow_cards"),
]
