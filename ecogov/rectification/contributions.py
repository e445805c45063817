"""How the rectification ledger plugs into the platform (``ecogov.core.contrib``)
and into supervision (the items an inspection's findings open)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ecogov.core import contrib
from ecogov.supervision import outcomes
from ecogov.supervision.choices import InspectionResult


def register() -> None:
    contrib.urls.add(contrib.UrlModule("rectification/", "ecogov.rectification.urls", staff_only=True))
    contrib.api_routers.add(contrib.ApiRouter("/rectification/", "ecogov.rectification.api:router", order=35))
    contrib.demo_loaders.add(contrib.DemoLoader("rectification", "ecogov.rectification.demo:load", order=35))
    contrib.nav.add(contrib.NavItem("rectification:item_list", _("Rectification"), order=70))
    contrib.related_panels.add(
        contrib.RelatedPanels("rectification", "ecogov.rectification.selectors:related_panels", order=35))
    contrib.clock_sources.add(
        contrib.ClockSource("rectification", _("Rectification deadlines"), "ecogov.rectification.selectors:due",
                            order=35))
    outcomes.handlers.add(outcomes.OutcomeHandler(
        "rectification", results=frozenset({InspectionResult.RECTIFY}),
        handler="ecogov.rectification.services:rectification_open_from_inspection", order=10))
