"""A complaint's deadline names its assignee (``Deadline.owner_ids``): the assignee finds it with
``core.due_items(mine=True)``, another officer does not, and the source reads no more queries for
more complaints."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ecogov.complaints import services
from ecogov.core.selectors import due_items
from ecogov.testing import factories

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Shanghai")
TODAY = dt.date(2026, 4, 28)


def _assigned(cats, officer, assignee):
    """Received and accepted on 2 March 2026: the 60 calendar days (the acceptance day not counted)
    run 3-31 March (29), April (30 -> 59) and 1 May (60): finishing due 2026-05-01."""
    c = services.complaint_submit(category=cats["air-dust"], description="工地夜间扬尘", lon=115.2, lat=28.5,
                                  reporter_name="张三丰", reporter_phone="13812345678",
                                  received_at=dt.datetime(2026, 3, 2, 9, tzinfo=TZ))
    c = services.complaint_accept(complaint=c, actor=officer, at=dt.datetime(2026, 3, 2, 10, tzinfo=TZ))
    return services.complaint_assign(complaint=c, assignee=assignee, actor=officer)


def _mine(user):
    return [d.label.split()[0] for d in due_items(user, today=TODAY, horizon_days=7, kind="complaints", mine=True)]


def test_a_complaint_assigned_to_a_is_in_as_list_and_not_in_bs(cats, officer, tree):
    a, b = officer, factories.user("officer", tree["city"])
    to_a, to_b = _assigned(cats, officer, a), _assigned(cats, officer, b)
    assert to_a.finish_due == dt.date(2026, 5, 1)
    assert _mine(a) == [to_a.tracking_code]
    assert _mine(b) == [to_b.tracking_code]
    assert _mine(factories.user("officer", tree["city"])) == []
    every = due_items(a, today=TODAY, horizon_days=7, kind="complaints")  # the whole scope, as before
    assert {d.label.split()[0] for d in every} == {to_a.tracking_code, to_b.tracking_code}
    assert {d.owner_ids for d in every} == {(a.pk,), (b.pk,)}


def test_an_unassigned_complaint_is_held_by_no_account(cats, officer):
    c = services.complaint_submit(category=cats["air-dust"], description="夜间噪声", lon=115.2, lat=28.5,
                                  reporter_name="李四", reporter_phone="13812345679",
                                  received_at=dt.datetime(2026, 4, 20, 9, tzinfo=TZ))
    (row,) = due_items(officer, today=TODAY, horizon_days=30, kind="complaints")
    assert row.label.startswith(c.tracking_code) and row.owner_ids == ()
    assert _mine(officer) == []


def test_owner_ids_cost_no_query_per_complaint(cats, officer):
    _assigned(cats, officer, officer)
    with CaptureQueriesContext(connection) as one:
        assert len(_mine(officer)) == 1
    for _ in range(3):
        _assigned(cats, officer, officer)
    with CaptureQueriesContext(connection) as four:
        assert len(_mine(officer)) == 4
    assert len(four) == len(one)
