"""Scorecard reads: indicator values from the apps' registered indicators, live scores under a
draft methodology, the frozen results of a published one, the what-if view, and the drill-down.

Every number carries where it came from: the indicator's ``detail`` (rule, rows, link), the
methodology id, version and date, and the veto event's evidence.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ecogov.core import contrib
from ecogov.rectification import selectors as rectification

from . import indicators, scoring
from .choices import VetoCondition, VetoConsequence
from .models import Methodology, ScorecardResult, Unit, VetoEvent

#: Order of severity when several veto rules apply.
SEVERITY = {VetoConsequence.ZERO: 0, VetoConsequence.CAP_GRADE: 1, VetoConsequence.NO_EXCELLENT: 2}


def indicator_catalogue() -> list[contrib.AssessmentIndicator]:
    return list(contrib.indicators)


def indicator_labels() -> dict[str, str]:
    return {i.key: str(i.label) for i in contrib.indicators}


def methodology_period(m: Methodology, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    start, end = dt.date(m.year, 1, 1), dt.date(m.year, 12, 31)
    return start, min(end, today) if today else end


def methodologies(user, *, year: int | None = None, kind: str = ""):
    qs = Methodology.objects.for_user(user).prefetch_related("items", "vetoes")
    if year:
        qs = qs.filter(year=year)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def current_methodology(user, *, year: int, kind: str) -> Methodology | None:
    """The newest version of the year's methodology for ``kind`` (published first)."""
    qs = methodologies(user, year=year, kind=kind)
    return qs.filter(status="published").order_by("-version").first() or qs.order_by("-version").first()


def units(user, kind: str):
    return Unit.objects.for_user(user).filter(kind=kind, active=True).select_related("jurisdiction")


def all_units(user):
    return Unit.objects.for_user(user).filter(active=True).select_related("jurisdiction")


def veto_events(user):
    return VetoEvent.objects.for_user(user).select_related("unit")


def _value(user, indicator: contrib.AssessmentIndicator, unit: Unit, start, end) -> dict:
    compute = contrib.resolve(indicator.compute)
    v = compute(user, jurisdiction=unit.jurisdiction, start=start, end=end)
    return {"value": None if v.value is None else round(float(v.value), 4), "coverage": round(float(v.coverage), 4),
            "detail": dict(v.detail)}


def _red_list_events(user, unit: Unit, start: dt.date, end: dt.date) -> list[dict]:
    """Rectification items of the unit put on the red list in the period and still open at its end."""
    out = []
    for esc in rectification.red_list(user, start=start, end=end):
        item = esc.item
        if item.jurisdiction is None or not item.jurisdiction.path.startswith(unit.jurisdiction.path):
            continue
        if item.closed_date is not None and item.closed_date <= end:
            continue
        out.append({"condition": VetoCondition.RED_LIST, "date": esc.date,
                    "reason": f"整改事项“{item}”于 {esc.date} 列入红榜，截至 {end} 未销号",
                    "evidence": f"rectification item {item.pk}", "event": None})
    return out


def _events(user, m: Methodology, unit: Unit, conditions: list[str], end: dt.date) -> list[dict]:
    rows = [{"condition": e.condition, "date": e.date, "reason": e.description, "evidence": e.evidence,
             "event": e.pk}
            for e in VetoEvent.objects.for_user(user).filter(unit=unit, year=m.year, condition__in=conditions)]
    if VetoCondition.RED_LIST in conditions:
        rows += _red_list_events(user, unit, dt.date(m.year, 1, 1), end)
    return rows


def _veto(user, m: Methodology, unit: Unit, end: dt.date | None = None) -> dict | None:
    rules = {r.condition: r for r in m.vetoes.all()}
    if not rules:
        return None
    events = _events(user, m, unit, list(rules), end or dt.date(m.year, 12, 31))
    hits = sorted(((rules[e["condition"]], e) for e in events), key=lambda re: SEVERITY.get(re[0].consequence, 9))
    if not hits:
        return None
    rule, event = hits[0]
    return {"condition": rule.condition, "consequence": rule.consequence, "cap_grade": rule.cap_grade,
            "reason": event["reason"], "evidence": event["evidence"], "date": event["date"].isoformat(),
            "event": event["event"]}


