"""Scoring rules, weights, insufficient data, veto and ranks on hand-worked examples."""

from __future__ import annotations

import pytest

from ecogov.assessment import scoring
from ecogov.assessment.scoring import ItemInput


def test_linear_between_floor_and_target_both_directions():
    # lower is better: floor 45, target 25; 30 -> 100 x (30 - 45) / (25 - 45) = 75
    assert scoring.score_linear(30, floor=45, target=25) == pytest.approx(75)
    assert scoring.score_linear(50, floor=45, target=25) == 0 and scoring.score_linear(20, floor=45, target=25) == 100
    # higher is better: floor 80, target 95; 92 -> 100 x 12 / 15 = 80
    assert scoring.score_linear(92, floor=80, target=95) == pytest.approx(80)
    with pytest.raises(ValueError):
        scoring.score_linear(1, floor=2, target=2)


def test_bands_from_the_best_threshold_down():
    bands = [[100, 100], [90, 90], [80, 75], [0, 50]]
    assert scoring.score_bands(95, bands) == 90 and scoring.score_bands(100, bands) == 100
    assert scoring.score_bands(79.9, bands) == 50
    lower = [[2, 100], [5, 80]]
    assert scoring.score_bands(3, lower, direction="lower") == 80 and scoring.score_bands(6, lower, direction="lower") == 0


def test_deductions_capped_and_bonus_capped():
    assert scoring.score(3, {"kind": "deduction", "per": 5, "cap": 30}) == 85  # 100 - 15
    assert scoring.score(10, {"kind": "deduction", "per": 5, "cap": 30}) == 70  # 50 capped at 30
    assert scoring.score(4, {"kind": "bonus", "per": 2, "cap": 5}) == 5  # 8 capped at 5
    with pytest.raises(ValueError):
        scoring.score(1, {"kind": "magic"})


def _items(b_coverage: float = 1.0, bonus: float = 0.0):
    return [
        ItemInput("a", 30, 1.0, 0.75, 60, {"kind": "linear", "floor": 45, "target": 25}, "lower"),  # 75 points
        ItemInput("b", 92, b_coverage, 0.75, 40, {"kind": "linear", "floor": 80, "target": 95}),  # 80 points
        ItemInput("x", bonus, 1.0, 0.0, 0, {"kind": "bonus", "per": 2, "cap": 5}, bonus=True),
    ]


def test_weighted_total_bonus_and_grade():
    # (60 x 75 + 40 x 80) / 100 = 77 -> pass; with 4 bonus events: 77 + 5 (capped) = 82 -> good
    t = scoring.total(_items())
    assert t.score == 77 and t.grade == "pass" and t.weight_covered == 1.0
    t = scoring.total(_items(bonus=4))
    assert t.score == 82 and t.grade == "good"


def test_insufficient_data_is_not_scored_and_weights_renormalise():
    t = scoring.total(_items(b_coverage=0.5))
    b = next(i for i in t.items if i.key == "b")
    assert b.status == "insufficient" and b.score is None
    assert t.score == 75 and t.weight_covered == pytest.approx(0.6)


def test_veto_consequences():
    before = scoring.total(_items(bonus=10))  # 77 + 5 = 82
    zero = scoring.total(_items(bonus=10), veto={"consequence": "zero"})
    assert (zero.score_before_veto, zero.score, zero.grade) == (82, 0.0, "fail")
    assert zero.veto == {"consequence": "zero"} and before.veto is None
    assert scoring.apply_veto(95, "excellent", {"consequence": "no_excellent"}) == (95, "good")
    assert scoring.apply_veto(95, "excellent", {"consequence": "cap_grade", "cap_grade": "pass"}) == (95, "pass")
    assert scoring.apply_veto(70, "pass", {"consequence": "no_excellent"}) == (70, "pass")  # a cap never raises


def test_ranks_share_ties():
    assert scoring.ranks({"a": 90, "b": 85, "c": 90, "d": 70, "e": None}) == {"a": 1, "c": 1, "b": 3, "d": 4}
    assert scoring.grade_of(90) == "excellent" and scoring.grade_of(89.99) == "good" and scoring.grade_of(59) == "fail"
    assert scoring.grade_of(85, {"excellent": 85}) == "excellent"
