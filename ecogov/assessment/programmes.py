"""The ecological "exam paper" (gap report), the project register with progress against plan, and
basin ecological compensation (the calculation shown section by section and month by month)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from ecogov.monitoring import selectors as monitoring
from ecogov.rectification import selectors as rectification
from ecogov.standards import section_class
from ecogov.standards.water_eval import period_means

from . import air, water
from .models import CompensationAgreement, EcoIndicator, EcoIndicatorValue, Programme, Project

# ----------------------------------------------------------------------------- exam paper

MET, NOT_MET, NO_DATA = "met", "not_met", "no_data"
STATUS_LABELS = {MET: "达标", NOT_MET: "未达标", NO_DATA: "无数据"}


def _computed(user, key: str, year: int) -> tuple[float | None, str]:
    """A value the platform computes itself, and where it comes from."""
    if key in ("air_good_ratio", "pm25"):
        r = air.city_result(user, year=year, period="year")
        if r is None or not r.valid_days:
            return None, ""
        return (r.good_ratio if key == "air_good_ratio" else r.pm25), "空气质量考核评价（HJ 663）"
    if key in ("water_good_ratio", "national_good_ratio"):
        summary = water.level_summary(water.evaluate_sites(user, year=year, period="year"))
        row = next((s for s in summary if s["level"] == ("" if key == "water_good_ratio" else "national")), None)
        return (row["good_ratio"] if row else None), "地表水考核评价（单因子法）"
    if key == "drinking_water":
        return water.sources_summary(water.evaluate_sites(user, year=year, period="year", kind="source"))["ratio"], \
            "饮用水水源地达标评价"
    return None, ""


def status_of(value: float | None, target: float, direction: str) -> str:
    if value is None:
        return NO_DATA
    return MET if (value >= target if direction == "higher" else value <= target) else NOT_MET


def exam_paper(user, *, year: int) -> list[dict]:
    """Each indicator with its target, the year's value (computed or entered), the evidence and the gap."""
    entered = {v.indicator_id: v for v in EcoIndicatorValue.objects.for_user(user).filter(year=year)}
    rows = []
    for ind in EcoIndicator.objects.for_user(user):
        if ind.computed:
            value, evidence = _computed(user, ind.computed, year)
            source = "computed"
        else:
            v = entered.get(ind.pk)
            value, evidence, source = (v.value, v.evidence, "entered") if v else (None, "", "")
        status = status_of(value, ind.target, ind.direction)
        rows.append({"pk": ind.pk, "computed": bool(ind.computed), "code": ind.code, "name": ind.name, "category": ind.category, "unit": ind.unit,
                     "target": ind.target, "direction": ind.direction, "department": ind.department,
                     "value": None if value is None else round(value, 2), "evidence": evidence, "source": source,
                     "status": status, "status_label": STATUS_LABELS[status]})
    return rows


def indicator_get(user, pk: int) -> EcoIndicator | None:
    return EcoIndicator.objects.for_user(user).filter(pk=pk).first()


def gap_counts(rows: list[dict]) -> dict[str, int]:
    return {s: sum(1 for r in rows if r["status"] == s) for s in (MET, NOT_MET, NO_DATA)}


# ----------------------------------------------------------------------------- projects


def _milestones(p: Project) -> list[tuple[dt.date, int]]:
    return [(dt.date.fromisoformat(m["due"]), int(m.get("share", 0))) for m in p.milestones or [] if m.get("due")]


