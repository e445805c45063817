"""How supervision plugs into the platform (``ecogov.core.contrib``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ecogov.core import contrib


def register() -> None:
    contrib.urls.add(
        contrib.UrlModule("supervision/", "ecogov.supervision.urls", staff_only=True),
        contrib.UrlModule("supervision/", "ecogov.supervision.public_urls", public=True),
    )
    contrib.api_routers.add(contrib.ApiRouter("/supervision/", "ecogov.supervision.api:router", order=30))
    contrib.demo_loaders.add(contrib.DemoLoader("supervision", "ecogov.supervision.demo:load", order=30))
    contrib.nav.add(contrib.NavItem("supervision:plan_list", _("Double random"), order=40))
    contrib.home_cards.add(contrib.HomeCards("supervision", "ecogov.supervision.selectors:home_cards", order=30))
    contrib.portal_links.add(
        contrib.PortalLink("portal:supervision_public:plan_list", _("Double-random inspection results"), order=30),
    )
    contrib.briefing_sections.add(contrib.BriefingSection(
        "supervision", _("Supervision"), "ecogov.supervision.briefing:build", order=30,
    ))
    contrib.indicators.add(contrib.AssessmentIndicator(
        "supervision_double_random_completion", _("Double-random inspections completed"), "%", "higher",
        "ecogov.supervision.indicators:double_random_completion", min_coverage=1.0, order=41,
    ))
    contrib.clock_sources.add(contrib.ClockSource(
        "supervision-inspections", _("Assigned inspections"), "ecogov.supervision.deadlines:due", order=40,
    ))
