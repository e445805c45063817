"""Generic CSV/XLSX adapter with a column mapping, for air and for water.

The mapping is ``{"source column": "canonical name"}``; columns already named
canonically (or by a name in ``VARIABLE_MAP``) need no mapping. Air canonical
names: ``station, time, so2, no2, co, o3, pm10, pm25, aqi`` and per-pollutant
unit columns ``<pollutant>_unit`` (µg/m³ or mg/m³). Water: ``site`` (section or
drinking-water source code), ``date`` and the item names of docs/nomenclature.md.

The adapter only reads: :func:`air_rows` gives :class:`~.rows.Row` objects and
:func:`water_rows` one :class:`WaterRow` per line; ``services_ingest`` stores
them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass

from openpyxl import load_workbook

from ..choices import POLLUTANTS
from . import wind
from .rows import Row, parse_number

#: Common vendor names -> canonical names (matched case-insensitively).
VARIABLE_MAP = {
    "stationcode": "station", "station_code": "station", "站点编码": "station", "监测点编码": "station",
    "timepoint": "time", "datetime": "time", "时间": "time", "监测时间": "time",
    "pm2.5": "pm25", "pm2_5": "pm25", "pm25": "pm25", "pm10": "pm10", "so2": "so2", "no2": "no2",
    "co": "co", "o3": "o3", "aqi": "aqi",
    "section": "site", "section_code": "site", "断面编码": "site", "水源地编码": "site", "site": "site",
    "date": "date", "采样日期": "date", "ph": "ph", "do": "do", "溶解氧": "do", "codmn": "codmn",
    "cod_mn": "codmn", "高锰酸盐指数": "codmn", "nh3n": "nh3n", "nh3_n": "nh3n", "氨氮": "nh3n",
    "tp": "tp", "总磷": "tp", "tn": "tn", "总氮": "tn", "cod": "cod", "化学需氧量": "cod", "bod5": "bod5",
}

#: Water items accepted [mg/L; ph dimensionless; fecal_coliform count/L].
WATER_ITEMS = (
    "ph", "do", "codmn", "cod", "bod5", "nh3n", "tp", "tn", "cu", "zn", "fluoride", "se", "as", "hg", "cd",
    "cr6", "pb", "cyanide", "volatile_phenol", "petroleum", "las", "sulfide", "fecal_coliform",
    "sulfate", "chloride", "nitrate", "fe", "mn", "water_temp", "cond", "turb", "chla",
)


def read_table(path: str) -> Iterator[tuple[int, dict[str, object]]]:
    """``(line, {header: cell})`` of a CSV (UTF-8, or GBK) or the first sheet of an .xlsx."""
    if os.path.splitext(path)[1].lower() in (".xlsx", ".xlsm"):
        wb = load_workbook(path, read_only=True, data_only=True)
        rows = wb.worksheets[0].iter_rows(values_only=True)
        header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
        for line, values in enumerate(rows, start=2):
            if values and any(v not in (None, "") for v in values):
                yield line, dict(zip(header, values, strict=False))
        return
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gbk")
    for line, rec in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        yield line, rec


class Canonical:
    """Renames a record's keys to canonical names: the user's mapping first (exact, then ignoring case),
    then ``VARIABLE_MAP``, else the lower-cased key. Each distinct key is resolved once per file."""

    def __init__(self, mapping: dict[str, str]):
        self.mapping, self.lower = mapping, {k.lower(): v for k, v in mapping.items()}
        self.names: dict[object, str] = {}

    def name(self, key: object) -> str:
        k = str(key or "").strip()
        return self.mapping.get(k) or self.lower.get(k.lower()) or VARIABLE_MAP.get(k.lower()) or k.lower()

    def __call__(self, record: dict[str, object]) -> dict[str, object]:
        names = self.names
        out: dict[str, object] = {}
        for key, value in record.items():
            name = names.get(key)
            if name is None:
                name = names[key] = self.name(key)
            out[name] = value
        return out


def air_rows(path: str, mapping: dict[str, str], time_format: str | None = None) -> Iterator[Row]:
    canonical = Canonical(mapping)
    for line, rec in read_table(path):
        c = canonical(rec)
        yield Row(
            line=line, station=str(c.get("station") or "").strip(), time=c.get("time") or "",
            values={p: c.get(p) for p in POLLUTANTS if p in c},
            units={p: str(c[f"{p}_unit"]) for p in POLLUTANTS if c.get(f"{p}_unit")},
            published_aqi=c.get("aqi") if "aqi" in c else None, time_format=time_format, wind=wind.pick(c),
        )


def _parse_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value or "").strip()[:10])


def _water_values(c: dict[str, object]) -> tuple[dict[str, float], dict[str, str]]:
    values, invalid = {}, {}
    for item in WATER_ITEMS:
        if item not in c:
            continue
        try:
            v = parse_number(c[item])
        except (TypeError, ValueError):
            invalid[item] = f"not a number: {c[item]!r}"
            continue
        if v is None:
            continue
        if v < 0 or (item == "ph" and v > 14):
            invalid[item] = f"impossible value {v:g}"
            continue
        values[item] = v
    return values, invalid


@dataclass
class WaterRow:
    """One line of a water file: a site's sample of one day, values in canonical names [mg/L; ph
    dimensionless; fecal_coliform count/L]."""

    line: int
    site: str  # section or drinking-water source code
    date: dt.date | None  # None when the date cell cannot be read
    date_cell: object  # the date cell as given
    values: dict[str, float]
    invalid: dict[str, str]  # item -> reason of a refused value


def water_rows(path: str, mapping: dict[str, str]) -> Iterator[WaterRow]:
    """The lines of a water file (CSV or .xlsx) with their dates and checked values."""
    canonical = Canonical(mapping)
    for line, rec in read_table(path):
        c = canonical(rec)
        try:
            day: dt.date | None = _parse_date(c.get("date"))
        except ValueError:
            day = None
        values, invalid = _water_values(c)
        yield WaterRow(line=line, site=str(c.get("site") or "").strip(), date=day, date_cell=c.get("date"),
                       values=values, invalid=invalid)
