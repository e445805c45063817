"""How the rectification ledger plugs into the platform (``ecogov.core.contrib``)
and into supervision (the items an inspection's findings open)."""

from __future__ import annotations

from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from ecogov.core import contrib
from ecogov.supervision import outcomes
from ecogov.supervision.choices import InspectionResult


def register() -> None:
    contrib.urls.add(
        contrib.UrlModule("rectification/", "ecogov.rectification.urls", staff_only=True),
        contrib.UrlModule("rectification/", "ecogov.rectification.public_urls", public=True),
    )
    contrib.api_routers.add(contrib.ApiRouter("/rectification/", "ecogov.rectification.api:router", order=35))
    contrib.demo_loaders.add(
        contrib.DemoLoader("rectification", "ecogov.rectification.demo:load", order=35),
        contrib.DemoLoader("rectification-complaints", "ecogov.rectification.demo_complaints:load", order=52),
        contrib.DemoLoader("rectification-daily", "ecogov.rectification.demo:daily", order=85))
    contrib.nav.add(contrib.NavItem("rectification:item_list", _("Rectification"), order=70))
    contrib.portal_links.add(
        contrib.PortalLink("portal:rectification_public:index", _("Rectification disclosure"), order=60))
    contrib.related_panels.add(
        contrib.RelatedPanels("rectification", "ecogov.rectification.selectors:related_panels", order=35))
    contrib.clock_sources.add(
        contrib.ClockSource("rectification", _("Rectification deadlines"), "ecogov.rectification.selectors:due",
                            order=35))
    contrib.home_cards.add(contrib.HomeCards("rectification", "ecogov.rectification.outputs:home_cards", order=35))
    contrib.beat.add(contrib.BeatEntry("rectification-daily", "rectification.daily", crontab(hour=1, minute=30)))
    contrib.map_layers.add(contrib.MapLayer(
        "rectification-open", _("Open rectification items by progress"),
        "ecogov.rectification.outputs:open_items_layer", group="rectification", order=60))
    contrib.indicators.add(contrib.AssessmentIndicator(
        "rectification-on-schedule", _("Rectification closed on schedule"), "%", "higher",
        "ecogov.rectification.outputs:on_schedule_rate", order=60))
    contrib.briefing_sections.add(contrib.BriefingSection(
        "rectification", _("Rectification of environmental problems"),
        "ecogov.rectification.outputs:briefing_section", order=60))
    outcomes.handlers.add(outcomes.OutcomeHandler(
        "rectification", results=frozenset({InspectionResult.RECTIFY}),
        handler="ecogov.rectification.services:rectification_open_from_inspection", order=10))
