"""How monitoring plugs into the platform (``ecogov.core.contrib``)."""

from __future__ import annotations

from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from ecogov.core import contrib


def register() -> None:
    contrib.urls.add(
        contrib.UrlModule("monitoring/", "ecogov.monitoring.urls", staff_only=True),
        contrib.UrlModule("monitoring/", "ecogov.monitoring.public_urls", public=True),
    )
    contrib.api_routers.add(contrib.ApiRouter("/monitoring/", "ecogov.monitoring.api:router", order=20))
    contrib.demo_loaders.add(contrib.DemoLoader("monitoring", "ecogov.monitoring.demo:load", order=20))
    contrib.nav.add(contrib.NavItem("monitoring:station_list", _("Monitoring"), order=30))
    contrib.map_layers.add(
        contrib.MapLayer("monitoring-stations", _("Air stations (AQI)"), "ecogov.monitoring.layers:stations",
                         group="stations", order=10),
        contrib.MapLayer("monitoring-sections", _("Water sections (class)"), "ecogov.monitoring.layers:sections",
                         group="water", order=20),
        contrib.MapLayer("monitoring-drinking", _("Drinking-water sources (compliance)"),
                         "ecogov.monitoring.layers:drinking", group="water", order=25),
    )
    contrib.home_cards.add(contrib.HomeCards("monitoring", "ecogov.monitoring.selectors:home_cards", order=20))
    contrib.portal_links.add(
        contrib.PortalLink("portal:monitoring_public:air", _("Air quality"), order=20),
        contrib.PortalLink("portal:monitoring_public:ranking", _("District air-quality ranking"), order=21),
        contrib.PortalLink("portal:monitoring_public:water", _("Water quality"), order=22),
        contrib.PortalLink("portal:monitoring_public:warning", _("Heavy-pollution warning"), order=23),
    )
    # hourly data arrive about 20 minutes after the hour; refresh the running day's values
    contrib.beat.add(contrib.BeatEntry("monitoring-daily-values", "monitoring.daily_values", crontab(minute=25)))
    # derived values left pending by an interrupted or --no-daily ingest (the durable record in derived.py)
    contrib.beat.add(contrib.BeatEntry("monitoring-derived-pending", "monitoring.derived_pending",
                                       crontab(minute="*/10")))
    contrib.briefing_sections.add(
        contrib.BriefingSection("air", _("Air quality"), "ecogov.monitoring.briefing:air", order=1, public=True),
        contrib.BriefingSection("water", _("Water quality"), "ecogov.monitoring.briefing:water_section", order=2,
                                public=True),
        contrib.BriefingSection("warnings", _("Warnings and emergency actions"), "ecogov.monitoring.briefing:warnings",
                                order=3),
    )
    # the hourly publication fetcher (MONITORING_FETCH_URL; a no-op without it): the hour is out ~20 min after
    contrib.beat.add(contrib.BeatEntry("monitoring-fetch", "monitoring.fetch", crontab(minute="*/10")))
    # monthly partitions of the readings (PostgreSQL) created ahead; ingest also creates them on demand
    contrib.beat.add(contrib.BeatEntry("monitoring-partitions", "monitoring.partitions_ahead",
                                       crontab(minute=7, hour=3)))
