"""The demo city reproduces MISSION.md §5: 2,739 complaints in January-August, air -22.5 %, noise -24.1 %,
satisfaction 95.7 %, 11 reward-eligible kinds (the open days: ``outreach/tests/test_demo.py``)."""

import datetime as dt
import random
from collections import Counter

import pytest
from django.utils import timezone

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
    # the months after August, to the anchor day (2026-11-20): the year before in full,
    # 410 + 380 + 350 + 330 = 1,470; the demo year 330 + 305 + round(280 * 20 / 30) = 330 + 305 + 187 = 822.
    # The 40 live cases (still "received") came in on the 21 days up to the anchor day, 31 Oct - 20 Nov.
    handled = Complaint.objects.exclude(status="received")

    def received(start, end, qs=handled):
        return qs.filter(received_at__date__range=(start, end)).count()

    live = Complaint.objects.filter(status="received")
    assert live.count() == received(dt.date(2026, 10, 31), dt.date(2026, 11, 20), live) == 40
    assert received(dt.date(2025, 9, 1), dt.date(2025, 12, 31)) == 1470
    assert received(dt.date(2026, 9, 1), dt.date(2026, 12, 31)) == 822
    assert received(dt.date(2026, 11, 21), dt.date(2026, 12, 31), Complaint.objects) == 0
    # the same-month tiles: November 2025 in full (350), November 2026 to the 20th (187)
    assert received(dt.date(2025, 11, 1), dt.date(2025, 11, 30)) == 350
    assert received(dt.date(2026, 11, 1), dt.date(2026, 11, 30)) == 187


def test_a_live_demo_runs_the_complaints_on_to_the_last_live_day(db):
    from ecogov.monitoring.ingest.rows import local_tz

    ctx = core_demo.DemoContext(seed=20261123, today=dt.date(2026, 11, 20))
    core_demo.load(ctx)
    ctx.data[core_demo.LIVE_UNTIL] = dt.datetime(2026, 12, 3, 9, tzinfo=local_tz())
    demo.load(ctx)
    handled = Complaint.objects.exclude(status="received")  # the 40 live cases of the anchor's November aside
    by_month = {(y, m): handled.filter(received_at__year=y, received_at__month=m).count()
                for y, m in ((2025, 12), (2026, 11), (2026, 12))}
    # November 2026 now in full (280); December to the 3rd: round(265 * 3 / 31) = round(25.6) = 26
    assert by_month == {(2025, 12): 330, (2026, 11): 280, (2026, 12): 26}
    assert Complaint.objects.order_by("-received_at").first().received_at.date() <= dt.date(2026, 12, 3)
    # handled as of the last live day, not the anchor day: some received after the anchor day are closed
    # already, none later than the last live day
    after = Complaint.objects.filter(received_at__date__gt=dt.date(2026, 11, 20), status="closed")
    assert after.exists()
    assert max(timezone.localdate(c.closed_at) for c in after) <= dt.date(2026, 12, 3)
    # loaded in a later year: the months run on, January-August at the demo year's level (2,739 split
    # 9:8:11:13:14:15:15:15 by largest remainder: January 246.51 -> 247, February 219.12 -> 219)
    ctx.data[core_demo.LIVE_UNTIL] = dt.datetime(2027, 2, 15, 10, tzinfo=local_tz())
    cats, depts, officers, tree = demo._setup(ctx)
    later = demo._later(ctx, demo._Builder(ctx, cats, depts, officers, demo._Locator(tree), random.Random(1)))
    months = Counter((c.received_at.year, c.received_at.month) for c in later)
    # February to the 15th: round(219 * 15 / 28) = round(117.3) = 117
    assert (months[(2026, 12)], months[(2027, 1)], months[(2027, 2)]) == (265, 247, 117)
