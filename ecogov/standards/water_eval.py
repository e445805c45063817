"""Surface-water evaluation (地表水环境质量评价办法（试行）, 环办〔2011〕22号) and the
national real-time publication practice (../shared/standards.md §14).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

from .gb3838 import CLASS_LIMITS, class_limit, water_item_class
from .rounding import Number, is_nan, round_decimal, to_fraction

__all__ = [
    "SECTION_GRADES",
    "EXCLUDED_ITEMS",
    "SectionResult",
    "section_class",
    "water_exceedance_multiple",
    "target_compliance",
    "RiverResult",
    "river_evaluation",
    "tli",
    "trophic_grade",
    "TliResult",
    "PUBLICATION_ITEMS",
    "LAKE_SUFFIXES",
    "is_lake_name",
    "publication_class",
    "display_value",
    "period_means",
    "good_water_ratio",
    "river_main_pollutants",
]

#: Grade and colour per class (1..6).  Colours FROM-MEMORY (standards.md §7.2).
SECTION_GRADES: MappingProxyType = MappingProxyType(
    {
        1: ("优", "blue"),
        2: ("优", "blue"),
        3: ("良好", "green"),
        4: ("轻度污染", "yellow"),
        5: ("中度污染", "orange"),
        6: ("重度污染", "red"),
    }
)
#: Items not in the section class (2011 method §7.1): temperature, TN, fecal coliform.
EXCLUDED_ITEMS = frozenset({"water_temp", "tn", "fecal_coliform"})
_NO_MULTIPLE = frozenset({"water_temp", "ph", "do"})
#: Marks of a value that was not published.
_NOT_PUBLISHED = frozenset({"", "*", "--", "-", "NA"})


def _present(values: Mapping[str, Number | None]) -> dict[str, Number]:
    return {k: v for k, v in values.items() if v is not None and v not in _NOT_PUBLISHED and not is_nan(v)}


def water_exceedance_multiple(item: str, value: Number, *, waterbody: str = "river") -> float | None:
    """Exceedance multiple over the Class III limit, ``(C - S_III) / S_III``.

    Parameters
    ----------
    item : str
        Water item (not computed for water temperature, pH, DO).
    value : float or str
        Measured value [mg/L; fecal coliform count/L].
    waterbody : str
        ``"river"`` or ``"lake"``/``"reservoir"``.

    Returns
    -------
    float or None
        Multiple [dimensionless] when above Class III, else None.

    References
    ----------
    地表水环境质量评价办法（试行）(2011), clause on 超标倍数; GB 3838-2002 Table 1.
    """
    if item in _NO_MULTIPLE:
        return None
    v, lim = to_fraction(value), class_limit(item, 3, waterbody=waterbody)
    return float((v - lim) / lim) if v > lim else None


@dataclass(frozen=True)
class SectionResult:
    """Single-factor evaluation of one section."""

    klass: int | None
    grade: str | None
    colour: str | None
    item_classes: dict[str, int]
    main_pollutants: tuple[tuple[str, float], ...]
    tn_class: int | None = None


def section_class(
    values: Mapping[str, Number | None],
    *,
    waterbody: str = "river",
    include_tn: bool = False,
    items: Sequence[str] | None = None,
) -> SectionResult:
    """Section class by the single-factor method, grade and main pollutants.

    Parameters
    ----------
    values : mapping of str to float or str
        Item values [mg/L; pH dimensionless; fecal coliform count/L]; None/""/"*" = missing.
    waterbody : str
        ``"river"`` or ``"lake"``/``"reservoir"`` (TP lake column).
    include_tn : bool
        Include TN in the class (lakes/reservoirs only; default False: reference item).
    items : sequence of str, optional
        Restrict the evaluation to these items (e.g. the five publication items).

    Returns
    -------
    SectionResult
        ``klass`` (worst item class, 1..6; None if no item), ``grade`` (优, 良好,
        轻度污染, 中度污染, 重度污染), ``colour``, ``item_classes``,
        ``main_pollutants`` (up to three items above Class III with their
        exceedance multiples, largest first), ``tn_class`` (reference).

    References
    ----------
    GB 3838-2002, clause 5.1 (single-factor method); 地表水环境质量评价办法（试行）(2011),
    clauses on evaluation items, section grades and main pollutants.
    """
    vals = _present(values)
    excluded = set(EXCLUDED_ITEMS) - ({"tn"} if include_tn and waterbody != "river" else set())
    keys = [
        k
        for k in vals
        if (items is None or k in items) and k not in excluded and (k in CLASS_LIMITS or k == "ph")
    ]
    classes = {k: water_item_class(k, vals[k], waterbody=waterbody) for k in keys}
    tn_class = water_item_class("tn", vals["tn"], waterbody=waterbody) if "tn" in vals else None
    if not classes:
        return SectionResult(None, None, None, {}, (), tn_class)
    klass = max(classes.values())
    grade, colour = SECTION_GRADES[klass]
    multiples = [(k, water_exceedance_multiple(k, vals[k], waterbody=waterbody)) for k in keys]
    main = sorted(((k, m) for k, m in multiples if m is not None), key=lambda km: -km[1])[:3]
    return SectionResult(klass, grade, colour, classes, tuple(main), tn_class)


def target_compliance(klass: int | None, target: int) -> bool | None:
    """Whether a section meets its target (water-function) class.

    Parameters
    ----------
    klass : int or None
        Evaluated class [1..6, 6 = 劣V].
    target : int
        Target class [1..5].

    Returns
    -------
    bool or None
        True when ``klass <= target``; None without a class.

    References
    ----------
    GB 3838-2002, clause 5.1 (evaluate against the class the function requires).
    """
    return None if klass is None else klass <= target


@dataclass(frozen=True)
class RiverResult:
    """River or basin evaluation."""

    status: str
    method: str
    n_sections: int
    share_good: float | None
    share_bad: float | None
    class_counts: dict[int, int]
    mean_class: int | None = None


#: Status by I-III share and 劣V share (2011 method; Shenzhen wording of the last row).
def _status_by_shares(good: Fraction, bad: Fraction, heavy_good_max: Fraction) -> str:
    rules = (
        (lambda: good >= Fraction(9, 10), "优"),
        (lambda: good >= Fraction(3, 4), "良好"),
        (lambda: bad < Fraction(1, 5), "轻度污染"),
        (lambda: bad < Fraction(2, 5), "中度污染"),
        (lambda: good < heavy_good_max, "重度污染"),
    )
    return next((name for cond, name in rules if cond()), "中度污染")


def river_evaluation(
    sections: Sequence[Mapping[str, Number | None]],
    *,
    waterbody: str = "river",
    min_sections_for_shares: int = 5,
    heavy_good_max: float = 0.75,
) -> RiverResult:
    """River or basin (水系) evaluation by section shares, or by mean values.

    Parameters
    ----------
    sections : sequence of mapping
        Item values per section [mg/L; pH dimensionless].
    waterbody : str
        ``"river"`` or ``"lake"``/``"reservoir"``.
    min_sections_for_shares : int
        With at least this many sections (5) the class shares are used;
        with fewer, each item is averaged over the sections and classed.
    heavy_good_max : float
        I-III share below which a 劣V share >= 40 % is 重度污染 (0.75 per the
        Shenzhen text; 0.60 in the original wording, FROM-MEMORY).

    Returns
    -------
    RiverResult
        ``status`` (优, 良好, 轻度污染, 中度污染, 重度污染), ``method`` ("shares" or
        "mean"), shares of I-III and 劣V sections [fraction], class counts.

    References
    ----------
    地表水环境质量评价办法（试行）(2011), clause on 河流、流域（水系）水质评价;
    meeb.sz.gov.cn knowledge base (../shared/standards.md §7.3).
    """
    n = len(sections)
    if n < min_sections_for_shares:
        items = sorted({k for s in sections for k in _present(s)})
        present = [_present(s) for s in sections]
        means: dict[str, Fraction] = {}
        for k in items:
            vals = [to_fraction(p[k]) for p in present if k in p]
            means[k] = sum(vals, Fraction(0)) / len(vals)
        res = section_class(means, waterbody=waterbody)
        counts = {res.klass: 1} if res.klass else {}
        return RiverResult(res.grade or "", "mean", n, None, None, counts, res.klass)
    classes = [section_class(s, waterbody=waterbody).klass for s in sections]
    counts = {k: classes.count(k) for k in range(1, 7) if classes.count(k)}
    good = Fraction(sum(1 for c in classes if c is not None and c <= 3), n)
    bad = Fraction(classes.count(6), n)
    status = _status_by_shares(good, bad, to_fraction(heavy_good_max))
    return RiverResult(status, "shares", n, float(good), float(bad), counts)


#: TLI component formulas: (a, b) in TLI(j) = 10 (a + b ln x); r_ij with chlorophyll-a.
_TLI = MappingProxyType(
    {
        "chla": (2.5, 1.086, 1.0),
        "tp": (9.436, 1.624, 0.84),
        "tn": (5.453, 1.694, 0.82),
        "sd": (5.118, -1.94, -0.83),
        "codmn": (0.109, 2.661, 0.83),
    }
)


@dataclass(frozen=True)
class TliResult:
    """Trophic level index and its parts."""

    tli: float
    grade: str
    components: dict[str, float]
    weights: dict[str, float]


def trophic_grade(value: float) -> str:
    """Trophic state from a TLI value.

    Parameters
    ----------
    value : float
        TLI(Σ) [dimensionless, 0-100].

    Returns
    -------
    str
        贫营养 (< 30), 中营养 (30-50), 轻度富营养 (50-60], 中度富营养 (60-70], 重度富营养 (> 70).

    References
    ----------
    湖泊（水库）富营养化评价方法及分级技术规定 (总站生字〔2001〕090号), grading table;
    ../shared/standards.md §7.5 (CONFIRMED-weak).
    """
    bands = ((30, "贫营养", False), (50, "中营养", True), (60, "轻度富营养", True), (70, "中度富营养", True))
    for bound, name, inclusive in bands:
        if value < bound or (inclusive and value == bound):
            return name
    return "重度富营养"


def tli(values: Mapping[str, Number | None]) -> TliResult:
    """Lake trophic level index TLI(Σ) = Σ W_j TLI(j), W_j = r_ij² / Σ r_ij².

    Parameters
    ----------
    values : mapping of str to float
        ``chla`` [mg/m³], ``tp`` [mg/L], ``tn`` [mg/L], ``sd`` (Secchi depth) [m],
        ``codmn`` [mg/L]; missing items are left out and weights renormalised.

    Returns
    -------
    TliResult
        ``tli`` [dimensionless], ``grade``, per-item ``components`` and ``weights``.

    References
    ----------
    湖泊（水库）富营养化评价方法及分级技术规定 (2001), TLI formulas and r_ij table;
    地表水环境质量评价办法（试行）(2011), lake trophic-state evaluation.
    """
    present = {k: float(v) for k, v in _present(values).items() if k in _TLI}
    if not present:
        raise ValueError("no TLI item present / 无营养状态指数项目")
    comps = {k: 10 * (_TLI[k][0] + _TLI[k][1] * math.log(v)) for k, v in present.items()}
    r2 = {k: round(_TLI[k][2] ** 2, 4) for k in present}
    total = sum(r2.values())
    weights = {k: r2[k] / total for k in present}
    value = sum(weights[k] * comps[k] for k in present)
    return TliResult(value, trophic_grade(value), comps, weights)


#: §14: the five items of the real-time publication class.
PUBLICATION_ITEMS: tuple[str, ...] = ("ph", "do", "codmn", "nh3n", "tp")
#: §14: a water body whose name ends in one of these is judged as a lake/reservoir.
LAKE_SUFFIXES: tuple[str, ...] = ("湖", "水库", "淀", "池", "海")
_BRACKETS = re.compile(r"\s*[（(][^（）()]*[）)]\s*$")


def is_lake_name(water_body_name: str) -> bool:
    """Whether a water body (所属河流) is a lake or reservoir, by its name suffix.

    Parameters
    ----------
    water_body_name : str
        Name [-] of the water body the section belongs to (not the section's name).

    Returns
    -------
    bool
        True when the name, without a trailing bracketed note such as
        "石门水库（褒河）", ends in 湖, 水库, 淀, 池 or 海.

    References
    ----------
    ../shared/standards.md §14 (national real-time publication practice, verified on
    9,742 published classes); GB 3838-2002 Table 1 item 8.
    """
    name = _BRACKETS.sub("", water_body_name.strip())
    return name.endswith(LAKE_SUFFIXES)


def display_value(raw: Number, decimals: int) -> str:
    """Round an unrounded value half-even to the displayed precision.

    Parameters
    ----------
    raw : float or str
        Unrounded value [unit of the item].
    decimals : int
        Displayed decimals.

    Returns
    -------
    str
        The displayed value, e.g. ``"0.103"``.

    References
    ----------
    GB/T 8170-2008, clause 3.2; ../shared/standards.md §14.
    """
    return str(round_decimal(raw, decimals))


def publication_class(
    values: Mapping[str, Number | None],
    *,
    water_body_name: str,
    status: str | None = None,
) -> int | None:
    """Class as the national real-time surface-water publication computes it.

    Parameters
    ----------
    values : mapping of str to float or str
        Displayed values of ``ph, do, codmn, nh3n, tp`` (others ignored)
        [mg/L; pH dimensionless]; None, "" or "*" = not published.
    water_body_name : str
        The water body (所属河流); a lake/reservoir by name suffix (TP lake column).
    status : str, optional
        Station status; under "维护" (maintenance) a class is published only when
        all five items are present (observed in the 2025-11-18 sample).

    Returns
    -------
    int or None
        Worst class (1..6) of the items present; None with no item, or under
        maintenance with an item missing.

    References
    ----------
    ../shared/standards.md §14 (reproduces 100 % of published rows); GB 3838-2002 Table 1.
    """
    if (
        status is not None
        and "维护" in status
        and len(_present({k: values.get(k) for k in PUBLICATION_ITEMS})) < 5
    ):
        return None
    waterbody = "lake" if is_lake_name(water_body_name) else "river"
    return section_class(values, waterbody=waterbody, items=PUBLICATION_ITEMS).klass


def period_means(samples: Sequence[Mapping[str, Number | None]]) -> dict[str, float]:
    """Quarterly or annual item values: the mean of the period's valid results.

    Parameters
    ----------
    samples : sequence of mapping
        Item values of each monitoring result in the period [mg/L; pH dimensionless];
        None, "", "*" = missing (left out of that item's mean).

    Returns
    -------
    dict
        Mean per item present in at least one result [same units], exact then converted.

    References
    ----------
    地表水环境质量评价办法（试行）(2011), clause on data statistics: quarterly and annual
    evaluation use the arithmetic mean of the valid results of the period.
    """
    acc: dict[str, list[Fraction]] = {}
    for s in samples:
        for k, v in _present(s).items():
            acc.setdefault(k, []).append(to_fraction(v))
    return {k: float(sum(v, Fraction(0)) / len(v)) for k, v in acc.items()}


def good_water_ratio(classes: Sequence[int | None]) -> tuple[int, int, int, float | None]:
    """Good-water (I-III) sections and 劣V sections among the evaluated sections.

    Parameters
    ----------
    classes : sequence of int or None
        Section classes [1..6, 6 = 劣V]; None = not evaluated (left out).

    Returns
    -------
    tuple
        ``(good, bad, n, ratio)``: I-III count, 劣V count, evaluated sections, I-III
        share [%] unrounded (None without a section).

    References
    ----------
    地表水环境质量评价办法（试行）(2011), clause on 河流、流域（水系）水质评价
    (I-III share, 劣V share); ../shared/standards.md §7.3.
    """
    rated = [c for c in classes if c is not None]
    good = sum(1 for c in rated if c <= 3)
    bad = sum(1 for c in rated if c == 6)
    return good, bad, len(rated), (100.0 * good / len(rated) if rated else None)


def river_main_pollutants(
    sections: Sequence[Mapping[str, Number | None]], *, waterbody: str = "river", top: int = 3
) -> tuple[tuple[str, float], ...]:
    """Main pollutants of a river or basin: items ranked by section exceedance rate.

    Parameters
    ----------
    sections : sequence of mapping
        Item values per section [mg/L; pH dimensionless].
    waterbody : str
        ``"river"`` or ``"lake"``.
    top : int
        How many items to list (3).

    Returns
    -------
    tuple
        ``(item, rate)`` pairs, rate = sections above Class III / sections [fraction],
        largest first (ties by item name), only items with a rate > 0.

    References
    ----------
    地表水环境质量评价办法（试行）(2011), clause on main pollutants (断面超标率);
    ../shared/standards.md §7.4.
    """
    n = len(sections)
    if not n:
        return ()
    counts: dict[str, int] = {}
    for s in sections:
        for item, value in _present(s).items():
            if item in EXCLUDED_ITEMS or item not in CLASS_LIMITS:
                continue
            if water_exceedance_multiple(item, value, waterbody=waterbody) is not None:
                counts[item] = counts.get(item, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return tuple((k, c / n) for k, c in ranked)
