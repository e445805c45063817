"""Registry selectors: restricted filtered lists, class counts, submission rates
and the overdue list computed from the execution reports."""

import datetime as dt

import pytest

from ecogov.core.errors import ValidationFailed
from ecogov.registry import selectors, services
from ecogov.registry.models import ExecutionReport

from .helpers import make_object, make_permit


def names(qs):
    return sorted(o.name for o in qs)


def test_lists_are_restricted_to_the_users_jurisdiction(district_a_user, officer, obj_a, obj_b):
    assert names(selectors.object_list(user=district_a_user)) == [obj_a.name]
    assert names(selectors.object_list(user=officer)) == sorted([obj_a.name, obj_b.name])
    make_permit(obj_b)
    assert selectors.permit_list(user=district_a_user).count() == 0
    assert selectors.permit_list(user=officer).count() == 1


def test_object_filters(tree, officer, obj_a, obj_b):
    extra = make_object(
        tree["grid_b"], name="乙区汽修厂", supervision_class="C", address="滨江路 8 号", hw_producer=True
    )
    flt = lambda **p: names(selectors.object_list(user=officer, params=p))  # noqa: E731
    assert flt(supervision_class="A") == [obj_a.name]
    assert flt(positive_list="true") == [obj_b.name]
    assert flt(positive_list="false") == sorted([obj_a.name, extra.name])
    assert flt(district="369903") == sorted([obj_b.name, extra.name])
    assert flt(jurisdiction="369902001001") == [obj_a.name]
    with pytest.raises(ValidationFailed):
        selectors.object_list(user=officer, params={"district": "999999"}, strict=True)
    assert flt(q="滨江") == [extra.name] and flt(q=obj_a.uscc[-6:]) == [obj_a.name]
    assert flt(flag="hw_producer") == [extra.name] and flt(flag="water_related") == [obj_a.name]
    with pytest.raises(ValidationFailed):
        selectors.object_list(user=officer, params={"supervision_class": "Z"}, strict=True)


def test_class_counts(tree, district_a_user, officer, obj_a, obj_b):
    make_object(tree["grid_a"], supervision_class="C")
    assert selectors.class_counts(officer) == {"A": 1, "B": 1, "C": 1}
    assert selectors.class_counts(district_a_user) == {"A": 1, "B": 0, "C": 1}


@pytest.fixture
def two_permits(tree, obj_a, obj_b):
    """Two permits with annual + quarterly reports for 2025.

    Permit 1 submits everything on time. Permit 2: Q1 on time, Q2 late, Q3 and
    the annual report never.
    """
    p1, p2 = make_permit(obj_a), make_permit(obj_b)
    for p in (p1, p2):
        services.execution_report_generate(permit=p, year=2025, actor=None)
    for r in ExecutionReport.objects.filter(permit=p1):
        r.submitted_date = r.due_date - dt.timedelta(days=3)
        r.save()
    ExecutionReport.objects.filter(permit=p2, period_start=dt.date(2025, 1, 1), frequency="quarterly").update(
        submitted_date=dt.date(2025, 4, 14)
    )
    ExecutionReport.objects.filter(permit=p2, period_start=dt.date(2025, 4, 1)).update(
        submitted_date=dt.date(2025, 8, 1)
    )
    return p1, p2


def test_submission_rates_by_hand(officer, two_permits):
    rows = {r["period"]: r for r in selectors.submission_rates(user=officer, as_of=dt.date(2025, 12, 31))}
    # the annual report is due 2026-01-15: not counted yet
    assert set(rows) == {"2025Q1", "2025Q2", "2025Q3"}
    q1, q2, q3 = rows["2025Q1"], rows["2025Q2"], rows["2025Q3"]
    assert (q1["due"], q1["submitted"], q1["rate"], q1["on_time_rate"]) == (2, 2, 100.0, 100.0)
    assert (q2["due"], q2["submitted"], q2["on_time"], q2["rate"], q2["on_time_rate"]) == (
        2,
        2,
        1,
        100.0,
        50.0,
    )
    assert (q3["due"], q3["submitted"], q3["overdue"], q3["rate"]) == (2, 1, 1, 50.0)
    annual = selectors.annual_submission_rate(user=officer, year=2025, as_of=dt.date(2026, 2, 1))
    assert (annual["due"], annual["submitted"], annual["rate"]) == (2, 1, 50.0)


def test_submission_rates_follow_the_jurisdiction(district_a_user, two_permits):
    rows = selectors.submission_rates(user=district_a_user, as_of=dt.date(2026, 2, 1))
    assert all(r["rate"] == 100.0 and r["due"] == 1 for r in rows) and len(rows) == 4


def test_overdue_list(officer, district_a_user, two_permits):
    p1, p2 = two_permits
    overdue = selectors.overdue_reports(user=officer, as_of=dt.date(2025, 12, 31))
    assert [(r.permit_id, r.frequency, r.period_start) for r in overdue] == [
        (p2.pk, "quarterly", dt.date(2025, 7, 1))
    ]
    assert selectors.overdue_reports(user=officer, as_of=dt.date(2026, 2, 1)).count() == 2
    assert selectors.overdue_reports(user=district_a_user, as_of=dt.date(2026, 2, 1)).count() == 0


def test_object_file_collects_every_part(officer, obj_a, obj_b):
    make_permit(obj_a)
    services.commitment_add(obj=obj_a, signed_date=dt.date(2026, 3, 1), actor=officer)
    services.object_set_class(obj=obj_a, new_class="B", effective_date=dt.date(2026, 5, 1), actor=officer)
    make_permit(obj_b)
    parts = selectors.object_file(user=officer, obj=obj_a)
    assert parts["permits"].count() == 1 and parts["commitments"].count() == 1
    assert parts["class_changes"].count() == 1 and parts["positive_list"].count() == 0


def test_home_cards(district_a_user, obj_a, obj_b):
    cards = selectors.home_cards(district_a_user)
    assert cards[0]["value"] == 1 and cards[0]["note"] == "A 1 · B 0 · C 0"
    assert cards[1]["value"] == 0


def test_object_by_uscc_within_the_users_scope(district_a_user, officer, obj_a, obj_b):
    from ecogov.core.errors import NotFound

    assert selectors.object_by_uscc(user=district_a_user, uscc=f"  {obj_a.uscc.lower()} ") == obj_a
    assert selectors.object_by_uscc(user=officer, uscc=obj_b.uscc) == obj_b
    for uscc in (obj_b.uscc, "", "not-a-code"):
        with pytest.raises(NotFound):
            selectors.object_by_uscc(user=district_a_user, uscc=uscc)
