"""Mobile monitoring (走航监测): reading a run's file, checking every reading, matching the readings
to the nearest road of the inventory and setting each road's dust level from the run.

A reading matches the nearest road source (its LineString or Polygon, ``geometry.distance_m``)
within the buffer; a road's level is the band of the mean PM10 of its matched readings. Both are
the bureau's settings (``INVENTORY_MOBILE_BUFFER_M``, ``INVENTORY_MOBILE_DUST_BANDS``), not a
national standard. A file is imported whole or not at all, and once (its readings' SHA-256).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from ecogov.core.audit import create_audited, update_audited
from ecogov.core.errors import ValidationFailed
from ecogov.core.excel import Column, ImportFailed, RowError, parse_row, read_xlsx
from ecogov.core.geo import geojson_contains, outside_china
from ecogov.core.models import Jurisdiction
from ecogov.core.permissions import require

from . import geometry as geo
from .choices import DustLevel, SourceKind
from .models import MobileRun, MobileRunRoad, Source

#: Readings farther than this from every road [m] are counted as unmatched (setting INVENTORY_MOBILE_BUFFER_M).
BUFFER_M = 50.0
#: Dust level of a road from the mean PM10 [µg/m³] of its matched readings: the upper bound (exclusive)
#: of each band, the last level takes everything above. These bands are the bureau's configurable setting
#: (INVENTORY_MOBILE_DUST_BANDS), not a national standard: 走航 road-dust grading is set locally. The
#: default's 150 µg/m³ is the GB 3095-2012 grade-II 24-hour PM10 limit, used here only as a round edge.
DUST_BANDS: tuple[tuple[float | None, str], ...] = (
    (150.0, DustLevel.LOW), (250.0, DustLevel.MEDIUM), (None, DustLevel.HIGH))
PM_MAX = 5000.0  # µg/m³: a reading above this is a device fault
MAX_READINGS = 50_000
NOTE = "走航"


def buffer_m() -> float:
    return float(getattr(settings, "INVENTORY_MOBILE_BUFFER_M", BUFFER_M))


def dust_bands() -> tuple[tuple[float | None, str], ...]:
    return tuple(getattr(settings, "INVENTORY_MOBILE_DUST_BANDS", DUST_BANDS))


def dust_level(mean_pm10: float) -> str:
    """The band of ``mean_pm10`` [µg/m³]: the first whose upper bound it stays below."""
    for upper, level in dust_bands():
        if upper is None or mean_pm10 < upper:
            return str(level)
    return str(dust_bands()[-1][1])


# ----------------------------------------------------------------------------- columns and rows

def _number(raw):
    if raw in (None, ""):
        return None
    try:
        value = float(str(raw).strip()) if isinstance(raw, str) else float(raw)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"应为数值 / not a number: {raw!r}") from exc
    if math.isnan(value) or math.isinf(value):
        raise ValueError(f"应为数值 / not a number: {raw!r}")
    return value


def _time(raw):
    if raw in (None, ""):
        return None
    if isinstance(raw, dt.datetime):
        value = raw
    else:
        try:
            value = dt.datetime.fromisoformat(str(raw).strip().replace("/", "-"))
        except ValueError as exc:
            raise ValueError(f"时间格式应为 2026-11-20 09:30:00 / bad time: {raw!r}") from exc
    if timezone.is_aware(value):
        value = timezone.make_naive(value)
    return value.replace(microsecond=0)


def _datum(raw):
    if raw in (None, ""):
        return "wgs84"
    value = str(raw).strip().lower().replace("-", "").replace("_", "")
    if value not in geo.DATUMS:
        raise ValueError(f"坐标系应为 WGS-84 或 GCJ-02 / datum must be WGS-84 or GCJ-02: {raw!r}")
    return value


def _text(raw):
    return "" if raw is None else str(raw).strip()


COLUMNS = [
    Column("time", "时间", "Time", parse=_time, required=True, example="2026-11-20 09:30:00",
           help_zh="读数时间（本地时间）"),
    Column("lon", "经度", "Longitude", parse=_number, required=True, example=115.9012),
    Column("lat", "纬度", "Latitude", parse=_number, required=True, example=28.6401),
    Column("pm10", "PM10", "PM10", parse=_number, required=True, example=118, help_zh="µg/m³，0–5000"),
    Column("pm25", "PM2.5", "PM2.5", parse=_number, required=True, example=52, help_zh="µg/m³，0–5000"),
    Column("tsp", "TSP", "TSP", parse=_number, help_zh="可选，µg/m³，0–5000"),
    Column("datum", "坐标系", "Datum", parse=_datum, example="WGS-84", help_zh="WGS-84（默认）或 GCJ-02"),
    Column("vehicle", "车辆/班组", "Vehicle or team", parse=_text, example="走航车1号",
           help_zh="整次走航填一次即可（取第一个非空值）"),
    Column("note", "备注", "Note", parse=_text, help_zh="整次走航的备注（取第一个非空值）"),
]


@dataclass(frozen=True)
class Reading:
    """One checked reading: lon/lat already in WGS-84, concentrations in µg/m³."""

    time: dt.datetime
    lon: float
    lat: float
    pm10: float
    pm25: float
    tsp: float | None
    datum: str

    def key(self) -> list:
        return [self.time.isoformat(sep=" "), self.lon, self.lat, self.pm10, self.pm25, self.tsp]


def _area(actor) -> dict | None:
    """The boundary a non-superuser's readings must fall in (None: no limit)."""
    if actor is None or actor.is_superuser or actor.jurisdiction_id is None:
        return None
    return actor.jurisdiction.boundary or None


