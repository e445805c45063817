"""How enforcement plugs into the platform (``ecogov.core.contrib``) and into
supervision (an inspection that finds a suspected violation opens a case)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ecogov.core import contrib
from ecogov.supervision import outcomes
from ecogov.supervision.choices import InspectionResult


def register() -> None:
    contrib.urls.add(
        contrib.UrlModule("enforcement/", "ecogov.enforcement.urls", staff_only=True),
        contrib.UrlModule("enforcement/", "ecogov.enforcement.public_urls", public=True),
    )
    contrib.api_routers.add(contrib.ApiRouter("/enforcement/", "ecogov.enforcement.api:router", order=40))
    contrib.demo_loaders.add(contrib.DemoLoader("enforcement", "ecogov.enforcement.demo:load", order=40))
    contrib.nav.add(contrib.NavItem("enforcement:case_list", _("Enforcement"), order=50))
    contrib.home_cards.add(contrib.HomeCards("enforcement", "ecogov.enforcement.selectors:home_cards", order=40))
    contrib.clock_sources.add(contrib.ClockSource(
        "enforcement", _("Penalty-case time limits"), "ecogov.enforcement.selectors:due_items", order=20,
    ))
    contrib.related_panels.add(
        contrib.RelatedPanels("enforcement", "ecogov.enforcement.selectors:related_panels", order=40))
    outcomes.handlers.add(outcomes.OutcomeHandler(
        "enforcement", results=frozenset({InspectionResult.VIOLATION}),
        handler="ecogov.enforcement.services:case_open_for_violation", order=20))
    contrib.portal_links.add(
        contrib.PortalLink("portal:enforcement_public:decisions", _("Administrative penalty decisions"), order=40),
        contrib.PortalLink("portal:enforcement_public:yellow_cards", _("Yellow-card warnings"), order=41),
    )
    contrib.briefing_sections.add(contrib.BriefingSection(
        "enforcement", _("Enforcement"), "ecogov.enforcement.briefing:build", order=40,
    ))
    contrib.indicators.add(contrib.AssessmentIndicator(
        "enforcement_cases_per_100", _("Penalty cases per 100 class A/B objects"), "cases/100", "higher",
        "ecogov.enforcement.indicators:cases_per_100_ab", min_coverage=1.0, order=43,
    ))