def _inputs(m: Methodology, values: dict[str, dict], weights: dict[str, float] | None = None):
    catalogue = {i.key: i for i in contrib.indicators}
    out = []
    for item in m.items.all():
        ind = catalogue.get(item.indicator)
        v = values.get(item.indicator) or {"value": None, "coverage": 0.0}
        out.append(scoring.ItemInput(
            item.indicator, v["value"], v["coverage"], ind.min_coverage if ind else 1.0,
            float((weights or {}).get(item.indicator, item.weight)), item.rule,
            ind.direction if ind else "higher", item.bonus))
    return out


def _row(m: Methodology, unit: Unit, values: dict[str, dict], veto: dict | None, weights=None) -> dict:
    res = scoring.total(_inputs(m, values, weights), veto=veto, grades=m.grades or None)
    indicators = {}
    for it in res.items:
        indicators[it.key] = {**values.get(it.key, {}), "score": it.score, "status": it.status,
                              "weight": it.weight, "bonus": it.bonus}
    return {"unit": unit.name, "unit_id": unit.pk, "peer_group": unit.peer_group, "score": res.score,
            "score_before_veto": res.score_before_veto, "grade": res.grade, "veto": res.veto,
            "indicators": indicators, "weight_covered": round(res.weight_covered, 4),
            "methodology": {"id": m.pk, "version": m.version, "valid_from": m.valid_from.isoformat(),
                            "title": m.title}}


def rank_rows(rows: list[dict]) -> list[dict]:
    """Rank within each peer group, highest score first, ties shared."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        groups[r["peer_group"]].append(r)
    for group in groups.values():
        ranks = scoring.ranks({r["unit_id"]: r["score"] for r in group})
        for r in group:
            r["rank"] = ranks.get(r["unit_id"])
    rows.sort(key=lambda r: (r["peer_group"], r["rank"] is None, r["rank"] or 0, r["unit"]))
    return rows


def live_rows(user, m: Methodology, *, today: dt.date | None = None) -> list[dict]:
    """Scores computed now from live data (a draft methodology, or the basis of publishing)."""
    start, end = methodology_period(m, today)
    catalogue = {i.key: i for i in contrib.indicators}
    rows = []
    with indicators.batch():
        for unit in units(user, m.kind):
            values = {it.indicator: _value(user, catalogue[it.indicator], unit, start, end)
                      for it in m.items.all() if it.indicator in catalogue}
            for v in values.values():
                v["detail"].setdefault("period", f"{start}..{end}")
            rows.append(_row(m, unit, values, _veto(user, m, unit, end)))
    return rank_rows(rows)


def stored_rows(user, m: Methodology, *, weights: dict[str, float] | None = None) -> list[dict]:
    """The frozen results of a published methodology; with ``weights`` the what-if view (not saved)."""
    rows = []
    results = ScorecardResult.objects.for_user(user).filter(methodology=m).select_related("unit")
    for res in results:
        if weights:
            values = {k: {kk: v.get(kk) for kk in ("value", "coverage", "detail")} for k, v in res.indicators.items()}
            row = _row(m, res.unit, values, res.veto, weights)
        else:
            row = {"unit": res.unit.name, "unit_id": res.unit_id, "peer_group": res.unit.peer_group,
                   "score": res.score, "score_before_veto": res.score_before_veto, "grade": res.grade,
                   "veto": res.veto, "indicators": res.indicators, "rank": res.rank, "result_id": res.pk,
                   "methodology": {"id": m.pk, "version": m.version, "valid_from": m.valid_from.isoformat(),
                                   "title": m.title}}
        row["result_id"] = res.pk
        rows.append(row)
    return rank_rows(rows) if weights else sorted(
        rows, key=lambda r: (r["peer_group"], r["rank"] is None, r["rank"] or 0, r["unit"]))


def rows_for(user, m: Methodology, *, weights=None, today: dt.date | None = None) -> list[dict]:
    return stored_rows(user, m, weights=weights) if m.is_frozen else live_rows(user, m, today=today)


def with_change(user, rows: list[dict], m: Methodology) -> list[dict]:
    """Add ``rank_change`` against the previous year's published result of the same kind."""
    prev = Methodology.objects.for_user(user).filter(kind=m.kind, year=m.year - 1, status="published") \
        .order_by("-version").first()
    before = {}
    if prev is not None:
        before = dict(ScorecardResult.objects.for_user(user).filter(methodology=prev).values_list("unit_id", "rank"))
    for r in rows:
        b = before.get(r["unit_id"])
        r["rank_previous"] = b
        r["rank_change"] = None if b is None or r.get("rank") is None else b - r["rank"]
    return rows
