"""Version selection by date for the versioned standards (registry, no if/elif chains).

Every standard the platform computes changed on 2026-03-01 and GB 3095-2026
changes stage again on 2031-01-01.  The functions here map a date onto the
version in force, and normalise the many spellings of a version.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

__all__ = ["VERSION_RANGES", "version_for_date", "normalize_version", "DEFAULT_HJ633"]


@dataclass(frozen=True)
class VersionRange:
    """A version and the half-open date range [start, end) in which it is in force."""

    version: str
    start: _dt.date
    end: _dt.date


_FAR_PAST = _dt.date(1900, 1, 1)
_FAR_FUTURE = _dt.date(9999, 12, 31)
_CUTOVER = _dt.date(2026, 3, 1)
_GB3095_FINAL = _dt.date(2031, 1, 1)

#: Registry of versions per standard.  ``HJ633`` and ``HJ663`` switch on
#: 2026-03-01; ``GB3095`` has a transition stage until 2030-12-31.
VERSION_RANGES: dict[str, tuple[VersionRange, ...]] = {
    "HJ633": (
        VersionRange("2012", _FAR_PAST, _CUTOVER),
        VersionRange("2026", _CUTOVER, _FAR_FUTURE),
    ),
    "HJ663": (
        VersionRange("2013", _FAR_PAST, _CUTOVER),
        VersionRange("2026", _CUTOVER, _FAR_FUTURE),
    ),
    "GB3095": (
        VersionRange("2012", _FAR_PAST, _CUTOVER),
        VersionRange("2026-transition", _CUTOVER, _GB3095_FINAL),
        VersionRange("2026-final", _GB3095_FINAL, _FAR_FUTURE),
    ),
}

#: Version used when neither a version nor a date is given (the rules in force now).
DEFAULT_HJ633 = "2026"

_ALIASES: dict[str, str] = {
    "2012": "2012",
    "hj633-2012": "2012",
    "hj6332012": "2012",
    "2026": "2026",
    "hj633-2026": "2026",
    "hj6332026": "2026",
}


def version_for_date(date: _dt.date | _dt.datetime, standard: str = "HJ633") -> str:
    """Return the version of a standard in force on a date.

    Parameters
    ----------
    date : datetime.date or datetime.datetime
        Date of the data [local date, Asia/Shanghai]; a datetime is reduced to its date.
    standard : str
        ``"HJ633"`` (AQI), ``"HJ663"`` (assessment) or ``"GB3095"`` (limits).

    Returns
    -------
    str
        ``"2012"``/``"2026"`` for HJ 633, ``"2013"``/``"2026"`` for HJ 663,
        ``"2012"``, ``"2026-transition"`` or ``"2026-final"`` for GB 3095.

    References
    ----------
    HJ 633-2026, foreword (in force 2026-03-01, abolishes HJ 633-2012);
    GB 3095-2026, foreword and Table 1 (transition 2026-03-01..2030-12-31,
    final limits from 2031-01-01); HJ 663-2026, foreword.
    """
    if isinstance(date, _dt.datetime):
        date = date.date()
    for rng in VERSION_RANGES[standard]:
        if rng.start <= date < rng.end:
            return rng.version
    raise ValueError(f"no {standard} version for {date} / 日期无对应版本")


def normalize_version(version: str | int | None, date: _dt.date | None = None) -> str:
    """Normalise an HJ 633 version spelling, or choose it by date.

    Parameters
    ----------
    version : str, int or None
        ``"2012"``, ``"2026"``, ``2026``, ``"HJ633-2026"``, ``"HJ 633-2012"`` ... or None.
    date : datetime.date, optional
        Date of the data [local date]; used when ``version`` is None.

    Returns
    -------
    str
        ``"2012"`` or ``"2026"``.

    References
    ----------
    HJ 633-2026, foreword (version switch on 2026-03-01).
    """
    if version is None:
        return version_for_date(date) if date is not None else DEFAULT_HJ633
    key = str(version).lower().replace(" ", "").replace("—", "-").replace("_", "-")
    try:
        return _ALIASES[key]
    except KeyError:
        raise ValueError(f"unknown HJ 633 version {version!r} / 未知的 HJ 633 版本") from None
