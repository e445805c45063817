"""Daily patrols raise ledger items, due 10 working days later on the core clock."""

import datetime as dt

import pytest
from django.urls import reverse

from ecogov.core.errors import PermissionRefused
from ecogov.rectification import services
from ecogov.testing import factories


def test_a_patrol_raises_items_due_in_ten_working_days(tree, client_for):
    street = factories.user("street", tree["street_a"])
    patrol, items = services.patrol_record(jurisdiction=tree["street_a"], date=dt.date(2026, 9, 18),
                                           route="滨河路—工业园", problems=["裸土未覆盖", "", "餐饮油烟直排"],
                                           actor=street)
    # Fri 18 Sep 2026 + 10 working days: Sun 20 (make-up day), 21-24, (25-27 Mid-Autumn) 28-30,
    # (1-7 Oct National Day) 8, 9 Oct
    assert [i.deadline for i in items] == [dt.date(2026, 10, 9)] * 2
    assert {i.batch.code for i in items} == {"XC-2026"} and all(i.source == patrol for i in items)
    assert items[0].batch.source == "patrol" and items[0].owner == street
    with pytest.raises(PermissionRefused):  # outside the patroller's street
        services.patrol_record(jurisdiction=tree["street_b"], date=dt.date(2026, 9, 18), route="x",
                               problems=["y"], actor=street)
    c = client_for(street)
    r = c.post(reverse("rectification:patrols"), {"date": "2026-09-21", "area": tree["street_a"].pk,
                                                  "route": "城关", "problems": "河道漂浮垃圾\n"})
    assert r.status_code == 302
    page = c.get(reverse("rectification:patrols")).content.decode()
    assert "河道漂浮垃圾" in page and "裸土未覆盖" in page
