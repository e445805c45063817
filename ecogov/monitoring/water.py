"""Water quality reads: monthly section class, target compliance, good-water
ratio (I-III), 劣V count, drinking-water compliance, pollutant trends and early
warnings. Classes come from ``ecogov.standards`` (single-factor method)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from ecogov.standards import drinking_water_supplementary, section_class, target_compliance, water_item_class

from .choices import water_class_label
from .models import DrinkingWaterSource, WaterSample, WaterSection

#: Main pollutants followed in trends and early warnings.
TREND_ITEMS = ("codmn", "nh3n", "tp")
#: Items evaluated for the section class (GB 3838 Table 1 basic items measured monthly).
CLASS_ITEMS = ("ph", "do", "codmn", "cod", "bod5", "nh3n", "tp", "cu", "zn", "fluoride", "se", "as", "hg",
               "cd", "cr6", "pb", "cyanide", "volatile_phenol", "petroleum", "las", "sulfide")


def month_values(samples: list[WaterSample]) -> dict[str, float]:
    """Monthly value per item: the mean of the month's samples (pH: mean too)."""
    acc: dict[str, list[float]] = defaultdict(list)
    for s in samples:
        for k, v in (s.values or {}).items():
            if v is not None:
                acc[k].append(float(v))
    return {k: sum(v) / len(v) for k, v in acc.items()}


@dataclass
class SiteMonth:
    site: object
    values: dict[str, float]
    klass: int | None
    target: int
    compliant: bool | None
    main_pollutants: tuple

    @property
    def class_label(self) -> str:
        return water_class_label(self.klass)


def _evaluate(site, samples, waterbody: str) -> SiteMonth:
    values = month_values(samples)
    res = section_class(values, waterbody=waterbody, items=CLASS_ITEMS)
    return SiteMonth(site, values, res.klass, site.target_class, target_compliance(res.klass, site.target_class),
                     res.main_pollutants)


def _samples_by_site(field: str, year: int, month: int) -> dict[int, list[WaterSample]]:
    out: dict[int, list[WaterSample]] = defaultdict(list)
    for s in WaterSample.objects.filter(**{f"{field}__isnull": False}, date__year=year, date__month=month):
        out[getattr(s, f"{field}_id")].append(s)
    return out


def sections_month(year: int, month: int, sections=None) -> list[SiteMonth]:
    sections = list(sections if sections is not None else WaterSection.objects.all())
    samples = _samples_by_site("section", year, month)
    return [_evaluate(s, samples.get(s.pk, []), s.waterbody) for s in sections]


def sources_month(year: int, month: int, sources=None) -> list[SiteMonth]:
    sources = list(sources if sources is not None else DrinkingWaterSource.objects.all())
    samples = _samples_by_site("source", year, month)
    return [_evaluate(s, samples.get(s.pk, []), s.waterbody) for s in sources]


@dataclass
class SourceState:
    """A drinking-water source's newest sample and its assessment: the class (single-factor method)
    against the target, a GB 3838 Table 2 item above its limit making it not compliant (the assessment's
    drinking-water rule); ``state`` is ``compliant``, ``not_compliant`` or ``no_data``."""

    site: object
    date: dt.date | None
    klass: int | None
    compliant: bool | None

    @property
    def class_label(self) -> str:
        return water_class_label(self.klass)

    @property
    def state(self) -> str:
        return "no_data" if self.compliant is None else ("compliant" if self.compliant else "not_compliant")


def source_evaluation(site, values: dict) -> tuple[int | None, bool | None]:
    """(class, compliant) of one drinking-water sample ``values`` against ``site``'s target class."""
    klass = section_class(values, waterbody=site.waterbody, items=CLASS_ITEMS).klass
    compliant = target_compliance(klass, site.target_class)
    if compliant and any(v is False for v in drinking_water_supplementary(values).values()):
        compliant = False
    return klass, compliant


