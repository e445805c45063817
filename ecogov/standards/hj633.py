"""HJ 633-2012 / HJ 633-2026 Ambient Air Quality Index (AQI), scalar exact path.

Sub-indices are interpolated on exact fractions and rounded up with integer
arithmetic, so the float hazard (O3 1-h 160.8 -> 51, not 52) cannot occur.
The numpy path lives in :mod:`ecogov.standards.hj633_array` and is tested equal.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .hj633_tables import (
    BREAKPOINTS,
    CATEGORIES,
    FOOTNOTES,
    IAQI_LEVELS,
    INDICATORS,
    POLLUTANT_BITS,
    REPORTS,
    SENSITIVE_GROUPS_2026,
    Category,
    ReportSpec,
)
from .rounding import ceil_exact, is_nan, round_half_even, to_fraction
from .versions import normalize_version

__all__ = [
    "AqiResult",
    "iaqi",
    "aqi_daily",
    "aqi_hourly",
    "category",
    "primary_pollutants",
    "default_missing_policy",
    "MISSING_POLICIES",
    "ABOVE_TOP",
]

#: Whether the version rounds concentrations (GB/T 8170) before the IAQI by default.
ROUND_INPUTS_DEFAULT: dict[str, bool] = {"2012": False, "2026": True}


def _publish_partial(aqi: int | None, complete: bool) -> bool:
    return aqi is not None


def _publish_complete_only(aqi: int | None, complete: bool) -> bool:
    return aqi is not None and complete


def _publish_hj633_2026(aqi: int | None, complete: bool) -> bool:
    return aqi is not None and (complete or aqi > 100)


#: Missing-pollutant publication rules: name -> publish(aqi, complete).
MISSING_POLICIES: dict[str, Callable[[int | None, bool], bool]] = {
    "partial": _publish_partial,  # max over the items present (CNEMC 2019 practice)
    "complete_only": _publish_complete_only,  # no AQI if any item is missing (CNEMC 2022)
    "hj633_2026": _publish_hj633_2026,  # HJ 633-2026 §5.3.1: publish only if AQI > 100
}

_DEFAULT_MISSING: dict[tuple[str, str], str] = {
    ("2012", "daily"): "partial",
    ("2012", "hourly"): "complete_only",
    ("2026", "daily"): "hj633_2026",
    ("2026", "hourly"): "hj633_2026",
}

#: Conventions for a concentration above the top breakpoint (HJ 633 defines none).
ABOVE_TOP: tuple[str, ...] = ("cap", "none", "raise")


def default_missing_policy(version: str, report: str) -> str:
    """Return the default missing-pollutant policy of a version and report.

    Parameters
    ----------
    version : str
        HJ 633 version [-]: ``"2012"`` or ``"2026"``.
    report : str
        Report [-]: ``"daily"`` or ``"hourly"``.

    Returns
    -------
    str
        A key of :data:`MISSING_POLICIES`.

    References
    ----------
    HJ 633-2026, clause 5.3.1 (publish a partial AQI only when above 100);
    ../shared/standards.md §11 and §14 (CNEMC practice 2019 vs 2022).
    """
    return _DEFAULT_MISSING[(normalize_version(version), report)]


def _interpolate(bps: tuple[Fraction, ...], conc: Fraction) -> Fraction | None:
    for i in range(1, len(bps)):
        if conc <= bps[i]:
            lo, hi = bps[i - 1], bps[i]
            il, ih = IAQI_LEVELS[i - 1], IAQI_LEVELS[i]
            return il + (ih - il) * (conc - lo) / (hi - lo)
    return None


def _iaqi_exact(
    indicator: str,
    conc: Fraction,
    version: str,
    above_top: str,
    footnotes: Mapping[str, tuple[int, int | None]],
) -> int | None:
    meta = INDICATORS[indicator]
    if conc < 0:
        raise ValueError(f"negative concentration {float(conc)} for {indicator} / 浓度为负值")
    note = footnotes.get(meta.table)
    if note is not None and conc > note[0]:
        return note[1]
    value = _interpolate(BREAKPOINTS[version][meta.table], conc)
    if value is not None:
        return ceil_exact(value)
    if above_top == "cap":
        return IAQI_LEVELS[-1]
    if above_top == "none":
        return None
    raise ValueError(f"{indicator}={float(conc)} above the top breakpoint / 浓度超出 IAQI 表上限")


def _is_missing(value: Any) -> bool:
    return value is None or is_nan(value) or value == ""


def _prepare(indicator: str, value: Any, round_inputs: bool) -> Fraction:
    frac = to_fraction(value)
    if round_inputs:
        frac = round_half_even(frac, INDICATORS[indicator].decimals)
    return frac


def iaqi(
    indicator: str,
    conc: float | int | str | Fraction | None,
    *,
    version: str | int | None = None,
    date: _dt.date | None = None,
    round_inputs: bool | None = None,
    above_top: str = "cap",
) -> int | None:
    """Individual air quality index (IAQI, 空气质量分指数) of one indicator.

    Parameters
    ----------
    indicator : str
        Canonical indicator: ``so2_24h, so2_1h, no2_24h, no2_1h, co_24h, co_1h,
        o3_1h, o3_8h, pm10_24h, pm10_1h, pm25_24h, pm25_1h`` (1-hour PM is read
        on the daily column).
    conc : float, int, str, Fraction or None
        Concentration [µg/m³; CO mg/m³].  None/NaN gives None.
    version : {"2012", "2026"}, optional
        HJ 633 version; chosen by ``date`` when omitted (default 2026).
    date : datetime.date, optional
        Date of the data [local date], used to choose the version.
    round_inputs : bool, optional
        Round the concentration half-even first (integer; CO 0.1).  Default: True
        for 2026 (§4.2.2), False for 2012 (no rule).
    above_top : {"cap", "none", "raise"}
        Convention above the top breakpoint (no rule in HJ 633): cap at 500.

    Returns
    -------
    int or None
        IAQI [dimensionless], rounded up; None when missing or "not computed"
        (2012 footnotes: SO2 1-h or O3 8-h above 800 µg/m³).

    References
    ----------
    HJ 633-2012, clause 5.2, equation (1), Table 1 and its notes (1)-(3), clause 6.2;
    HJ 633-2026, clause 4.2.3, equation (1), Table 3 and its notes, clause 4.2.6.
    """
    if _is_missing(conc):
        return None
    ver = normalize_version(version, date)
    rnd = ROUND_INPUTS_DEFAULT[ver] if round_inputs is None else round_inputs
    return _iaqi_exact(indicator, _prepare(indicator, conc, rnd), ver, above_top, FOOTNOTES[ver])


def category(aqi: int | None, *, version: str | int | None = None) -> Category | None:
    """AQI level, category, colour and health texts for an AQI value.

    Parameters
    ----------
    aqi : int or None
        Air quality index [dimensionless].
    version : {"2012", "2026"}, optional
        HJ 633 version (texts differ slightly); default 2026.

    Returns
    -------
    Category or None
        ``level_no`` 1..6, ``level`` (一级..六级), ``category`` (优..严重污染),
        ``colour``, ``rgb``, ``hex``, ``cmyk``, ``health_effects``, ``advice``.

    References
    ----------
    HJ 633-2012, clause 6.1, Table 2, Annex A; HJ 633-2026, clause 4.1, Table 1, Annex A.
    """
    if aqi is None:
        return None
    for cat in CATEGORIES[normalize_version(version)]:
        if cat.aqi_max is None or aqi <= cat.aqi_max:
            return cat
    raise AssertionError("unreachable")


def primary_pollutants(iaqis: Mapping[str, int | None], aqi: int | None) -> tuple[str, ...]:
    """Primary pollutants (首要污染物): those whose IAQI equals the AQI, when AQI > 50.

    Parameters
    ----------
    iaqis : mapping of str to int or None
        IAQI per indicator [dimensionless].
    aqi : int or None
        AQI [dimensionless].

    Returns
    -------
    tuple of str
        Display names (SO2, NO2, CO, O3, PM10, PM2.5), ties all listed, sorted.

    References
    ----------
    HJ 633-2012, clauses 3.3 and 6.3; HJ 633-2026, clause 4.3 (并列 ties).
    """
    if aqi is None or aqi <= 50:
        return ()
    names = {INDICATORS[k].pollutant for k, v in iaqis.items() if v == aqi}
    return tuple(sorted(names))


@dataclass(frozen=True)
class AqiResult:
    """Result of a daily or real-time AQI computation (all intermediate values kept)."""

    version: str
    report: str
    method: str
    aqi: int | None
    iaqis: dict[str, int | None]
    primary: tuple[str, ...]
    exceedance: tuple[str, ...] | None
    missing: tuple[str, ...]
    complete: bool
    published: bool
    missing_policy: str
    info: Category | None = field(repr=False, default=None)
    sensitive_groups: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def level(self) -> int | None:
        """AQI level number 1..6 (一级..六级), None without AQI."""
        return self.info.level_no if self.info else None

    @property
    def category(self) -> str | None:
        """Category name (优, 良, 轻度污染, 中度污染, 重度污染, 严重污染)."""
        return self.info.category if self.info else None

    @property
    def colour(self) -> str | None:
        """Colour as hex, e.g. ``#00E400``."""
        return self.info.hex if self.info else None

    @property
    def published_aqi(self) -> int | None:
        """The AQI to publish (None shows as NA), per the missing-pollutant policy."""
        return self.aqi if self.published else None

    @property
    def primary_mask(self) -> int:
        """Primary pollutants as a bitmask (see ``hj633_tables.POLLUTANT_BITS``)."""
        return sum(POLLUTANT_BITS[p] for p in self.primary)


