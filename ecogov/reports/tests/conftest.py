"""Hand-made registry data for the briefing tests (figures worked out in each test)."""

from __future__ import annotations

import datetime as dt

import pytest

from ecogov.registry.models import Commitment, ExecutionReport, Registration
from ecogov.registry.tests.helpers import make_object, make_permit


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def registry_data(tree):
    """District A: 3 objects; district B: 1 object. Period of the tests: 2021-08."""
    a1, a2, a3 = (make_object(tree["grid_a"]) for _ in range(3))
    b1 = make_object(tree["grid_b"])
    # commitments: a1 twice (one enterprise), a2 once, a3 after August (not yet), b1 once
    for obj, day in ((a1, dt.date(2021, 3, 1)), (a1, dt.date(2021, 6, 1)), (a2, dt.date(2021, 8, 31)),
                     (a3, dt.date(2021, 9, 1)), (b1, dt.date(2021, 5, 5))):
        Commitment.objects.create(supervised_object=obj, signed_date=day)
    # permits: a1 and a2 valid, a3 revoked, b1 issued in September (after the period)
    p1 = make_permit(a1, valid_from=dt.date(2020, 1, 1))
    p2 = make_permit(a2, valid_from=dt.date(2020, 6, 1))
    make_permit(a3, valid_from=dt.date(2020, 6, 1), status="revoked")
    make_permit(b1, valid_from=dt.date(2021, 9, 10))
    for i, (j, day) in enumerate(((tree["grid_a"], dt.date(2020, 1, 1)), (tree["grid_a"], dt.date(2021, 2, 1)),
                                  (tree["street_a"], dt.date(2021, 8, 1)), (tree["grid_b"], dt.date(2021, 1, 1)))):
        Registration.objects.create(registration_no=f"REG{i:04d}", registered_date=day, unit_name=f"登记单位{i}",
                                    jurisdiction=j)
    # the 2020 annual reports, due 2021-01-15: p1 submitted, p2 not -> 1 of 2 = 50 %
    ExecutionReport.objects.create(permit=p1, frequency="annual", period_start=dt.date(2020, 1, 1),
                                   period_end=dt.date(2020, 12, 31), due_date=dt.date(2021, 1, 15),
                                   submitted_date=dt.date(2021, 1, 10))
    ExecutionReport.objects.create(permit=p2, frequency="annual", period_start=dt.date(2020, 1, 1),
                                   period_end=dt.date(2020, 12, 31), due_date=dt.date(2021, 1, 15))
    return {"a": (a1, a2, a3), "b": (b1,)}