def project_rows(user, *, programme: int | None = None, year: int | None = None,
                 today: dt.date | None = None) -> list[dict]:
    """Projects with progress against plan (the ledger's computation) and investment completion."""
    today = today or dt.date.today()
    calc = rectification.calc
    qs = Project.objects.for_user(user).select_related("programme", "jurisdiction")
    if programme:
        qs = qs.filter(programme_id=programme)
    if year:
        qs = qs.filter(year=year)
    rows = []
    for p in qs:
        plan = calc.plan_on(_milestones(p), today, deadline=p.deadline)
        state = calc.state(progress=p.progress, plan=plan)
        rows.append({"project": p, "code": p.code, "name": p.name, "programme": p.programme.name,
                     "category": p.category, "unit": p.jurisdiction.name, "year": p.year,
                     "planned": p.planned_investment, "actual": p.actual_investment,
                     "investment_rate": calc.rate(int(p.actual_investment), int(p.planned_investment)),
                     "progress": p.progress, "expected": plan.expected, "state": state,
                     "state_label": STATE_LABELS.get(state, state), "deadline": p.deadline,
                     "indicator": p.indicator, "ledger_ref": p.ledger_ref})
    return rows


STATE_LABELS = {"not_started": "未开工", "behind": "滞后于序时进度", "on_schedule": "符合序时进度",
                "ahead": "超序时进度", "done": "已完成", "sustained": "已完成、长期坚持"}


def totals(rows: list[dict], by: str) -> list[dict]:
    """Totals per ``programme``, ``category`` or ``year``: projects, planned and actual investment, done, behind."""
    acc: dict = defaultdict(lambda: {"projects": 0, "planned": Decimal(0), "actual": Decimal(0), "done": 0,
                                     "behind": 0})
    for r in rows:
        t = acc[r[by]]
        t["projects"] += 1
        t["planned"] += r["planned"]
        t["actual"] += r["actual"]
        t["done"] += r["state"] in ("done", "sustained")
        t["behind"] += r["state"] == "behind"
    return [{"key": k, **v} for k, v in sorted(acc.items(), key=lambda kv: str(kv[0]))]


def programmes(user):
    return Programme.objects.for_user(user)


# ----------------------------------------------------------------------------- compensation


def settle(rows: list[dict], rule: dict) -> dict:
    """Amounts per section-month from its class and target under ``rule`` (pure).

    Meeting the target: the downstream unit pays ``met``; missing it: the upstream pays ``missed``
    (``per_month``) or ``step`` per class above the target (``per_step``); no class: nothing.
    ``paid_total`` is everything paid out under the agreement (both directions).
    """
    to_up = to_down = Decimal(0)
    out = []
    for r in rows:
        klass, target = r["klass"], r["target"]
        amount, payer = Decimal(0), ""
        if klass is not None and klass <= target:
            amount, payer = Decimal(str(rule["met"])), "downstream"
            to_up += amount
        elif klass is not None:
            per = rule["missed"] if rule["kind"] == "per_month" else Decimal(str(rule["step"])) * (klass - target)
            amount, payer = Decimal(str(per)), "upstream"
            to_down += amount
        out.append({**r, "amount": amount, "payer": payer})
    return {"rows": out, "to_upstream": to_up, "to_downstream": to_down, "net_to_upstream": to_up - to_down,
            "paid_total": to_up + to_down}


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)


def agreement_rows(user, agreement: CompensationAgreement, year: int) -> list[dict]:
    """Each boundary section's monthly class (single factor on the month's mean) against its target."""
    sites = {s.code: s for s in monitoring.water_sites(user) if s.code in agreement.sections}
    rows = []
    for month in range(1, 13):
        start, end = dt.date(year, month, 1), _month_end(year, month)
        if end < agreement.valid_from or start > agreement.valid_to:
            continue
        samples = monitoring.water_samples_between(start, end)
        for code in agreement.sections:
            site = sites.get(code)
            if site is None:
                continue
            got = samples.get(site.pk, [])
            klass = section_class(period_means(got), waterbody=site.waterbody, items=water.CLASS_ITEMS).klass \
                if got else None
            rows.append({"month": f"{year}-{month:02d}", "code": code, "name": site.name, "klass": klass,
                         "class_label": water.class_label(klass), "target": site.target_class})
    return rows


def compensation(user, agreement: CompensationAgreement, year: int) -> dict:
    return settle(agreement_rows(user, agreement, year), agreement.rule)


def agreements(user):
    return CompensationAgreement.objects.for_user(user).select_related("upstream", "downstream")
