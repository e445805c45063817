"""A penalty case's deadlines name its handler (``Deadline.owner_ids``): the officer who files the case
finds them with ``core.due_items(mine=True)``; another officer does not."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ecogov.core.selectors import due_items
from ecogov.enforcement import services
from ecogov.supervision.tests.helpers import obj
from ecogov.testing import factories

pytestmark = pytest.mark.django_db

D = dt.date
# filed on 2 March 2026: the decision is due 90 calendar days later (the filing day not counted):
# 3-31 March (29), April (30 -> 59), May (31 -> 90) -> 31 May 2026
TODAY = D(2026, 5, 28)


def _filed(tree, by, actor):
    case = services.case_open(supervised_object=obj(tree["street_a"], "A"), facts="COD超标排放",
                              opened_date=D(2026, 3, 1), actor=actor)
    return services.case_transition(case=case, new="filed", data={"filed_date": D(2026, 3, 2)}, actor=by)


def _mine(user):
    return [(d.label.split("：")[0], d.due)
            for d in due_items(user, today=TODAY, horizon_days=7, kind="enforcement", mine=True)]


def test_an_enforcement_deadline_goes_to_the_cases_officer(tree, officer):
    a, b = officer, factories.user("officer", tree["city"])
    case_a, case_b = _filed(tree, a, officer), _filed(tree, b, officer)
    assert (case_a.handler, case_b.handler) == (a, b)
    assert _mine(a) == [(case_a.case_no, D(2026, 5, 31))]
    assert _mine(b) == [(case_b.case_no, D(2026, 5, 31))]
    assert _mine(factories.user("officer", tree["city"])) == []
    every = due_items(a, today=TODAY, horizon_days=7, kind="enforcement")
    assert sorted(d.owner_ids for d in every) == sorted([(a.pk,), (b.pk,)])


def test_a_case_without_handler_is_held_by_no_account(tree, officer):
    leader = factories.user("leader", tree["city"])
    _filed(tree, leader, officer)  # a leader files it for the handler it has: none
    (row,) = due_items(officer, today=TODAY, horizon_days=7, kind="enforcement")
    assert row.owner_ids == () and _mine(officer) == []


def test_handlers_cost_no_query_per_case(tree, officer):
    _filed(tree, officer, officer)
    with CaptureQueriesContext(connection) as one:
        assert len(_mine(officer)) == 1
    for _ in range(3):
        _filed(tree, officer, officer)
    with CaptureQueriesContext(connection) as four:
        assert len(_mine(officer)) == 4
    assert len(four) == len(one)
