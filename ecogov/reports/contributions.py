"""How the briefings plug into the platform (``ecogov.core.contrib``)."""

from __future__ import annotations

from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from ecogov.core import contrib


def register() -> None:
    contrib.urls.add(
        contrib.UrlModule("reports/", "ecogov.reports.urls", staff_only=True),
        contrib.UrlModule("bulletins/", "ecogov.reports.public_urls", public=True),
    )
    contrib.api_routers.add(contrib.ApiRouter("/reports/", "ecogov.reports.api:router", order=90))
    contrib.demo_loaders.add(contrib.DemoLoader("reports", "ecogov.reports.demo:load", order=200))
    contrib.home_cards.add(contrib.HomeCards("reports", "ecogov.reports.selectors:home_cards", order=90))
    contrib.nav.add(contrib.NavItem("reports:index", _("Briefings"), order=90))
    contrib.portal_links.add(
        contrib.PortalLink("portal:reports_public:bulletin_list", _("Environmental bulletins"), order=60),
    )
    # Every morning; the task itself acts only on the first working day of a month (core.clock).
    contrib.beat.add(contrib.BeatEntry("reports-monthly-drafts", "reports.monthly_drafts", crontab(hour=7, minute=0)))
