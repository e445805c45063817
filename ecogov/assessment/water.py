"""The official surface-water assessment of a year or a year to date: each section's
class by the single-factor method on the period means (2011 method), main
pollutants, compliance against its target class, good-water ratio (I-III) and
劣V count per level (国考/省考/市考), river and basin evaluation by section
shares, lake TLI, and drinking-water source compliance.

Samples are read through ``ecogov.monitoring.selectors``; classes come from
``ecogov.standards``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from ecogov.monitoring import selectors as monitoring
from ecogov.standards import drinking_water_supplementary, section_class, target_compliance
from ecogov.standards.water_eval import (
    good_water_ratio,
    period_means,
    river_evaluation,
    river_main_pollutants,
    tli,
)

from .air import period_of, shift_year

#: Items evaluated for the class (GB 3838 Table 1 basic items measured by the programme).
CLASS_ITEMS = ("ph", "do", "codmn", "cod", "bod5", "nh3n", "tp", "cu", "zn", "fluoride", "se", "as", "hg",
               "cd", "cr6", "pb", "cyanide", "volatile_phenol", "petroleum", "las", "sulfide")
LEVELS = ("national", "provincial", "city")
CLASS_LABELS = {1: "Ⅰ类", 2: "Ⅱ类", 3: "Ⅲ类", 4: "Ⅳ类", 5: "Ⅴ类", 6: "劣Ⅴ类"}
ITEM_NAMES = {"codmn": "高锰酸盐指数", "nh3n": "氨氮", "tp": "总磷", "do": "溶解氧", "cod": "化学需氧量",
              "bod5": "五日生化需氧量", "ph": "pH", "fluoride": "氟化物", "tn": "总氮", "petroleum": "石油类"}


def class_label(klass: int | None) -> str:
    return CLASS_LABELS.get(klass or 0, "—")


@dataclass
class SiteResult:
    site: object
    n_samples: int
    means: dict[str, float]
    klass: int | None
    main_pollutants: tuple
    target: int
    compliant: bool | None
    previous_klass: int | None = None
    supplementary: dict = field(default_factory=dict)

    @property
    def code(self) -> str:
        return self.site.code

    @property
    def name(self) -> str:
        return self.site.name

    @property
    def level(self) -> str:
        return getattr(self.site, "level", "")

    @property
    def class_label(self) -> str:
        return class_label(self.klass)

    @property
    def previous_label(self) -> str:
        return class_label(self.previous_klass)

    @property
    def pollutants_text(self) -> str:
        return "、".join(f"{ITEM_NAMES.get(k, k)}({m:.2f})" for k, m in self.main_pollutants)

    @property
    def is_lake(self) -> bool:
        return self.site.waterbody == "lake"


def _evaluate(site, samples: list[dict], *, drinking: bool = False) -> SiteResult:
    means = period_means(samples)
    res = section_class(means, waterbody=site.waterbody, items=CLASS_ITEMS)
    compliant = target_compliance(res.klass, site.target_class)
    supplementary = drinking_water_supplementary(means) if drinking else {}
    if drinking and compliant and any(v is False for v in supplementary.values()):
        compliant = False
    return SiteResult(site, len(samples), means, res.klass, res.main_pollutants, site.target_class, compliant,
                      supplementary=supplementary)


def evaluate_sites(user, *, year: int, period: str = "ytd", kind: str = "section",
                   today: dt.date | None = None) -> list[SiteResult]:
    """Every section (or drinking-water source) the user reads, this period and the same period last year."""
    today = today or monitoring.latest_water_day()
    start, end = period_of(year, period, today)
    sites = monitoring.water_sites(user, kind)
    now = monitoring.water_samples_between(start, end, kind)
    before = monitoring.water_samples_between(shift_year(start), shift_year(end), kind)
    out = []
    for s in sites:
        r = _evaluate(s, now.get(s.pk, []), drinking=kind == "source")
        r.previous_klass = _evaluate(s, before.get(s.pk, [])).klass
        out.append(r)
    return out


def level_summary(results: list[SiteResult]) -> list[dict]:
    """Per level and all together: sections, evaluated, I-III count and share, 劣V count, meeting target."""
    rows = []
    for level in (*LEVELS, ""):
        group = [r for r in results if level == "" or r.level == level]
        if not group and level:
            continue
        good, bad, n, ratio = good_water_ratio([r.klass for r in group])
        pg, _pb, pn, pratio = good_water_ratio([r.previous_klass for r in group])
        rows.append({
            "level": level, "sections": len(group), "evaluated": n, "good": good, "bad": bad,
            "good_ratio": ratio, "previous_good_ratio": pratio,
            "ratio_change": None if ratio is None or pratio is None else round(ratio - pratio, 1),
            "meeting_target": sum(1 for r in group if r.compliant),
        })
    return rows


def rivers(results: list[SiteResult]) -> list[dict]:
    """River and basin evaluation (section shares with >= 5 sections, else item means) and main pollutants."""
    groups: dict[tuple[str, str], list[SiteResult]] = defaultdict(list)
    for r in results:
        if r.is_lake or not r.means:
            continue
        groups[("river", r.site.river)].append(r)
        if r.site.basin:
            groups[("basin", r.site.basin)].append(r)
    out = []
    for (kind, name), group in sorted(groups.items()):
        res = river_evaluation([g.means for g in group])
        main = river_main_pollutants([g.means for g in group])
        out.append({"kind": kind, "name": name, "sections": len(group), "status": res.status, "method": res.method,
                    "share_good": res.share_good, "share_bad": res.share_bad,
                    "main_pollutants": "、".join(f"{ITEM_NAMES.get(k, k)}({100 * v:.0f}%)" for k, v in main)})
    return out


def lakes(results: list[SiteResult]) -> list[dict]:
    """Trophic level index of each lake or reservoir section on its period means."""
    out = []
    for r in results:
        if not r.is_lake or not r.means:
            continue
        try:
            t = tli(r.means)
        except ValueError:
            continue
        out.append({"code": r.code, "name": r.name, "class": r.class_label, "tli": round(t.tli, 1), "grade": t.grade,
                    "items": ",".join(sorted(t.weights))})
    return out


def sources_summary(results: list[SiteResult]) -> dict:
    evaluated = [r for r in results if r.klass is not None]
    ok = sum(1 for r in evaluated if r.compliant)
    return {"sources": len(results), "evaluated": len(evaluated), "compliant": ok,
            "ratio": 100.0 * ok / len(evaluated) if evaluated else None}
