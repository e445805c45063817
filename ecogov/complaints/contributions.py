"""How complaints plug into the platform (``ecogov.core.contrib``)."""

from __future__ import annotations

from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from ecogov.core import contrib


def register() -> None:
    contrib.urls.add(
        contrib.UrlModule("complaints/", "ecogov.complaints.urls", staff_only=True),
        contrib.UrlModule("complaints/", "ecogov.complaints.public_urls", public=True),
        contrib.UrlModule("open311/v2/", "ecogov.complaints.open311.urls"),
    )
    contrib.api_routers.add(contrib.ApiRouter("/complaints/", "ecogov.complaints.api:router", order=50))
    contrib.demo_loaders.add(contrib.DemoLoader("complaints", "ecogov.complaints.demo:load", order=50))
    contrib.nav.add(contrib.NavItem("complaints:complaint_list", _("Complaints"), order=60))
    contrib.home_cards.add(contrib.HomeCards("complaints", "ecogov.complaints.selectors:home_cards", order=50))
    contrib.clock_sources.add(contrib.ClockSource(
        "complaints", _("Complaint time limits"), "ecogov.complaints.selectors:due_items", order=50,
    ))
    contrib.related_panels.add(
        contrib.RelatedPanels("complaints", "ecogov.complaints.selectors:related_panels", order=50),
    )
    contrib.portal_links.add(
        contrib.PortalLink("portal:complaints_public:submit", _("File an environmental complaint"), order=50),
        contrib.PortalLink("portal:complaints_public:track", _("Track a complaint"), order=51),
    )
    contrib.beat.add(contrib.BeatEntry("complaints-reminders", "complaints.send_reminders", crontab(hour=8, minute=30)))
    contrib.briefing_sections.add(contrib.BriefingSection(
        "complaints", _("Complaints"), "ecogov.complaints.report.briefing:build", order=50,
    ))
    contrib.indicators.add(contrib.AssessmentIndicator(
        "complaints_in_time_rate", _("Complaints handled within the time limit"), "%", "higher",
        "ecogov.complaints.indicators:handled_in_time_rate", min_coverage=1.0, order=42,
    ))
