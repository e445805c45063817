"""A drawn inspection's deadline names every officer assigned to it (``Deadline.owner_ids``): each
finds it with ``core.due_items(mine=True)``; the officers come from one prefetch, not a query a row."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ecogov.core.selectors import due_items
from ecogov.supervision.models import DrawnObject, InspectionPlan

from .helpers import obj

pytestmark = pytest.mark.django_db

KIND = "supervision-inspections"
TODAY = dt.date(2026, 6, 25)  # a Thursday; the plans' period ends on Tuesday 30 June, a working day


def _drawn(tree, code, officers):
    plan = InspectionPlan.objects.create(code=code, name=code, jurisdiction=tree["city"], status="drawn",
                                         period_start=dt.date(2026, 4, 1), period_end=dt.date(2026, 6, 30))
    row = DrawnObject.objects.create(plan=plan, supervised_object=obj(tree["grid_a"]), stratum="C", rank=1)
    row.officers.set(officers)
    return row


def _mine(user):
    return [d.label.split("：")[1] for d in due_items(user, today=TODAY, horizon_days=7, kind=KIND, mine=True)]


def test_an_inspection_drawn_with_officers_a_and_b_is_in_both_lists(officers, leader, tree):
    a, b, c = officers[:3]
    _drawn(tree, "P-AB", [a, b])
    _drawn(tree, "P-C", [c])
    assert _mine(a) == ["P-AB 现场检查"]
    assert _mine(b) == ["P-AB 现场检查"]
    assert _mine(c) == ["P-C 现场检查"]
    assert _mine(leader) == []  # the leader sees both (below) but holds neither
    rows = due_items(leader, today=TODAY, horizon_days=7, kind=KIND)
    assert [(d.label.split("：")[1], set(d.owner_ids), d.due) for d in rows] == [
        ("P-AB 现场检查", {a.pk, b.pk}, dt.date(2026, 6, 30)), ("P-C 现场检查", {c.pk}, dt.date(2026, 6, 30))]


def test_the_officers_of_many_rows_cost_no_query_per_row(officers, leader, tree):
    _drawn(tree, "P-1", officers[:2])
    with CaptureQueriesContext(connection) as one:
        assert len(due_items(leader, today=TODAY, horizon_days=7, kind=KIND)) == 1
    for n in range(2, 5):
        _drawn(tree, f"P-{n}", officers[n:n + 2])
    with CaptureQueriesContext(connection) as four:
        assert len(due_items(leader, today=TODAY, horizon_days=7, kind=KIND)) == 4
    assert len(four) == len(one), [q["sql"][:200] for q in four.captured_queries]
