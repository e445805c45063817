"""The emission-reduction indicator on hand-worked reduction plans, district isolation and its registration."""

from __future__ import annotations

import datetime as dt

import pytest

from ecogov.core import contrib
from ecogov.emergency import indicators as indicators_emission
from ecogov.emergency.models import ReductionPlan, ReductionTarget
from ecogov.registry.tests.helpers import make_object


def test_reduction_rate_hand_worked():
    # 40 t at 30 % = 12 t, 10 t at 10 % = 1 t, 50 t not reported: (12 + 1) / 50 = 26.00 %, coverage 50 / 100
    rate, coverage, detail = indicators_emission.reduction_rate([(40, 30), (10, 10), (50, None)])
    assert (rate, coverage) == (26.0, 0.5) and detail == {"baseline_t": 50.0, "reduced_t": 13.0}
    assert indicators_emission.reduction_rate([(5, None)]) == (None, 0.0, {"baseline_t": 0.0, "reduced_t": 0.0})
    assert indicators_emission.reduction_rate([])[:2] == (None, 0.0)


@pytest.fixture
def plans(tree):
    a = ReductionPlan.objects.create(supervised_object=make_object(tree["grid_a"], status="active"),
                                     jurisdiction=tree["grid_a"], year=2025, measures="停用燃煤锅炉")
    ReductionTarget.objects.create(plan=a, pollutant="pm", baseline_t=20, target_pct=30, achieved_pct=35)
    ReductionTarget.objects.create(plan=a, pollutant="nox", baseline_t=60, target_pct=20, achieved_pct=15)
    b = ReductionPlan.objects.create(supervised_object=make_object(tree["grid_b"], status="active"),
                                     jurisdiction=tree["grid_b"], year=2025, measures="错峰运输")
    ReductionTarget.objects.create(plan=b, pollutant="vocs", baseline_t=10, target_pct=25, achieved_pct=50)
    old = ReductionPlan.objects.create(supervised_object=b.supervised_object, jurisdiction=tree["grid_b"], year=2024,
                                       measures="旧计划")
    ReductionTarget.objects.create(plan=old, pollutant="pm", baseline_t=100, target_pct=10, achieved_pct=0)
    return tree


def test_emission_reduction_of_a_district_and_the_city(plans, admin_user):
    period = {"start": dt.date(2025, 1, 1), "end": dt.date(2025, 12, 31)}
    a = indicators_emission.emission_reduction(admin_user, jurisdiction=plans["district_a"], **period)
    # district A: 20 t x 35 % = 7 t, 60 t x 15 % = 9 t -> 16 / 80 = 20.00 %; one of two targets met
    assert (a.value, a.coverage) == (20.0, 1.0)
    assert (a.detail["plans"], a.detail["targets"], a.detail["targets_met"], a.detail["reduced_t"]) == (1, 2, 1, 16.0)
    city = indicators_emission.emission_reduction(admin_user, jurisdiction=plans["city"], **period)
    # the city: (7 + 9 + 10 x 50 % = 5) / 90 = 21 / 90 = 23.333 -> 23.33 %; the 2024 plan is outside the period
    assert city.value == 23.33 and city.detail["plans"] == 2
    none = indicators_emission.emission_reduction(admin_user, jurisdiction=plans["district_a"],
                                                  start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31))
    assert (none.value, none.coverage) == (None, 0.0)


def test_a_district_officer_sees_only_the_districts_plans(plans, district_a_user):
    seen = indicators_emission.emission_reduction(district_a_user, jurisdiction=plans["city"], start=dt.date(2025, 1, 1),
                                                  end=dt.date(2025, 12, 31))
    assert seen.value == 20.0 and seen.detail["plans"] == 1


def test_registered_as_a_higher_is_better_indicator():
    ind = next(i for i in contrib.indicators if i.key == "emission_reduction")
    assert (ind.direction, ind.unit, ind.min_coverage) == ("higher", "%", 0.5)
