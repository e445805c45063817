"""How outreach (public open days of environmental facilities) plugs into the platform (``ecogov.core.contrib``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ecogov.core import contrib


def register() -> None:
    contrib.urls.add(
        contrib.UrlModule("outreach/", "ecogov.outreach.urls", staff_only=True),
        contrib.UrlModule("outreach/", "ecogov.outreach.public_urls", public=True),
    )
    # Right after the complaints' loader: the demo city's random stream goes on where it went before.
    contrib.demo_loaders.add(contrib.DemoLoader("outreach", "ecogov.outreach.demo:load", order=55))
    contrib.home_cards.add(contrib.HomeCards("outreach", "ecogov.outreach.selectors:home_cards", order=55))
    contrib.portal_links.add(
        contrib.PortalLink("portal:outreach_public:openday_list", _("Environmental facility open days"), order=52),
    )
    contrib.briefing_sections.add(contrib.BriefingSection(
        "outreach", _("Public participation"), "ecogov.outreach.briefing:build", order=55,
    ))