def _check(values: dict[str, Any], area: dict | None) -> tuple[Reading | None, dict[str, str]]:
    errors: dict[str, str] = {}
    for key, header in (("pm10", "PM10"), ("pm25", "PM2.5"), ("tsp", "TSP")):
        v = values.get(key)
        if v is not None and not 0 <= v <= PM_MAX:
            errors[header] = f"应在 0–{PM_MAX:g} µg/m³ 之间 / must be within 0–{PM_MAX:g} µg/m³: {v:g}"
    lon, lat, datum = values["lon"], values["lat"], values.get("datum") or "wgs84"
    if outside_china(lon, lat):
        errors["经度"] = f"坐标不在中国境内 / coordinates outside China: {lon:g}, {lat:g}"
    if errors:
        return None, errors
    wlon, wlat = geo.point(lon, lat, datum)["coordinates"]
    if area is not None and not geojson_contains(area, wlon, wlat):
        return None, {"经度": f"该点不在您的辖区内 / outside your jurisdiction: {lon:g}, {lat:g}"}
    return Reading(values["time"], wlon, wlat, values["pm10"], values["pm25"], values.get("tsp"), datum), {}


@dataclass
class Parsed:
    readings: list[Reading]
    vehicle: str = ""
    note: str = ""


def parse_rows(rows: Iterable[tuple[int, dict[str, Any]]], actor) -> Parsed:
    """Every row checked; ``ImportFailed`` lists every bad row (row number, column, zh / en reason)."""
    area, out, errors = _area(actor), Parsed([]), []
    for number, row in rows:
        try:
            values = parse_row(row, COLUMNS, skip_absent=False)
        except ValidationFailed as exc:
            for header, msgs in (exc.detail or {}).get("errors", {}).items():
                errors.append(RowError(number, header, " ".join(msgs)))
            continue
        reading, problems = _check(values, area)
        errors.extend(RowError(number, k, v) for k, v in problems.items())
        if reading is not None:
            out.readings.append(reading)
            out.vehicle = out.vehicle or values.get("vehicle", "")
            out.note = out.note or values.get("note", "")
    if errors:
        raise ImportFailed(errors)
    if not out.readings:
        raise ValidationFailed("empty_file", "文件中没有数据行", "The file has no data rows")
    if len(out.readings) > MAX_READINGS:
        raise ValidationFailed("too_many", f"一次走航最多 {MAX_READINGS} 个读数",
                               f"A run holds at most {MAX_READINGS} readings")
    return out


