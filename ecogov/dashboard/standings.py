"""Dashboard blocks read from the assessment and the one clock: the scorecard standings, the air
figures against the year's targets, water by assessment level and the officer's assigned
inspections. Each block reads through the selector of the page it links to, so a block and its
page show the same figures.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from ecogov.assessment import programmes, scorecards
from ecogov.assessment import selectors as assessment
from ecogov.assessment import water as assessment_water
from ecogov.assessment.choices import PeerGroup
from ecogov.assessment.models import EcoIndicator
from ecogov.core import selectors as core

#: The scorecard kind the leader's standings show.
SCORECARD_KIND = "district"
#: The exam-paper indicators (``EcoIndicator.computed``) the air block sets against their targets.
AIR_TARGETS = ("pm25", "air_good_ratio")
LEVEL_LABELS = {"national": "国考", "provincial": "省考", "city": "市考"}
#: The clock source of the assignments and the horizon of its tile (the due page's longest).
INSPECTIONS_KIND = "supervision-inspections"
INSPECTIONS_DAYS = 90


def _url(name: str, **query: Any) -> str:
    return f"{reverse(name)}?{urlencode(query)}"


def scorecard(user) -> dict[str, Any] | None:
    """The latest year's district standings (rank within the peer group, score, grade, change against
    last year's published rank)."""
    latest = scorecards.methodologies(user, kind=SCORECARD_KIND).first()
    m = scorecards.current_methodology(user, year=latest.year, kind=SCORECARD_KIND) if latest else None
    if m is None:
        return None
    rows = scorecards.with_change(user, scorecards.rows_for(user, m), m)
    return {"year": m.year, "title": m.title, "frozen": m.is_frozen,
            "rows": [{"unit": r["unit"], "group": PeerGroup.label(r["peer_group"]), "rank": r.get("rank"),
                      "score": r.get("score"), "grade": r.get("grade"), "change": r.get("rank_change")}
                     for r in rows],
            "url": _url("assessment:scorecards", year=m.year, kind=SCORECARD_KIND)}


def air_targets(user) -> dict[str, Any] | None:
    """This year's PM2.5 and good-day ratio against their targets (the exam paper's indicators)."""
    year = assessment.default_year()
    air = set(EcoIndicator.objects.for_user(user).filter(computed__in=AIR_TARGETS).values_list("pk", flat=True))
    rows = [r for r in programmes.exam_paper(user, year=year) if r["pk"] in air]
    if not rows:
        return None
    return {"year": year, "rows": [{k: r[k] for k in ("code", "name", "unit", "target", "direction", "value",
                                                    "status", "status_label")} for r in rows],
            "url": _url("assessment:exam", year=year)}


def water_levels(user) -> dict[str, Any] | None:
    """Good water (I-III) per assessment level (国考/省考/市考) this year so far."""
    year = assessment.default_year()
    summary = assessment_water.level_summary(assessment_water.evaluate_sites(user, year=year, period="ytd"))
    rows = [{**s, "label": LEVEL_LABELS[s["level"]], "url": _url("assessment:water", year=year, level=s["level"])}
            for s in summary if s["level"]]
    if not rows:
        return None
    return {"year": year, "rows": rows, "url": _url("assessment:water", year=year)}


def inspections(user) -> dict[str, Any]:
    """The inspections assigned to the user that are overdue or due within INSPECTIONS_DAYS (one clock)."""
    due = core.due_items(user, today=timezone.localdate(), horizon_days=INSPECTIONS_DAYS, kind=INSPECTIONS_KIND)
    return {"value": len(due), "overdue": sum(d.state(timezone.localdate()) == "overdue" for d in due),
            "rows": due[:10], "url": _url("core:due", kind=INSPECTIONS_KIND, days=INSPECTIONS_DAYS)}
