"""Scorecard arithmetic (pure: no Django, no I/O): scoring rules, weights,
insufficient data, the one-vote veto, grades and peer-group ranks.

A rule is data (``MethodologyItem.rule``):

- ``{"kind": "linear", "floor": F, "target": T}``: 0 points at the floor, 100 at the
  target, linear between, clipped (a floor above the target scores "lower is better");
- ``{"kind": "bands", "bands": [[threshold, points], ...]}``: the points of the first
  band the value reaches (``>=`` when higher is better, ``<=`` when lower is better),
  bands taken from the best threshold down; 0 when none is reached;
- ``{"kind": "deduction", "per": P, "cap": C, "base": 100}``: ``base - min(C, P * value)``
  (value = a count of events);
- ``{"kind": "bonus", "per": P, "cap": C}``: ``min(C, P * value)`` points added to the total.

The total is the weighted mean of the scored indicators (weights renormalised over
those with enough data) plus bonus points, capped at 100.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ecogov.standards.ranking import rank_with_ties

DEFAULT_GRADES = {"excellent": 90.0, "good": 80.0, "pass": 60.0}
GRADE_ORDER = ("excellent", "good", "pass", "fail")


def _clip(x: float, lo: float = 0.0, hi: float = 100.0) -> float:
    return max(lo, min(hi, x))


def score_linear(value: float, *, floor: float, target: float) -> float:
    if target == floor:
        raise ValueError("target equals floor / 目标值与下限相同")
    return _clip(100.0 * (value - floor) / (target - floor))


def score_bands(value: float, bands: Sequence[Sequence[float]], *, direction: str = "higher") -> float:
    higher = direction == "higher"
    ordered = sorted(bands, key=lambda b: b[0], reverse=higher)
    for threshold, points in ordered:
        if (value >= threshold) if higher else (value <= threshold):
            return float(points)
    return 0.0


def score_deduction(value: float, *, per: float, cap: float, base: float = 100.0) -> float:
    return _clip(base - min(cap, per * value))


def score_bonus(value: float, *, per: float, cap: float) -> float:
    return max(0.0, min(cap, per * value))


def score(value: float, rule: Mapping, *, direction: str = "higher") -> float:
    """The points of ``value`` under ``rule`` (0..100; bonus points for a bonus rule)."""
    kind = rule.get("kind")
    if kind == "linear":
        return score_linear(value, floor=float(rule["floor"]), target=float(rule["target"]))
    if kind == "bands":
        return score_bands(value, rule["bands"], direction=direction)
    if kind == "deduction":
        return score_deduction(value, per=float(rule["per"]), cap=float(rule["cap"]),
                               base=float(rule.get("base", 100)))
    if kind == "bonus":
        return score_bonus(value, per=float(rule["per"]), cap=float(rule["cap"]))
    raise ValueError(f"unknown rule kind {kind!r} / 未知评分规则")


@dataclass(frozen=True)
class ItemInput:
    key: str
    value: float | None
    coverage: float
    min_coverage: float
    weight: float
    rule: Mapping
    direction: str = "higher"
    bonus: bool = False


@dataclass
class ItemScore:
    key: str
    value: float | None
    coverage: float
    weight: float
    score: float | None
    status: str  # "scored" | "insufficient"
    bonus: bool = False


@dataclass
class Total:
    items: list[ItemScore]
    score_before_veto: float | None
    score: float | None
    grade: str
    veto: dict | None = None
    weight_covered: float = 0.0
    notes: list[str] = field(default_factory=list)


def score_item(it: ItemInput) -> ItemScore:
    if it.value is None or it.coverage < it.min_coverage:
        return ItemScore(it.key, it.value, it.coverage, it.weight, None, "insufficient", it.bonus)
    return ItemScore(it.key, it.value, it.coverage, it.weight, round(score(it.value, it.rule, direction=it.direction), 2),
                     "scored", it.bonus)


def grade_of(total: float | None, grades: Mapping[str, float] | None = None) -> str:
    g = {**DEFAULT_GRADES, **(grades or {})}
    if total is None:
        return ""
    return next((name for name in GRADE_ORDER[:-1] if total >= g[name]), "fail")


def weighted_total(items: Sequence[ItemScore]) -> tuple[float | None, float]:
    """(total, share of the weight that had enough data)."""
    main = [i for i in items if not i.bonus]
    scored = [i for i in main if i.score is not None]
    weight = sum(i.weight for i in main)
    got = sum(i.weight for i in scored)
    if not scored or got <= 0:
        return None, 0.0
    total = sum(i.weight * (i.score or 0.0) for i in scored) / got
    total += sum(i.score or 0.0 for i in items if i.bonus)
    return round(min(100.0, total), 2), (got / weight if weight else 0.0)


def _capped(grade: str, cap: str) -> str:
    return grade if GRADE_ORDER.index(grade) >= GRADE_ORDER.index(cap) else cap


def apply_veto(score_value: float | None, grade: str, veto: Mapping | None) -> tuple[float | None, str]:
    """The score and grade after a veto ``{"consequence", "cap_grade"}`` (None: unchanged)."""
    if not veto or score_value is None:
        return score_value, grade
    consequence = veto["consequence"]
    if consequence == "zero":
        return 0.0, "fail"
    if consequence == "no_excellent":
        return score_value, _capped(grade, "good")
    if consequence == "cap_grade":
        return score_value, _capped(grade, veto.get("cap_grade") or "pass")
    raise ValueError(f"unknown veto consequence {consequence!r}")


def total(items: Sequence[ItemInput], *, veto: Mapping | None = None, grades: Mapping | None = None) -> Total:
    """Score every item, add up, grade, then apply the veto (the score before it is kept)."""
    scored = [score_item(i) for i in items]
    before, covered = weighted_total(scored)
    grade = grade_of(before, grades)
    after, grade = apply_veto(before, grade, veto)
    return Total(scored, before, after, grade, dict(veto) if veto else None, covered)


def ranks(scores: Mapping[object, float | None]) -> dict[object, int]:
    """Competition ranks, highest score first, ties shared (1, 2, 2, 4)."""
    return rank_with_ties(dict(scores), ascending=False)
