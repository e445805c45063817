"""How the dashboard plugs into the platform (``ecogov.core.contrib``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ecogov.core import contrib


def register() -> None:
    contrib.urls.add(
        contrib.UrlModule("dashboard/", "ecogov.dashboard.urls", staff_only=True),
        contrib.UrlModule("dashboard/", "ecogov.dashboard.public_urls", public=True),
    )
    contrib.portal_links.add(contrib.PortalLink("portal:dashboard_public:map", _("Environment map"), order=15))
    contrib.nav.add(
        contrib.NavItem("dashboard:cockpit", _("Dashboard"), order=14),
        contrib.NavItem("dashboard:map", _("Map"), order=15),
    )
    contrib.map_layers.add(
        contrib.MapLayer("boundaries", _("Administrative boundaries"), "ecogov.dashboard.layers:boundaries",
                         group="base", order=1),
        contrib.MapLayer("grids", _("Grid cells"), "ecogov.dashboard.layers:grids", group="base", order=2),
        contrib.MapLayer("supervised-objects", _("Supervised objects (class)"),
                         "ecogov.dashboard.layers:supervised_objects", group="sources", order=30),
        contrib.MapLayer("complaint-density", _("Complaints (density)"), "ecogov.dashboard.layers:complaint_density",
                         group="cases", order=60),
        contrib.MapLayer("penalty-cases", _("Penalty cases"), "ecogov.dashboard.layers:penalty_cases",
                         group="cases", order=62),
    )
