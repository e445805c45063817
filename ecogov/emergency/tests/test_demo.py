"""The demo city reproduces MISSION.md §2's emergency figures from real records: 15 responses and
29 drills in the demo year, a hundred-day hazard campaign with 1,094 enterprise checks, and
point-to-point control where "8 actions, 5 kept the day good" is the outcome query over the
actions and the city's measured AQI (the monitoring demo, shortened to the winter it needs)."""

from __future__ import annotations

import datetime as dt

import pytest

from ecogov.core import demo as core_demo
from ecogov.core.models import User
from ecogov.emergency import demo, selectors
from ecogov.emergency.models import (
    ComplianceCheck,
    ControlTarget,
    Drill,
    DrillFinding,
    Hazard,
    HazardCampaign,
    Incident,
)
from ecogov.monitoring import demo as monitoring_demo
from ecogov.monitoring.emergency import MEASURES
from ecogov.rectification.models import RectificationItem
from ecogov.registry import demo as registry_demo

TODAY = dt.date(2026, 1, 20)


@pytest.mark.django_db
def test_demo_figures(monkeypatch):
    # 80 days of hours, 2 Nov 2025 .. 20 Jan 2026: three polluted days and the good ones before them
    monkeypatch.setattr(monitoring_demo, "DAYS", 80)
    ctx = core_demo.DemoContext(seed=20261123, today=TODAY)
    for loader in (core_demo, registry_demo, monitoring_demo, demo):
        loader.load(ctx)
    admin = User.objects.get(username="admin")
    year_ago = TODAY - dt.timedelta(days=365)
    assert Incident.objects.for_user(admin).filter(occurred_at__date__gt=year_ago).count() == 15
    assert Drill.objects.for_user(admin).filter(date__gt=year_ago).count() == 29
    campaign = HazardCampaign.objects.get()
    assert (campaign.end - campaign.start).days + 1 == 100 and campaign.checks.count() == 1094
    for hazard in Hazard.objects.all():  # every hazard found is on the ledger, its item pointing back
        assert RectificationItem.objects.get(pk=hazard.ledger_item).source == hazard
    assert Hazard.objects.count() == 48
    summary = selectors.outcome_summary(admin, start=year_ago, end=TODAY)
    assert (summary["actions"], summary["kept_good"], summary["pending"], summary["no_data"]) == (8, 5, 0, 0)
    for target in ControlTarget.objects.select_related("supervised_object"):  # measures from the list
        assert target.measure.startswith(MEASURES[target.supervised_object.performance_grade]["yellow"])
    failed = ComplianceCheck.objects.filter(compliant=False)
    assert failed.exists() and not failed.filter(ledger_item=None).exists()
    raised = DrillFinding.objects.exclude(ledger_item=None)
    assert raised.count() == (DrillFinding.objects.count() + 1) // 2 and all(
        RectificationItem.objects.get(pk=f.ledger_item).source == f for f in raised)
