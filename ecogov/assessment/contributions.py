"""How assessment plugs into the platform (``ecogov.core.contrib``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ecogov.core import contrib

IND = "ecogov.assessment.indicators"


def register() -> None:
    contrib.urls.add(contrib.UrlModule("assessment/", "ecogov.assessment.urls", staff_only=True))
    contrib.api_routers.add(contrib.ApiRouter("/assessment/", "ecogov.assessment.api:router"))
    # after every app whose data the scorecards read
    contrib.demo_loaders.add(contrib.DemoLoader("assessment", "ecogov.assessment.demo:load", order=90))
    contrib.nav.add(contrib.NavItem("assessment:air", _("Assessment"), order=75))
    contrib.home_cards.add(contrib.HomeCards("assessment", "ecogov.assessment.selectors:home_cards", order=15))
    contrib.briefing_sections.add(contrib.BriefingSection(
        "assessment", _("Environmental quality standings"), "ecogov.assessment.selectors:briefing_section",
        order=15, public=True))
    contrib.indicators.add(
        contrib.AssessmentIndicator("air_pm25", _("PM2.5 mean"), "µg/m³", "lower", f"{IND}:air_pm25", 0.75, 10),
        contrib.AssessmentIndicator("air_pm25_change", _("PM2.5 change year on year"), "%", "lower",
                                    f"{IND}:air_pm25_change", 0.75, 11),
        contrib.AssessmentIndicator("air_good_ratio", _("Good-day ratio"), "%", "higher", f"{IND}:air_good_ratio",
                                    0.75, 12),
        contrib.AssessmentIndicator("air_composite", _("Air composite index"), "", "lower", f"{IND}:air_composite",
                                    0.75, 13),
        contrib.AssessmentIndicator("water_good_ratio", _("Good-water ratio of sections"), "%", "higher",
                                    f"{IND}:water_good_ratio", 0.5, 20),
        contrib.AssessmentIndicator("water_target", _("Sections meeting their target class"), "%", "higher",
                                    f"{IND}:water_target", 0.5, 21),
    )