def _compute(
    values: Mapping[str, Any],
    version: str,
    report: str,
    method: str,
    round_inputs: bool | None,
    missing_policy: str | None,
    above_top: str,
) -> AqiResult:
    try:
        spec: ReportSpec = REPORTS[(version, report, method)]
    except KeyError:
        raise ValueError(f"no {report} method {method!r} in HJ 633-{version} / 无此计算方法") from None
    rnd = ROUND_INPUTS_DEFAULT[version] if round_inputs is None else round_inputs
    notes = {**FOOTNOTES[version], **dict(spec.footnote_override)}
    fallback = dict(spec.fallback)
    iaqis: dict[str, int | None] = {}
    missing = []
    for ind in spec.indicators:
        raw = values.get(ind)
        if _is_missing(raw):
            missing.append(ind)
            iaqis[ind] = None
            continue
        iaqis[ind] = _iaqi_exact(ind, _prepare(ind, raw, rnd), version, above_top, notes)
        if iaqis[ind] is None and ind in fallback and not _is_missing(values.get(fallback[ind])):
            fb = fallback[ind]
            iaqis[ind] = _iaqi_exact(fb, _prepare(fb, values[fb], rnd), version, above_top, notes)
    present = [v for v in iaqis.values() if v is not None]
    aqi = max(present) if present else None
    complete = not missing
    policy = missing_policy or _DEFAULT_MISSING[(version, report)]
    published = MISSING_POLICIES[policy](aqi, complete)
    primary = primary_pollutants(iaqis, aqi)
    exceedance = None
    if version == "2012":
        exceedance = tuple(
            sorted({INDICATORS[k].pollutant for k, v in iaqis.items() if v is not None and v > 100})
        )
    groups = {}
    if version == "2026":
        groups = {
            INDICATORS[k].pollutant: SENSITIVE_GROUPS_2026[INDICATORS[k].pollutant]
            for k, v in iaqis.items()
            if v is not None and v > 100
        }
    return AqiResult(
        version,
        report,
        method,
        aqi,
        iaqis,
        primary,
        exceedance,
        tuple(missing),
        complete,
        published,
        policy,
        category(aqi, version=version),
        groups,
    )


