"""The demo ledger has the shape the seeds report: 48 petition cases, 45 closed (93.8 %),
3 behind schedule; 2 + 17 + 2 feedback problems closed on schedule; the ladder at work."""

import datetime as dt

import pytest
from django.db.models import F

from ecogov.core import demo as core_demo
from ecogov.core.models import User
from ecogov.rectification import demo, selectors
from ecogov.rectification.models import Batch, Escalation, RectificationItem


@pytest.mark.django_db
def test_demo_ledger():
    ctx = core_demo.DemoContext(seed=7, today=dt.date(2026, 11, 20))
    core_demo.load(ctx)
    demo.load(ctx)
    admin = User.objects.get(username="admin")
    assert selectors.summary(admin, Batch.objects.get(code="ZY2-XF-01")) == {
        "received": 48, "closed": 45, "rate": 93.8, "behind": 3, "overdue": 2, "on_time": 45}
    rows = {o["batch"].code: o for o in selectors.overview(admin)}
    assert [rows[c]["on_time"] for c in ("ZY2-FK", "SD-FK", "JSP")] == [2, 17, 2]  # "2 + 17 + 2" [003]
    on_time = RectificationItem.objects.filter(level="problem", closed_date__lte=F("deadline"))
    assert [on_time.filter(batch__code=c).count() for c in ("ZY2-FK", "SD-FK", "JSP")] == [2, 17, 2]
    steps = set(Escalation.objects.values_list("step", flat=True))
    assert {"remind", "red_list", "summons"} <= steps
    district2 = User.objects.get(username="district2")
    # the 48 petitions, and the city problems dealt round the five districts (n % 5 == 1):
    # central n=1, provincial n=1, 6, 11, 16, warning film n=1, and the committee decision's item
    # -> 48 + 1 + 4 + 1 + 1, and the patrols' finds: days 7..1 before, streets k = 0..3, a find when
    # (day + k) % 3 == 0: 1 + 2 + 1 + 1 + 2 + 1 + 1 = 9
    assert selectors.summary(district2)["received"] == 64
    assert Batch.objects.get(code="XC-2026").items.count() == 9
    from ecogov.rectification.models import Committee, Decision, Duty

    assert Duty.objects.filter(level="district").values("jurisdiction").distinct().count() == 5
    assert Duty.objects.filter(level="street").values("jurisdiction").distinct().count() == 20
    top = Committee.objects.get(parent=None)
    assert top.subcommittees.count() == 10 and top.members.filter(role="主任").count() == 2
    decision = Decision.objects.exclude(member=None).get()
    from django.contrib.contenttypes.models import ContentType

    item = RectificationItem.objects.get(source_type=ContentType.objects.get_for_model(Decision),
                                         source_id=str(decision.pk))
    assert item.source == decision and item.jurisdiction.name == "青云区"
