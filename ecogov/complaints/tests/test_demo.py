"""The demo city reproduces MISSION.md §5: 2,739 complaints in January-August, air -22.5 %, noise -24.1 %,
satisfaction 95.7 %, 11 reward-eligible kinds (the open days: ``outreach/tests/test_demo.py``)."""

import datetime as dt

import pytest

from ecogov.complaints import demo
from ecogov.complaints.models import Complaint, RewardKind
from ecogov.complaints.report.selectors import monthly_report
from ecogov.core import demo as core_demo


@pytest.mark.django_db
def test_demo_figures():
    ctx = core_demo.DemoContext(seed=20261123, today=dt.date(2026, 11, 20))
    core_demo.load(ctx)
    demo.load(ctx)
    rep = monthly_report(Complaint.objects.all(), 2026, 8)
    assert rep["ytd_total"] == 2739
    cat = {c["code"]: c for c in rep["by_category"]}
    assert cat["air"]["ytd_yoy"] == -22.5 and cat["noise"]["ytd_yoy"] == -24.1
    closed = Complaint.objects.filter(received_at__year=2026, status="closed")
    assert round(closed.filter(satisfaction__in=["satisfied", "basic"]).count() * 100 / closed.count(), 1) == 95.7
    assert RewardKind.objects.count() == 11
    assert Complaint.objects.filter(status="merged").exists() and rep["repeats"]
