"""How the emergency app plugs into the platform (``ecogov.core.contrib``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ecogov.core import contrib


def register() -> None:
    contrib.urls.add(contrib.UrlModule("emergency/", "ecogov.emergency.urls", staff_only=True))
    contrib.api_routers.add(contrib.ApiRouter("/emergency/", "ecogov.emergency.api:router", order=70))
    contrib.demo_loaders.add(contrib.DemoLoader("emergency", "ecogov.emergency.demo:load", order=70))
    contrib.nav.add(contrib.NavItem("emergency:incident_list", _("Emergencies"), order=75))
    contrib.home_cards.add(contrib.HomeCards("emergency", "ecogov.emergency.selectors:home_cards", order=75))
    contrib.clock_sources.add(contrib.ClockSource("emergency", _("Emergencies and episode controls"),
                                                  "ecogov.emergency.selectors:due", order=75))
    contrib.indicators.add(contrib.AssessmentIndicator(
        "emission_reduction", _("Emission reduction achieved (reduction plans)"), "%", "higher",
        "ecogov.emergency.indicators:emission_reduction", 0.5, 30))
