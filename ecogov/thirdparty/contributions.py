"""How third-party supervision (testing agencies, inspection stations, special sources) plugs into
the platform (``ecogov.core.contrib``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ecogov.core import contrib


def register() -> None:
    contrib.urls.add(contrib.UrlModule("thirdparty/", "ecogov.thirdparty.urls", staff_only=True))
    contrib.api_routers.add(contrib.ApiRouter("/thirdparty/", "ecogov.thirdparty.api:router", order=80))
    contrib.demo_loaders.add(contrib.DemoLoader("thirdparty", "ecogov.thirdparty.demo:load", order=80))
    contrib.nav.add(contrib.NavItem("thirdparty:station_list", _("Third parties"), order=80))
    contrib.home_cards.add(
        contrib.HomeCards("thirdparty", "ecogov.thirdparty.selectors:home_cards", order=80),
        contrib.HomeCards("thirdparty_waste", "ecogov.thirdparty.selectors_waste:home_cards", order=81),
    )
    contrib.related_panels.add(
        contrib.RelatedPanels("thirdparty", "ecogov.thirdparty.selectors:related_panels", order=80))
    contrib.map_layers.add(
        contrib.MapLayer("thirdparty-muck-trucks", _("Muck trucks (tracks and violations)"),
                         "ecogov.thirdparty.layers:muck_trucks", group="sources", order=80),
        contrib.MapLayer("thirdparty-dust-sites", _("Construction sites (dust responsibility)"),
                         "ecogov.thirdparty.layers:dust_sites", group="sources", order=81),
        contrib.MapLayer("thirdparty-waste-points", _("Hazardous-waste collection points"),
                         "ecogov.thirdparty.layers:waste_points", group="sources", order=82),
    )
    contrib.clock_sources.add(contrib.ClockSource("thirdparty", _("Construction-site joint reviews"),
                                                  "ecogov.thirdparty.selectors_dust:due_reviews", order=80))
