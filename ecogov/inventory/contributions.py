"""How the inventory plugs into the platform (``ecogov.core.contrib``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ecogov.core import contrib

from .choices import SourceKind

LAYER_LABELS = {
    SourceKind.CONSTRUCTION: _("Construction sites"),
    SourceKind.ROAD: _("Roads (dust level)"),
    SourceKind.BARE_LAND: _("Bare land"),
    SourceKind.RESTAURANT: _("Restaurants"),
    SourceKind.FILLING_STATION: _("Filling stations"),
    SourceKind.CAR_REPAIR: _("Car repair and spray painting"),
    SourceKind.CONGESTED_ROAD: _("Congested road segments"),
    SourceKind.DISCHARGE_ZONE: _("Sewage-discharge control zones"),
    SourceKind.OUTFALL: _("Outfalls (under rectification in red)"),
}


def register() -> None:
    contrib.urls.add(contrib.UrlModule("inventory/", "ecogov.inventory.urls", staff_only=True))
    contrib.api_routers.add(contrib.ApiRouter("/inventory/", "ecogov.inventory.api:router", order=25))
    contrib.demo_loaders.add(contrib.DemoLoader("inventory", "ecogov.inventory.demo:load", order=25))
    contrib.nav.add(contrib.NavItem("inventory:source_list", _("Source inventory"), order=25))
    contrib.nav.add(contrib.NavItem("inventory:mobile_run_list", _("Mobile monitoring (走航)"), order=26))
    contrib.related_panels.add(
        contrib.RelatedPanels("inventory-mobile", "ecogov.inventory.selectors_mobile:related_panels", order=26))
    contrib.home_cards.add(contrib.HomeCards("inventory", "ecogov.inventory.selectors:home_cards", order=25))
    for order, (kind, label) in enumerate(LAYER_LABELS.items()):
        contrib.map_layers.add(contrib.MapLayer(
            f"inventory-{kind}", label, f"ecogov.inventory.layers:{kind}", group="inventory", order=40 + order,
        ))
