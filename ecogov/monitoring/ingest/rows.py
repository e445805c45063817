"""The parsing toolkit every adapter shares: rows in canonical names and their checks.

An adapter turns its source into :class:`Row` objects carrying canonical names
(docs/nomenclature.md). The functions here read and check cells (timestamps,
numbers, units, plausible ranges, primary pollutant names) without touching
the database; the services hand the rows to the writer (``monitoring.writer``),
which stores them.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from ..choices import POLLUTANTS

#: Upper bound of a plausible 1-hour value [µg/m³; co mg/m³]; above it the value is refused.
PLAUSIBLE_MAX = {"so2": 10000.0, "no2": 3000.0, "co": 150.0, "o3": 2000.0, "pm10": 10000.0, "pm25": 3000.0}

#: Accepted units -> factor to µg/m³. CO is stored in mg/m³, the others in µg/m³.
UNIT_TO_UG = {"ug/m3": 1.0, "µg/m³": 1.0, "μg/m³": 1.0, "µg/m3": 1.0, "μg/m3": 1.0, "mg/m3": 1000.0, "mg/m³": 1000.0}
_UNITS = {k.lower().replace("³", "3"): v for k, v in UNIT_TO_UG.items()}  # as units are matched

#: Cells read as "no value".
NA_TOKENS = ("", "-", "—", "*", "NA", "NaN", "nan", "null", "None")

#: Display names of primary pollutants as the national centre writes them.
PRIMARY_NAMES = {
    "细颗粒物(PM2.5)": "PM2.5", "颗粒物(PM10)": "PM10", "臭氧1小时": "O3", "臭氧8小时": "O3", "臭氧": "O3",
    "二氧化氮": "NO2", "二氧化硫": "SO2", "一氧化碳": "CO", "PM2.5": "PM2.5", "PM10": "PM10", "O3": "O3",
    "NO2": "NO2", "SO2": "SO2", "CO": "CO", "二氧化氮(NO2)": "NO2", "二氧化硫(SO2)": "SO2", "一氧化碳(CO)": "CO",
}


def local_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def normalise_primary(text: str) -> str:
    """``"颗粒物(PM10),细颗粒物(PM2.5)"`` -> ``"PM10,PM2.5"`` (sorted, canonical display names)."""
    parts = [p.strip() for p in (text or "").replace("，", ",").split(",") if p.strip()]
    return ",".join(sorted({PRIMARY_NAMES.get(p, p) for p in parts}))


class RowError(Exception):
    """A row refused as a whole (unknown station, bad timestamp, duplicate...)."""

    def __init__(self, reason: str, fld: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.field = fld


def parse_hour(text: str | dt.datetime, *, fmt: str | None = None, latest: dt.datetime | None = None) -> dt.datetime:
    """A local or ISO timestamp on the hour (hour ending) -> aware datetime; else ``RowError``."""
    if isinstance(text, dt.datetime):
        value = text
    else:
        raw = str(text or "").strip()
        if not raw:
            raise RowError("missing timestamp", "time")
        try:
            value = dt.datetime.strptime(raw, fmt) if fmt else dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            raise RowError(f"bad timestamp {raw!r}", "time") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=local_tz())
    if value.minute or value.second or value.microsecond:
        raise RowError(f"timestamp {value.isoformat()} is not on the hour", "time")
    if value > (latest or timezone.now() + dt.timedelta(hours=1)):
        raise RowError(f"timestamp {value.isoformat()} is in the future", "time")
    if value.year < 2000:
        raise RowError(f"timestamp {value.isoformat()} is before 2000", "time")
    return value


def float_or_none(raw) -> float | None:
    """``parse_number``, with None instead of ``ValueError`` (metadata cells such as coordinates)."""
    try:
        return parse_number(raw)
    except (TypeError, ValueError):
        return None


def parse_number(raw) -> float | None:
    """A cell -> float, None for empty / NA / '-' / '*'; ``ValueError`` for anything else."""
    if raw is None:
        return None
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and math.isnan(raw):
            return None
        return float(raw)
    text = str(raw).strip()
    if text in NA_TOKENS:
        return None
    return float(text)


@dataclass
class Row:
    """One station-hour from a source, already in canonical names."""

    line: int
    station: str
    time: dt.datetime | str
    values: dict[str, object] = field(default_factory=dict)  # canonical pollutant -> raw cell
    units: dict[str, str] = field(default_factory=dict)  # canonical pollutant -> unit text
    published_aqi: object = None
    published_primary: str = ""
    meta: dict[str, object] = field(default_factory=dict)  # name, lon, lat, area for unknown stations
    time_format: str | None = None
    wind: dict[str, object] = field(default_factory=dict)  # canonical wind name (wd, ws) -> raw cell


def clean_values(row: Row) -> tuple[dict[str, float | None], dict[str, str]]:
    """Validate the row's values: ``(values, invalid reasons)``; refused values become None."""
    out: dict[str, float | None] = {}
    invalid: dict[str, str] = {}
    for pol, raw in row.values.items():
        if pol not in POLLUTANTS:
            continue
        try:
            value = parse_number(raw)
        except (TypeError, ValueError):
            out[pol], invalid[pol] = None, f"not a number: {raw!r}"
            continue
        if value is not None and pol in row.units:
            factor = _UNITS.get(str(row.units[pol]).strip().lower().replace("³", "3"))
            if factor is None:
                out[pol], invalid[pol] = None, f"unit {row.units[pol]!r} not accepted"
                continue
            value = value * factor / (1000.0 if pol == "co" else 1.0)
        reason = None if value is None else range_reason(pol, value)
        if reason:
            out[pol], invalid[pol] = None, reason
            continue
        out[pol] = value
    return out, invalid


def range_reason(pol: str, value: float) -> str | None:
    """Why a value of ``pol`` is refused (negative, or above ``PLAUSIBLE_MAX``), or None when it is kept."""
    if value < 0:
        return f"negative value {value:g}"
    if value > PLAUSIBLE_MAX[pol]:
        return f"implausible value {value:g}" + (" (wrong unit? CO is mg/m³)" if pol == "co" else "")
    return None