def aqi_daily(
    values: Mapping[str, Any],
    *,
    version: str | int | None = None,
    date: _dt.date | None = None,
    round_inputs: bool | None = None,
    missing_policy: str | None = None,
    above_top: str = "cap",
) -> AqiResult:
    """Daily AQI report (日报) of one station, county or city.

    Parameters
    ----------
    values : mapping of str to float or None
        Concentrations by indicator [µg/m³; CO mg/m³]: ``so2_24h, no2_24h,
        co_24h, pm10_24h, pm25_24h, o3_8h`` (daily max 8-hour) and, for 2012
        only, ``o3_1h`` (daily max 1-hour).  Other keys are ignored.
    version : {"2012", "2026"}, optional
        HJ 633 version; chosen by ``date`` when omitted (default 2026).
    date : datetime.date, optional
        The day reported [local date].
    round_inputs : bool, optional
        GB/T 8170 rounding of concentrations first (default: 2026 yes, 2012 no).
    missing_policy : {"partial", "complete_only", "hj633_2026"}, optional
        Whether an AQI is published when an item is missing (default per version:
        2012 "partial", 2026 "hj633_2026").
    above_top : {"cap", "none", "raise"}
        Convention above the top breakpoint (default cap at 500).

    Returns
    -------
    AqiResult
        ``aqi`` (max over the items present), ``iaqis``, ``primary``, ``level``,
        ``category``, ``colour``, ``exceedance`` (2012 only, else None),
        ``missing``, ``complete``, ``published``.

    References
    ----------
    HJ 633-2012, clauses 5.1.2, 5.2, 6, Tables 1-3; HJ 633-2026, clauses 4.2.2-4.2.6,
    5.3, Tables 3-4.
    """
    ver = normalize_version(version, date)
    return _compute(values, ver, "daily", "standard", round_inputs, missing_policy, above_top)


