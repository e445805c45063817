"""GB 3838-2002 surface water environmental quality standard: item classes.

Table 1 (24 basic items) and Table 2 (5 supplementary items for centralised
drinking-water sources) as data, with exact decimal comparison.  DO is a
minimum; TP has river and lake/reservoir columns; TN applies to lakes and
reservoirs.  Classes are 1..5 for I..V and 6 for 劣V.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from types import MappingProxyType

from .rounding import Number, to_fraction

__all__ = [
    "CLASS_LIMITS",
    "SUPPLEMENTARY_LIMITS",
    "CLASS_NAMES",
    "water_item_class",
    "is_lake",
    "drinking_water_supplementary",
    "class_limit",
    "LAKE_TYPES",
]

#: Class names: 1..5 = I..V, 6 = 劣V.
CLASS_NAMES: MappingProxyType = MappingProxyType({1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "劣V"})
#: Water-body types judged on the lake/reservoir columns.
LAKE_TYPES = frozenset({"lake", "reservoir", "湖", "库", "湖库"})


def _row(*limits: str) -> tuple[Fraction, ...]:
    return tuple(Fraction(x) for x in limits)


#: Upper limits of classes I..V [mg/L; fecal coliform count/L]; ``do`` lists minima.
CLASS_LIMITS: MappingProxyType = MappingProxyType(
    {
        "do": _row("7.5", "6", "5", "3", "2"),
        "codmn": _row("2", "4", "6", "10", "15"),
        "cod": _row("15", "15", "20", "30", "40"),
        "bod5": _row("3", "3", "4", "6", "10"),
        "nh3n": _row("0.15", "0.5", "1.0", "1.5", "2.0"),
        "tp": _row("0.02", "0.1", "0.2", "0.3", "0.4"),
        "tp_lake": _row("0.01", "0.025", "0.05", "0.1", "0.2"),
        "tn": _row("0.2", "0.5", "1.0", "1.5", "2.0"),
        "cu": _row("0.01", "1.0", "1.0", "1.0", "1.0"),
        "zn": _row("0.05", "1.0", "1.0", "2.0", "2.0"),
        "fluoride": _row("1.0", "1.0", "1.0", "1.5", "1.5"),
        "se": _row("0.01", "0.01", "0.01", "0.02", "0.02"),
        "as": _row("0.05", "0.05", "0.05", "0.1", "0.1"),
        "hg": _row("0.00005", "0.00005", "0.0001", "0.001", "0.001"),
        "cd": _row("0.001", "0.005", "0.005", "0.005", "0.01"),
        "cr6": _row("0.01", "0.05", "0.05", "0.05", "0.1"),
        "pb": _row("0.01", "0.01", "0.05", "0.05", "0.1"),
        "cyanide": _row("0.005", "0.05", "0.2", "0.2", "0.2"),
        "volatile_phenol": _row("0.002", "0.002", "0.005", "0.01", "0.1"),
        "petroleum": _row("0.05", "0.05", "0.05", "0.5", "1.0"),
        "las": _row("0.2", "0.2", "0.2", "0.3", "0.3"),
        "sulfide": _row("0.05", "0.1", "0.2", "0.5", "1.0"),
        "fecal_coliform": _row("200", "2000", "10000", "20000", "40000"),
    }
)
_PH_RANGE = (Fraction(6), Fraction(9))

#: Table 2 supplementary items for drinking-water sources, single limits [mg/L].
SUPPLEMENTARY_LIMITS: MappingProxyType = MappingProxyType(
    {
        "sulfate": Fraction(250),
        "chloride": Fraction(250),
        "nitrate": Fraction(10),
        "fe": Fraction("0.3"),
        "mn": Fraction("0.1"),
    }
)


def is_lake(waterbody: str) -> bool:
    """Whether a water-body type uses the lake/reservoir columns.

    Parameters
    ----------
    waterbody : str
        Water-body type [-]: ``"river"``, ``"lake"`` or ``"reservoir"`` (also 湖, 库, 湖库).

    Returns
    -------
    bool
        True for lakes and reservoirs.

    References
    ----------
    GB 3838-2002, Table 1, item 8 (TP: 湖、库) and item 9 (TN: 湖、库).
    """
    return waterbody in LAKE_TYPES


def _limits(item: str, waterbody: str) -> tuple[Fraction, ...]:
    key = "tp_lake" if item == "tp" and is_lake(waterbody) else item
    try:
        return CLASS_LIMITS[key]
    except KeyError:
        raise ValueError(f"unknown or unclassed water item {item!r} / 未知或不分类的水质项目") from None


def class_limit(item: str, klass: int = 3, *, waterbody: str = "river") -> Fraction:
    """Limit of one class for one item (Class III by default).

    Parameters
    ----------
    item : str
        Canonical item name (``do, codmn, cod, bod5, nh3n, tp, tn, cu, ...``).
    klass : int
        Class 1..5.
    waterbody : str
        ``"river"`` or ``"lake"``/``"reservoir"`` (TP column).

    Returns
    -------
    fractions.Fraction
        Limit [mg/L; fecal coliform count/L] (a minimum for DO).

    References
    ----------
    GB 3838-2002, Table 1.
    """
    return _limits(item, waterbody)[klass - 1]


def water_item_class(item: str, value: Number, *, waterbody: str = "river") -> int:
    """Class of one item by GB 3838-2002 Table 1 (best class whose limit is met).

    Parameters
    ----------
    item : str
        ``ph`` [dimensionless], ``do`` (a minimum), ``codmn, cod, bod5, nh3n, tp,
        tn, cu, zn, fluoride, se, as, hg, cd, cr6, pb, cyanide, volatile_phenol,
        petroleum, las, sulfide`` [mg/L], ``fecal_coliform`` [count/L].
    value : float or str
        Measured value [unit of the item]; strings are read as exact decimals.
    waterbody : str
        ``"river"`` or ``"lake"``/``"reservoir"`` (TP lake column).

    Returns
    -------
    int
        1..5 for I..V, 6 for 劣V.  pH outside 6..9 (including negative values)
        is 6 (convention ``policy:invalid_ph``).

    References
    ----------
    GB 3838-2002, clause 4 and Table 1 (DO "≥", others "≤"; equal limits: best class).
    """
    v = to_fraction(value)
    if item == "ph":
        return 1 if _PH_RANGE[0] <= v <= _PH_RANGE[1] else 6
    limits = _limits(item, waterbody)
    if item == "do":
        return next((k for k, lim in enumerate(limits, start=1) if v >= lim), 6)
    return next((k for k, lim in enumerate(limits, start=1) if v <= lim), 6)


def drinking_water_supplementary(values: Mapping[str, Number | None]) -> dict[str, bool | None]:
    """Pass/fail of the five supplementary items for centralised drinking-water sources.

    Parameters
    ----------
    values : mapping of str to float
        ``sulfate, chloride, nitrate, fe, mn`` [mg/L]; None = not measured.

    Returns
    -------
    dict
        True when at or below the limit, False above it, None when not measured.

    References
    ----------
    GB 3838-2002, Table 2 (集中式生活饮用水地表水源地补充项目标准限值).
    """
    out: dict[str, bool | None] = {}
    for item, lim in SUPPLEMENTARY_LIMITS.items():
        v = values.get(item)
        out[item] = None if v is None or v == "" else to_fraction(v) <= lim
    return out
