"""A rectification item's deadline names its owner account (``Deadline.owner_ids``); an item held only
by a unit (department, area, enterprise) names no account."""

import datetime as dt

import pytest

from ecogov.core.selectors import due_items
from ecogov.rectification.models import RectificationItem

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 30)


def test_an_items_owner_holds_its_deadline(officers, tree, unit):
    a, b = officers
    owned = RectificationItem.objects.create(problem="危废标识不全", supervised_object=unit, owner=a,
                                             deadline=dt.date(2026, 4, 2))
    RectificationItem.objects.create(problem="台账缺失", supervised_object=unit, deadline=dt.date(2026, 4, 1))
    mine = due_items(a, today=TODAY, horizon_days=7, kind="rectification", mine=True)
    assert [(d.label.split("：")[1], d.due, d.owner_ids) for d in mine] == [("危废标识不全", dt.date(2026, 4, 2), (a.pk,))]
    assert due_items(b, today=TODAY, horizon_days=7, kind="rectification", mine=True) == []
    every = due_items(b, today=TODAY, horizon_days=7, kind="rectification")
    assert [(d.label.split("：")[1], d.owner_ids) for d in every] == [("台账缺失", ()), ("危废标识不全", (a.pk,))]
    assert owned.jurisdiction == tree["street_a"]  # the unit's area (save() fills it in), inside the scope