def read_csv(data: bytes) -> list[tuple[int, dict[str, Any]]]:
    """Rows of a CSV file (UTF-8, with or without BOM, or GB18030) like ``read_xlsx``."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030", errors="replace")
    rows = csv.reader(io.StringIO(text))
    header = next(rows, [])
    lookup = {str(n).strip().lower(): c.key for c in COLUMNS for n in (c.header_zh, c.header_en, c.key)}
    keys = [lookup.get(h.strip().lower()) for h in header]
    missing = [c.header_zh for c in COLUMNS if c.required and c.key not in keys]
    if missing:
        raise ValidationFailed("missing_columns", f"缺少必填列：{'、'.join(missing)}",
                               f"Missing required columns: {', '.join(missing)}", detail={"missing": missing})
    return [(n, {k: (v.strip() or None) for k, v in zip(keys, vals, strict=False) if k})
            for n, vals in enumerate(rows, start=2) if any(v.strip() for v in vals)]


def read_file(data: bytes) -> list[tuple[int, dict[str, Any]]]:
    """An .xlsx (a zip: starts with "PK") or a .csv."""
    return read_xlsx(data, COLUMNS) if data[:2] == b"PK" else read_csv(data)


# ----------------------------------------------------------------------------- matching

@dataclass
class _Road:
    source: Source
    box: tuple[float, float, float, float]


def _roads(sources, readings: list[Reading], radius: float) -> list[_Road]:
    """The roads among ``sources`` whose buffered box meets the run's box."""
    lons, lats = [r.lon for r in readings], [r.lat for r in readings]
    x0, y0, _, _ = geo.search_box(min(lons), min(lats), radius)
    _, _, x1, y1 = geo.search_box(max(lons), max(lats), radius)
    qs = sources.filter(kind=SourceKind.ROAD, max_lon__gte=x0, min_lon__lte=x1, max_lat__gte=y0, min_lat__lte=y1)
    out = []
    for s in qs.select_related(None).order_by("pk"):
        bx0, by0, _, _ = geo.search_box(s.min_lon, s.min_lat, radius)
        _, _, bx1, by1 = geo.search_box(s.max_lon, s.max_lat, radius)
        out.append(_Road(s, (bx0, by0, bx1, by1)))
    return out


def nearest_road(roads: list[_Road], lon: float, lat: float, radius: float) -> Source | None:
    """The road nearest to (lon, lat) within ``radius`` [m] (ties: the lowest pk), or None."""
    best, best_d = None, math.inf
    for r in roads:
        x0, y0, x1, y1 = r.box
        if x0 <= lon <= x1 and y0 <= lat <= y1:
            d = geo.distance_m(r.source.geometry, lon, lat)
            if d <= radius and d < best_d:
                best, best_d = r.source, d
    return best


@dataclass
class RoadSum:
    source: Source
    n: int = 0
    pm10: float = 0.0
    pm25: float = 0.0

    @property
    def mean_pm10(self) -> float:
        return round(self.pm10 / self.n, 1)

    @property
    def mean_pm25(self) -> float:
        return round(self.pm25 / self.n, 1)


def match(sources, readings: list[Reading]) -> tuple[list[int | None], dict[int, RoadSum]]:
    """Each reading's road pk (or None) among ``sources`` (the roads the importer may change) and
    the sums per road."""
    radius = buffer_m()
    roads = _roads(sources, readings, radius)
    sums: dict[int, RoadSum] = {}
    matched: list[int | None] = []
    for r in readings:
        road = nearest_road(roads, r.lon, r.lat, radius)
        matched.append(road.pk if road else None)
        if road is not None:
            acc = sums.setdefault(road.pk, RoadSum(road))
            acc.n, acc.pm10, acc.pm25 = acc.n + 1, acc.pm10 + r.pm10, acc.pm25 + r.pm25
    return matched, sums


# ----------------------------------------------------------------------------- the service

def reference_of(readings: list[Reading]) -> str:
    """SHA-256 of the readings (WGS-84, in time order): the same run has the same reference."""
    rows = sorted(r.key() for r in readings)
    return hashlib.sha256(json.dumps(rows, separators=(",", ":")).encode()).hexdigest()


def _home(actor) -> Jurisdiction:
    if actor.jurisdiction_id:
        return actor.jurisdiction
    root = Jurisdiction.objects.filter(parent=None).order_by("pk").first()
    if root is None:
        raise ValidationFailed("no_jurisdiction", "没有辖区", "No jurisdiction to file the run under")
    return root


def _datum_of(readings: list[Reading]) -> str:
    datums = {r.datum for r in readings}
    return datums.pop() if len(datums) == 1 else "mixed"


