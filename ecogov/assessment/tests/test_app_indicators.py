"""Indicators other apps register for the scorecards, on hand-made rows, as the unit's district user."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ecogov.core import contrib


def _compute(key, user, jurisdiction, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)):
    return contrib.resolve(contrib.indicators.get(key).compute)(user, jurisdiction=jurisdiction, start=start, end=end)


def test_registered_with_direction_and_minimum_coverage():
    keys = {i.key: i for i in contrib.indicators}
    for key in ("registry_execution_report_rate", "supervision_double_random_completion",
                "complaints_in_time_rate", "enforcement_cases_per_100", "air_pm25", "water_good_ratio"):
        assert key in keys and keys[key].direction in ("higher", "lower") and 0 < keys[key].min_coverage <= 1


def test_complaints_closed_within_the_time_limit(tree, district_a_user):
    from ecogov.complaints.models import Complaint, ComplaintCategory

    cat = ComplaintCategory.objects.create(code="h4-test-air", name="大气测试")
    tz = timezone.get_current_timezone()

    def complaint(n, district, due, closed):
        closed_at = None if closed is None else dt.datetime.combine(closed, dt.time(10), tzinfo=tz)
        Complaint.objects.create(tracking_code=f"T{n}", category=cat, description="x", jurisdiction=district,
                                 finish_due=due, closed_at=closed_at, status="closed" if closed else "assigned")

    # district A: four due in 2025: closed on the due day, early, late, open -> 2 of 4 in time = 50 %
    complaint(1, tree["street_a"], dt.date(2025, 3, 1), dt.date(2025, 3, 1))
    complaint(2, tree["street_a"], dt.date(2025, 4, 1), dt.date(2025, 3, 20))
    complaint(3, tree["district_a"], dt.date(2025, 5, 1), dt.date(2025, 5, 2))
    complaint(4, tree["district_a"], dt.date(2025, 6, 1), None)
    complaint(5, tree["district_a"], dt.date(2026, 1, 5), dt.date(2026, 1, 1))  # due next year: left out
    complaint(6, tree["district_b"], dt.date(2025, 3, 1), dt.date(2025, 3, 1))  # another district
    v = _compute("complaints_in_time_rate", district_a_user, tree["district_a"])
    assert v.value == pytest.approx(50.0) and v.coverage == 1.0 and v.detail["rows"] == 4
    # district A's user reads nothing of district B
    assert _compute("complaints_in_time_rate", district_a_user, tree["district_b"]).value is None


def test_penalty_cases_per_100_class_a_and_b_objects(tree, district_a_user):
    from ecogov.enforcement.models import PenaltyCase
    from ecogov.registry.models import SupervisedObject

    objs = [SupervisedObject.objects.create(uscc=f"91360100MA35{n:06d}", name=f"企业{n}", jurisdiction=tree["street_a"],
                                            supervision_class=c) for n, c in enumerate("AABBC")]
    # 4 class A/B objects; 3 cases filed in 2025 (one on a class C object still counts), 1 in 2024
    for n, (obj, filed) in enumerate([(objs[0], dt.date(2025, 2, 1)), (objs[1], dt.date(2025, 3, 1)),
                                      (objs[4], dt.date(2025, 9, 1)), (objs[2], dt.date(2024, 12, 1))]):
        PenaltyCase.objects.create(case_no=f"C{n}", supervised_object=obj, facts="x", opened_date=filed,
                                   filed_date=filed)
    v = _compute("enforcement_cases_per_100", district_a_user, tree["district_a"])
    # 3 x 100 / 4 = 75 cases per 100 class A/B objects
    assert v.value == pytest.approx(75.0) and v.detail["objects_ab"] == 4 and v.detail["rows"] == 3
    assert _compute("enforcement_cases_per_100", district_a_user, tree["district_b"]).value is None
