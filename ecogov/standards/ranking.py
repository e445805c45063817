"""City rankings: composite index (综合指数), ties, year-on-year change-rate ranking.

Weights and reference limits are data (:data:`SCHEMES`), versioned and
configurable.  The default is the unweighted index of the 2018 ranking rules;
the PM2.5x3 / NO2x2 / O3x2 variant exists as a named scheme that is off by
default and UNCONFIRMED (../shared/standards.md §4.2).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Generic, TypeVar

from .rounding import round_half_even, to_fraction

__all__ = [
    "IndexScheme",
    "SCHEMES",
    "DEFAULT_SCHEME",
    "CompositeIndex",
    "composite_index",
    "rank_with_ties",
    "change_rate",
    "ChangeRateRanking",
    "change_rate_ranking",
    "rank_change",
]


@dataclass(frozen=True)
class IndexScheme:
    """Reference limits S_i [µg/m³; CO mg/m³] and weights W_i of a composite index."""

    name: str
    limits: Mapping[str, Fraction]
    weights: Mapping[str, Fraction]
    decimals: int = 2
    confirmed: bool = True
    note: str = ""


def _f(d: Mapping[str, str | int]) -> MappingProxyType:
    return MappingProxyType({k: Fraction(v) for k, v in d.items()})


_ONES = {"so2": 1, "no2": 1, "pm10": 1, "pm25": 1, "co": 1, "o3": 1}

#: Registry of composite-index schemes.
SCHEMES: dict[str, IndexScheme] = {
    "2018": IndexScheme(
        "2018",
        _f({"so2": 60, "no2": 40, "pm10": 70, "pm25": 35, "co": 4, "o3": 160}),
        _f(_ONES),
        note="城市环境空气质量排名技术规定 (2018): unweighted, GB 3095-2012 Grade II",
    ),
    "2026-weighted-unconfirmed": IndexScheme(
        "2026-weighted-unconfirmed",
        _f({"so2": 60, "no2": 40, "pm10": 60, "pm25": 30, "co": 4, "o3": 160}),
        _f({**_ONES, "pm25": 3, "no2": 2, "o3": 2}),
        confirmed=False,
        note="PM2.5x3, NO2x2, O3x2 with GB 3095-2026 transition limits: third-party claim, unconfirmed",
    ),
}
DEFAULT_SCHEME = "2018"


@dataclass(frozen=True)
class CompositeIndex:
    """Composite index with its single-item indices."""

    total: float
    total_exact: Fraction = field(repr=False)
    items: dict[str, float]
    scheme: str


def composite_index(
    stats: Mapping[str, float],
    *,
    scheme: str | IndexScheme = DEFAULT_SCHEME,
    decimals: int | None = None,
) -> CompositeIndex:
    """Composite index (环境空气质量综合指数) ``I_sum = sum_i W_i C_i / S_i``.

    Parameters
    ----------
    stats : mapping of str to float
        Period statistics [µg/m³; CO mg/m³]: ``so2, no2, pm10, pm25`` means,
        ``co`` 95th percentile of daily means, ``o3`` 90th percentile of daily
        maximum 8-hour averages (rounded as published).
    scheme : str or IndexScheme
        Key of :data:`SCHEMES` (default ``"2018"``, unweighted) or a custom scheme.
    decimals : int, optional
        Decimals of the total (default the scheme's, 2), half-even.

    Returns
    -------
    CompositeIndex
        ``total`` (rounded), ``total_exact``, ``items`` (W_i C_i / S_i per pollutant).

    References
    ----------
    城市环境空气质量排名技术规定 (环办监测〔2018〕19号, number unconfirmed), clause on
    综合指数; HJ 663-2013, clause 7; ../shared/standards.md §4.
    """
    sch = SCHEMES[scheme] if isinstance(scheme, str) else scheme
    items = {p: sch.weights[p] * to_fraction(stats[p]) / sch.limits[p] for p in sch.limits if p in stats}
    total = sum(items.values(), Fraction(0))
    dec = sch.decimals if decimals is None else decimals
    return CompositeIndex(
        float(round_half_even(total, dec)), total, {k: float(v) for k, v in items.items()}, sch.name
    )


#: Key of a ranking (city or station code, name...).
K = TypeVar("K", bound=Hashable)


def rank_with_ties(
    values: Mapping[K, float | None],
    *,
    ascending: bool = True,
) -> dict[K, int]:
    """Competition ranking with ties (并列): equal values share a rank, next rank skips.

    Parameters
    ----------
    values : mapping of key to float or None
        Value per city or station [any unit]; None is left unranked.
    ascending : bool
        True ranks the smallest value first (composite index: best air first).

    Returns
    -------
    dict
        Rank per key (1-based; e.g. 1, 2, 2, 4).

    References
    ----------
    城市环境空气质量排名技术规定 (2018): equal indices rank equally (并列).
    """
    items = [(k, to_fraction(v)) for k, v in values.items() if v is not None]
    items.sort(key=lambda kv: kv[1], reverse=not ascending)
    ranks: dict[K, int] = {}
    prev = None
    for pos, (key, val) in enumerate(items, start=1):
        if prev is None or val != prev[1]:
            prev = (pos, val)
        ranks[key] = prev[0]
    return ranks


def change_rate(current: float, previous: float, *, decimals: int | None = 2) -> float:
    """Year-on-year change rate of a composite index, in percent.

    Parameters
    ----------
    current : float
        Index of this period [dimensionless].
    previous : float
        Index of the same period last year [dimensionless].
    decimals : int or None
        Half-even rounding of the result (None = unrounded).

    Returns
    -------
    float
        ``(current - previous) / previous * 100`` [%]; > 0 worse, < 0 better.

    References
    ----------
    城市环境空气质量变化程度排名方案 (MEE, 2017-02-12); ../shared/standards.md §4.3.
    """
    rate = (to_fraction(current) - to_fraction(previous)) / to_fraction(previous) * 100
    return float(round_half_even(rate, decimals) if decimals is not None else rate)


@dataclass(frozen=True)
class ChangeRateRanking(Generic[K]):
    """Change rates, the improvement ranking and the worsening ranking."""

    rates: dict[K, float]
    improved: dict[K, int]
    worsened: dict[K, int]
    excluded_from_worsened: tuple[K, ...]


def change_rate_ranking(
    current: Mapping[K, float],
    previous: Mapping[K, float],
    *,
    meeting_grade2: Iterable[K] = (),
    decimals: int | None = 2,
) -> ChangeRateRanking[K]:
    """Rank cities by the year-on-year change rate of the composite index.

    Parameters
    ----------
    current : mapping of city to float
        Composite index this period [dimensionless].
    previous : mapping of city to float
        Composite index in the same period last year [dimensionless].
    meeting_grade2 : iterable of city
        Cities whose six pollutants all meet Grade II this period: excluded
        from the "most worsened" ranking.
    decimals : int or None
        Rounding of the rates before ranking (ties on the rounded rate).

    Returns
    -------
    ChangeRateRanking
        ``rates`` [%], ``improved`` (rank 1 = largest fall), ``worsened``
        (rank 1 = largest rise, only cities with rate > 0 not meeting Grade II).

    References
    ----------
    城市环境空气质量变化程度排名方案 (MEE, 2017-02-12), as quoted in
    ../shared/standards.md §4.3 (exact formula text FROM-MEMORY).
    """
    rates = {c: change_rate(current[c], previous[c], decimals=decimals) for c in current if c in previous}
    excluded = set(meeting_grade2)
    improved = rank_with_ties(rates, ascending=True)
    worse = {c: r for c, r in rates.items() if c not in excluded and r > 0}
    return ChangeRateRanking(
        rates,
        improved,
        rank_with_ties(worse, ascending=False),
        tuple(sorted((c for c in rates if c in excluded), key=str)),
    )


def rank_change(previous: int | None, current: int | None) -> int | None:
    """Places gained since the previous ranking: ``previous - current`` (> 0 up, < 0 down).

    Parameters
    ----------
    previous : int or None
        Rank in the previous period [place, 1 = best].
    current : int or None
        Rank in this period [place].

    Returns
    -------
    int or None
        Places moved up [places] (negative: down); None when either rank is missing.

    References
    ----------
    城市环境空气质量排名技术规定 (2018): rankings per period; the change of rank
    between the same periods of two years ("上升33位") is the difference of ranks.
    """
    if previous is None or current is None:
        return None
    return previous - current
