"""Composite index, ties, change-rate ranking and heavy-pollution warning levels."""

from __future__ import annotations

from ecogov.standards import change_rate, change_rate_ranking, composite_index, rank_with_ties, warning_level
from ecogov.standards.warning import WarningRule, WarningThresholds


def test_composite_index_worked_example():
    stats = {"pm25": 21, "pm10": 39, "so2": 9, "no2": 15, "o3": 192, "co": 0.7}
    r = composite_index(stats)
    # 21/35 + 39/70 + 9/60 + 15/40 + 192/160 + 0.7/4 = 0.6 + 0.5571 + 0.15 + 0.375 + 1.2 + 0.175 = 3.0571 -> 3.06
    assert r.total == 3.06 and r.scheme == "2018"
    assert r.items == {"so2": 0.15, "no2": 0.375, "pm10": 39 / 70, "pm25": 0.6, "co": 0.175, "o3": 1.2}


def test_weighted_variant_is_named_and_off_by_default():
    stats = {"pm25": 21, "pm10": 39, "so2": 9, "no2": 15, "o3": 192, "co": 0.7}
    r = composite_index(stats, scheme="2026-weighted-unconfirmed")
    # 3*21/30 + 39/60 + 9/60 + 2*15/40 + 2*192/160 + 0.7/4 = 2.1+0.65+0.15+0.75+2.4+0.175 = 6.225 -> 6.22 (half even)
    assert r.total == 6.22
    assert composite_index(stats).total == 3.06


def test_rank_with_ties():
    ranks = rank_with_ties({"A": 3.06, "B": 4.1, "C": 3.06, "D": 2.5, "E": None})
    assert ranks == {"D": 1, "A": 2, "C": 2, "B": 4}
    assert rank_with_ties({"A": 1, "B": 2}, ascending=False) == {"B": 1, "A": 2}


def test_change_rate_ranking():
    # (3.06 - 3.40)/3.40 = -10 %; (4.1 - 4.0)/4.0 = +2.5 %; (2.2 - 2.0)/2.0 = +10 %; X: +2.5 % too
    assert change_rate(3.06, 3.40) == -10.0
    cur = {"A": 3.06, "B": 4.1, "C": 2.2, "X": 4.1}
    prev = {"A": 3.40, "B": 4.0, "C": 2.0, "X": 4.0}
    r = change_rate_ranking(cur, prev, meeting_grade2={"C"})
    assert r.rates == {"A": -10.0, "B": 2.5, "C": 10.0, "X": 2.5}
    assert r.improved == {"A": 1, "B": 2, "X": 2, "C": 4}
    assert r.worsened == {"B": 1, "X": 1}  # C meets Grade II: excluded from "most worsened"
    assert r.excluded_from_worsened == ("C",)


def test_warning_levels_2018_guidance():
    assert warning_level([150, 180]).level is None
    assert warning_level([150, 210, 180]).level == "blue"
    assert warning_level([210, 250]).level == "yellow"
    assert warning_level([210, 310, 250]).level == "orange"
    assert warning_level([210, 250, 260]).level == "yellow"  # 3 days but none > 300
    assert warning_level([250, 310, 320, 260]).level == "red"
    assert warning_level([250, 310, 260, 280]).level == "orange"  # 4 days, only one > 300
    assert warning_level([150, 500]).level == "red"
    assert warning_level([250, 310, 320, 260]).level_zh == "红色预警"


def test_warning_episode_merging():
    r = warning_level([210, 150, 220])  # one day between does not clear: one episode of 2 heavy days
    assert r.level == "yellow" and len(r.episodes) == 1 and r.episodes[0].heavy_days == 2
    r = warning_level([210, 150, 150, 220])
    assert r.level == "blue" and len(r.episodes) == 2
    strict = WarningThresholds(merge_gap_days=0)
    assert warning_level([210, 150, 220], thresholds=strict).level == "blue"


def test_warning_thresholds_configurable():
    local = WarningThresholds(
        heavy_aqi=150,
        rules=(
            WarningRule("red", heavy_days=3),
            WarningRule("yellow", heavy_days=2),
            WarningRule("blue", heavy_days=1),
        ),
    )
    assert warning_level([160, 170], thresholds=local).level == "yellow"
    assert warning_level([160, 170, 155], thresholds=local).level == "red"
