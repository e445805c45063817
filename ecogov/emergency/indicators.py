"""The emission-reduction indicator (污染物减排) for scorecards (``contrib.indicators``), from the
one-enterprise-one-policy reduction plans (一企一策): the reduction achieved by
the unit's plans of the period, weighted by each target's baseline emission."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from ecogov.core.contrib import IndicatorValue
from ecogov.standards.rounding import round_decimal

from .models import ReductionTarget


def reduction_rate(targets: list[tuple[float, float | None]]) -> tuple[float | None, float, dict]:
    """Baseline-weighted reduction achieved [%] of ``(baseline [t/a], achieved [%] or None)`` pairs (pure).

    Returns the rate (None without a reported target), the coverage (the share of the baseline
    whose achievement is reported, 0..1) and the tonnes behind it.
    """
    total = sum(b for b, _ in targets)
    reported = [(b, a) for b, a in targets if a is not None]
    base = sum(b for b, _ in reported)
    reduced = sum(b * a / 100 for b, a in reported)
    rate = None if base <= 0 else float(round_decimal(100 * reduced / base, 2))
    coverage = base / total if total > 0 else 0.0
    return rate, coverage, {"baseline_t": float(round_decimal(base, 1)), "reduced_t": float(round_decimal(reduced, 1))}


def emission_reduction(user, *, jurisdiction, start: dt.date, end: dt.date) -> IndicatorValue:
    """Reduction achieved [%] by the unit's reduction plans of the years ``start``..``end``."""
    qs = ReductionTarget.objects.for_user(user).within(jurisdiction).filter(
        plan__year__gte=start.year, plan__year__lte=end.year)
    rows = list(qs.values_list("baseline_t", "achieved_pct", "target_pct", "plan_id"))
    rate, coverage, detail = reduction_rate([(b, a) for b, a, _, _ in rows])
    detail |= {"plans": len({p for *_, p in rows}), "targets": len(rows),
               "targets_met": sum(1 for _, a, t, _ in rows if a is not None and a >= t),
               "rule": "Σ(基准排放量 × 实际减排比例) / Σ 基准排放量（一企一策减排计划）",
               "url": reverse("emergency:reduction_plan_list")}
    return IndicatorValue(rate, coverage=coverage, detail=detail)