def sources_latest(sources) -> list[SourceState]:
    """Each source's state from its newest sample (no sample: no data)."""
    sources = list(sources)
    newest: dict[int, WaterSample] = {}
    for s in WaterSample.objects.filter(source_id__in=[x.pk for x in sources]).order_by("source_id", "-date"):
        newest.setdefault(s.source_id, s)
    out = []
    for site in sources:
        sample = newest.get(site.pk)
        klass, compliant = source_evaluation(site, sample.values or {}) if sample else (None, None)
        out.append(SourceState(site, sample.date if sample else None, klass, compliant))
    return out


def water_summary(year: int, month: int) -> dict:
    """Good-water ratio (I-III), 劣V count, target compliance and drinking-water compliance of a month."""
    sections = sections_month(year, month)
    sources = sources_month(year, month)
    rated = [s for s in sections if s.klass is not None]
    rated_src = [s for s in sources if s.klass is not None]
    good = sum(1 for s in rated if s.klass <= 3)
    return {
        "year": year, "month": month, "sections": sections, "sources": sources,
        "rated": len(rated), "good": good, "good_ratio": 100.0 * good / len(rated) if rated else None,
        "worse_than_v": sum(1 for s in rated if s.klass == 6),
        "compliant": sum(1 for s in rated if s.compliant),
        "compliance_ratio": 100.0 * sum(1 for s in rated if s.compliant) / len(rated) if rated else None,
        "sources_rated": len(rated_src), "sources_compliant": sum(1 for s in rated_src if s.compliant),
        "sources_ratio": 100.0 * sum(1 for s in rated_src if s.compliant) / len(rated_src) if rated_src else None,
        "by_class": {k: sum(1 for s in rated if s.klass == k) for k in range(1, 7)},
    }


def section_trend(section: WaterSection, months: int = 12, *, until: dt.date) -> dict:
    """Monthly means of the main pollutants and the class per month, last ``months`` months up to ``until``."""
    start = (until.replace(day=1) - dt.timedelta(days=31 * (months - 1))).replace(day=1)
    by_month: dict[tuple[int, int], list[WaterSample]] = defaultdict(list)
    for s in section.samples.filter(date__gte=start, date__lte=until).order_by("date"):
        by_month[(s.date.year, s.date.month)].append(s)
    labels, series, classes = [], {k: [] for k in TREND_ITEMS}, []
    for (y, m), samples in sorted(by_month.items()):
        values = month_values(samples)
        labels.append(f"{y}-{m:02d}")
        for k in TREND_ITEMS:
            series[k].append(values.get(k))
        classes.append(section_class(values, waterbody=section.waterbody, items=CLASS_ITEMS).klass)
    return {"labels": labels, "series": series, "classes": classes}


def early_warnings(section: WaterSection, *, until: dt.date, months: int = 6) -> list[dict]:
    """Warnings for a section: observed class worse than target, or a main pollutant whose linear trend
    over the last ``months`` months reaches a class worse than the target next month."""
    trend = section_trend(section, months, until=until)
    out = []
    if trend["classes"] and trend["classes"][-1] is not None and trend["classes"][-1] > section.target_class:
        out.append({"kind": "observed", "item": "", "klass": trend["classes"][-1], "label": trend["labels"][-1]})
    for item in TREND_ITEMS:
        points = [(i, v) for i, v in enumerate(trend["series"][item]) if v is not None]
        if len(points) < 3:
            continue
        x, y = np.array([p[0] for p in points], float), np.array([p[1] for p in points], float)
        slope, intercept = np.polyfit(x, y, 1)
        forecast = round(max(0.0, slope * len(trend["labels"]) + intercept), 3)  # np.float64
        klass = water_item_class(item, forecast, waterbody=section.waterbody)
        if slope > 0 and klass > section.target_class:
            out.append({"kind": "forecast", "item": item, "value": forecast, "klass": klass})
    return out
