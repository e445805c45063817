"""How the registry plugs into the platform (``ecogov.core.contrib``)."""

from __future__ import annotations

from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from ecogov.core import contrib


def register() -> None:
    contrib.urls.add(contrib.UrlModule("registry/", "ecogov.registry.urls"))
    contrib.api_routers.add(contrib.ApiRouter("/registry/", "ecogov.registry.api:router", order=10))
    contrib.demo_loaders.add(contrib.DemoLoader("registry", "ecogov.registry.demo:load", order=10))
    contrib.nav.add(contrib.NavItem("registry:object_list", _("Pollution sources"), contrib.EVERYONE, order=20))
    contrib.home_cards.add(contrib.HomeCards("registry", "ecogov.registry.selectors:home_cards", order=10))
    contrib.clock_sources.add(contrib.ClockSource(
        "registry-reports", _("Execution reports due"), "ecogov.registry.selectors:due_reports", order=10,
    ))
    contrib.beat.add(contrib.BeatEntry(
        "registry-generate-execution-reports", "registry.generate_execution_reports",
        crontab(minute=30, hour=1, day_of_month=1, month_of_year=1),
    ))
    contrib.briefing_sections.add(contrib.BriefingSection(
        "registry", _("Enterprise responsibility"), "ecogov.registry.briefing:build", order=10,
    ))
    contrib.indicators.add(contrib.AssessmentIndicator(
        "registry_execution_report_rate", _("Execution reports submitted on time"), "%", "higher",
        "ecogov.registry.indicators:execution_report_rate", min_coverage=1.0, order=40,
    ))