def aqi_hourly(
    values: Mapping[str, Any],
    *,
    version: str | int | None = None,
    date: _dt.date | None = None,
    method: str = "one_hour",
    round_inputs: bool | None = None,
    missing_policy: str | None = None,
    above_top: str = "cap",
) -> AqiResult:
    """Real-time hourly AQI report (实时报) of one station, county or city.

    Parameters
    ----------
    values : mapping of str to float or None
        Concentrations [µg/m³; CO mg/m³].  ``method="one_hour"``: ``so2_1h, no2_1h,
        co_1h, o3_1h, pm10_1h, pm25_1h``.  ``method="hj633_2012"`` (Table 4
        letter, 2012 only): ``so2_1h, no2_1h, co_1h, o3_1h, o3_8h`` (8-hour
        moving), ``pm10_24h, pm25_24h`` (24-hour moving) and ``so2_24h``.
    version : {"2012", "2026"}, optional
        HJ 633 version; chosen by ``date`` when omitted (default 2026).
    date : datetime.date, optional
        Date of the hour [local date].
    method : {"one_hour", "hj633_2012"}
        ``one_hour`` = six 1-hour values, PM on the daily breakpoints: what the
        national centre publishes and HJ 633-2026 prescribes (default).
    round_inputs : bool, optional
        GB/T 8170 rounding of concentrations first (default: 2026 yes, 2012 no).
    missing_policy : {"partial", "complete_only", "hj633_2026"}, optional
        Default: 2012 "complete_only" (CNEMC 2022 practice), 2026 "hj633_2026".
    above_top : {"cap", "none", "raise"}
        Convention above the top breakpoint (default cap at 500).

    Returns
    -------
    AqiResult
        As for :func:`aqi_daily`.

    References
    ----------
    HJ 633-2012, clause 5.1.3, Table 4; HJ 633-2026, clause 4.2.3, Table 5;
    ../shared/standards.md §11 and §14 (national publication practice).
    """
    ver = normalize_version(version, date)
    return _compute(values, ver, "hourly", method, round_inputs, missing_policy, above_top)