def _apply(run: MobileRun, sums: dict[int, RoadSum], actor) -> None:
    """One result row per road; the level and last-checked date go on the road unless it has a later check."""
    results = []
    for acc in sorted(sums.values(), key=lambda a: a.source.code):
        level, road = dust_level(acc.mean_pm10), acc.source
        applied = road.last_checked is None or run.date >= road.last_checked
        results.append(MobileRunRoad(run=run, source=road, n_readings=acc.n, mean_pm10=acc.mean_pm10,
                                     mean_pm25=acc.mean_pm25, dust_level=level, applied=applied))
        if applied:
            update_audited(actor=actor, obj=road, data={"dust_level": level, "last_checked": run.date},
                           note=f"{NOTE} {run.pk}: PM10 {acc.mean_pm10:g} µg/m³ ({acc.n})")
    MobileRunRoad.objects.bulk_create(results)


def runs_for(user, action: str = "view"):
    """Runs filed under ``user``'s area, and runs that passed one of ``user``'s roads (the list never
    loads the readings)."""
    own = MobileRun.objects.for_user(user, action).values("pk")
    touched = MobileRunRoad.objects.for_user(user, action).values("run_id")
    return (MobileRun.objects.filter(Q(pk__in=own) | Q(pk__in=touched))
            .select_related("imported_by").defer("readings"))


def _existing(reference: str, actor) -> MobileRun:
    run = runs_for(actor).filter(reference=reference).first()
    if run is None:
        raise ValidationFailed("already_imported", "该走航数据已由其他辖区导入",
                               "This run has already been imported by another jurisdiction")
    return run


def run_record(*, parsed: Parsed, actor, vehicle: str = "", note: str = "",
               date: dt.date | None = None) -> tuple[MobileRun, bool]:
    """Record a run (one transaction) and set its roads' dust levels; ``(run, created)``.

    The same readings imported again give back the first run, unchanged (``created`` False).
    """
    require(actor, "add", MobileRun)
    require(actor, "change", Source)
    readings = sorted(parsed.readings, key=lambda r: r.time)
    reference = reference_of(readings)
    if MobileRun.objects.filter(reference=reference).exists():
        return _existing(reference, actor), False
    day = date or readings[0].time.date()
    if day > timezone.localdate():
        raise ValidationFailed("future", "走航日期不能晚于今天", "The run's date cannot be in the future")
    matched, sums = match(Source.objects.for_user(actor, "change"), readings)
    rows = [[*r.key(), m] for r, m in zip(readings, matched, strict=True)]
    n_matched = sum(1 for m in matched if m is not None)
    try:
        with transaction.atomic():
            run = create_audited(actor=actor, obj=MobileRun(
                reference=reference, vehicle=(vehicle or parsed.vehicle)[:80], date=day,
                datum=_datum_of(readings), note=note or parsed.note, jurisdiction=_home(actor),
                imported_by=actor, n_readings=len(rows), n_matched=n_matched, n_unmatched=len(rows) - n_matched,
                n_roads=len(sums), readings=rows), note=NOTE)
            _apply(run, sums, actor)
    except IntegrityError:  # the same run imported at the same moment
        return _existing(reference, actor), False
    return run, True


def run_import(*, data: bytes, actor, vehicle: str = "", note: str = "") -> tuple[MobileRun, bool]:
    """Import an .xlsx or .csv of one run: every row checked first, then one transaction."""
    rows = read_file(data)
    if not rows:
        raise ValidationFailed("empty_file", "文件中没有数据行", "The file has no data rows")
    return run_record(parsed=parse_rows(rows, actor), actor=actor, vehicle=vehicle, note=note)


def run_from_api(*, payload: dict[str, Any], actor) -> tuple[MobileRun, bool]:
    """A run posted as JSON readings (numbered from 1), checked like a file's rows."""
    default = payload.get("datum") or "wgs84"
    rows = [(i, {**{k: v for k, v in r.items() if v is not None}, "datum": r.get("datum") or default})
            for i, r in enumerate(payload.get("readings") or [], start=1)]
    if not rows:
        raise ValidationFailed("empty_run", "没有读数", "The run has no readings")
    return run_record(parsed=parse_rows(rows, actor), actor=actor, vehicle=payload.get("vehicle") or "",
                      note=payload.get("note") or "", date=payload.get("date"))

