"""The common ingest engine behind every adapter.

An adapter turns its source into :class:`Row` objects carrying canonical names
(docs/nomenclature.md); :class:`Ingestor` validates them row by row, resolves
or creates stations, rejects duplicates inside one run, and upserts the
readings batch by batch, each batch in its own transaction. Because the upsert
compares with what is stored, ingesting the same data again changes nothing,
and a run killed in the middle can simply be run again: it gives exactly the
rows a clean run gives.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ecogov.core.models import Jurisdiction

from ..bulk import copy_new_rows, db_time, insert_rows
from ..choices import BatchStatus, StationKind
from ..models import POLLUTANTS, IngestBatch, Reading, Station
from . import wind

BATCH_SIZE = 2000
MAX_LOGGED_ERRORS = 1000

#: Upper bound of a plausible 1-hour value [µg/m³; co mg/m³]; above it the value is refused.
PLAUSIBLE_MAX = {"so2": 10000.0, "no2": 3000.0, "co": 150.0, "o3": 2000.0, "pm10": 10000.0, "pm25": 3000.0}

#: Accepted units -> factor to µg/m³. CO is stored in mg/m³, the others in µg/m³.
UNIT_TO_UG = {"ug/m3": 1.0, "µg/m³": 1.0, "μg/m³": 1.0, "µg/m3": 1.0, "μg/m3": 1.0, "mg/m3": 1000.0, "mg/m³": 1000.0}
_UNITS = {k.lower().replace("³", "3"): v for k, v in UNIT_TO_UG.items()}  # as units are matched

#: Cells read as "no value".
NA_TOKENS = ("", "-", "—", "*", "NA", "NaN", "nan", "null", "None")

#: Fields written when a stored reading is updated.
UPDATE_FIELDS = [*POLLUTANTS, "invalid", "published_aqi", "published_primary", "source", "ingested", "batch"]

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


def _float_or_none(raw) -> float | None:
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


@dataclass
class _Pending:
    """A validated row waiting for its batch's upsert."""

    line: int
    code: str
    time: dt.datetime
    values: dict[str, float | None]
    invalid: dict[str, str]
    published_aqi: int | None
    published_primary: str
    given: tuple[str, ...]
    station_id: int | None = None
    wind: tuple[float | None, float | None] | None = None  # (direction, speed) when given
    wind_invalid: dict[str, str] = field(default_factory=dict)  # refused wind values (reported, not stored)


def _merge(old: dict, item: _Pending) -> dict | None:
    """The stored row with the given fields of ``item`` applied, or None when nothing changes."""
    merged = {k: old[k] for k in ("id", "station_id", "time", *POLLUTANTS, "published_aqi", "published_primary")}
    invalid = dict(old["invalid"] or {})
    for f in item.given:
        merged[f] = getattr(item, f) if f.startswith("published") else item.values[f]
        if f in POLLUTANTS:
            if f in item.invalid:
                invalid[f] = item.invalid[f]
            else:
                invalid.pop(f, None)
    if invalid == (old["invalid"] or {}) and all(merged[f] == old[f] for f in item.given):
        return None
    merged["invalid"] = invalid
    merged["pk"] = merged.pop("id")
    return merged


@dataclass
class Outcome:
    """What one ingest run did (also written to its ``IngestBatch``)."""

    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    invalid_items: int = 0
    stations_created: int = 0
    errors: list[dict] = field(default_factory=list)
    results: list[dict] = field(default_factory=list)  # per-row results (push API)
    batch_id: int | None = None
    first: dt.datetime | None = None  # earliest and latest hour accepted
    last: dt.datetime | None = None

    def summary(self) -> str:
        return (
            f"rows: {self.total}, created: {self.created}, updated: {self.updated}, unchanged: {self.unchanged}, "
            f"rejected: {self.rejected}, invalid values: {self.invalid_items}, stations created: {self.stations_created}"
        )


class Ingestor:
    """Validate and upsert :class:`Row` objects; see the module docstring.

    ``create_stations``: create unknown stations from the row's ``meta`` (national
    files); otherwise an unknown station rejects the row. ``allowed_station``:
    restrict to one station (push API with a per-station key). ``fail_after``:
    raise after that many rows have been processed (tests of kill-and-rerun).
    """

    def __init__(
        self,
        *,
        source: str,
        reference: str = "",
        actor=None,
        create_stations: bool = False,
        station_kind: str = StationKind.NATIONAL,
        allowed_stations: set[str] | None = None,
        progress: bool = False,
        total: int | None = None,
        keep_results: bool = False,
        fail_after: int | None = None,
        batch_size: int = BATCH_SIZE,
    ):
        self.source = source
        self.create_stations = create_stations
        self.station_kind = station_kind
        self.allowed = allowed_stations
        self.keep_results = keep_results
        self.fail_after = fail_after
        self.batch_size = batch_size
        self.outcome = Outcome()
        self.stations: dict[str, int] = dict(Station.objects.values_list("code", "id"))
        self._jurisdictions = {j.name: j for j in Jurisdiction.objects.filter(level__in=["city", "district"])}
        self._seen: set[tuple[str, dt.datetime]] = set()
        self._new_stations: dict[str, dict] = {}
        self._pending: list[_Pending] = []
        self.batch = IngestBatch.objects.create(source=source, reference=reference[:255], actor=actor)
        self.outcome.batch_id = self.batch.pk
        self._now = timezone.now()
        self._db_now = db_time(self._now)
        self._db_time = db_time
        self._time_cache: dict[dt.datetime, object] = {}
        self._hours: dict[tuple[str, str | None], dt.datetime] = {}
        self._latest_allowed = self._now + dt.timedelta(hours=1)
        self._bar = None
        if progress:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="row", file=sys.stderr, desc=f"ingest {source}")

    # -- row handling --------------------------------------------------------------
    def _error(self, row: Row, reason: str, fld: str = "", *, rejected: bool = True) -> None:
        if rejected:
            self.outcome.rejected += 1
        if len(self.outcome.errors) < MAX_LOGGED_ERRORS:
            self.outcome.errors.append({"row": row.line, "station": row.station, "field": fld, "reason": reason})
        if rejected and self.keep_results:
            self.outcome.results.append({"row": row.line, "status": "rejected", "reason": reason})

    def _error_at(self, line: int, station: str, fld: str, reason: str) -> None:
        """Record a value-level problem (the row itself is kept)."""
        if len(self.outcome.errors) < MAX_LOGGED_ERRORS:
            self.outcome.errors.append({"row": line, "station": station, "field": fld, "reason": reason})

    def _station_code(self, row: Row) -> str:
        code = (row.station or "").strip()
        if not code:
            raise RowError("missing station code", "station")
        if self.allowed is not None and code not in self.allowed:
            raise RowError(f"station {code} is not allowed for this key", "station")
        if code not in self.stations:
            if not self.create_stations:
                raise RowError(f"unknown station {code}", "station")
            self._new_stations.setdefault(code, row.meta)
        return code

    def _station(self, code: str, meta: dict) -> dict:
        """The fields of a station created from a file's metadata (the others take their defaults)."""
        area = str(meta.get("area") or "")
        juris = self._jurisdictions.get(area) or self._jurisdictions.get(area.rstrip("市"))
        lon, lat = (_float_or_none(meta.get(k)) for k in ("lon", "lat"))
        return {
            "code": code, "name": str(meta.get("name") or code)[:100], "kind": self.station_kind, "area": area[:60],
            "lon": lon if lon is not None and -180 <= lon <= 180 else None,
            "lat": lat if lat is not None and -90 <= lat <= 90 else None,
            "jurisdiction_id": juris.pk if juris else None,
        }

    def _create_stations(self) -> None:
        """Create the unknown stations met so far (inside the batch transaction)."""
        if not self._new_stations:
            return
        rows = [self._station(c, m) for c, m in self._new_stations.items()]
        if not copy_new_rows(Station, rows):  # not PostgreSQL, or another ingest created some meanwhile
            Station.objects.bulk_create([Station(**r) for r in rows], ignore_conflicts=True)
        known = len(self.stations)
        self.stations = dict(Station.objects.values_list("code", "id"))
        self.outcome.stations_created += len(self.stations) - known
        self._new_stations = {}

    def _hour(self, row: Row) -> dt.datetime:
        """``parse_hour`` of the row's time, remembered per text (a file repeats each hour per station)."""
        if not isinstance(row.time, str):
            return parse_hour(row.time, fmt=row.time_format, latest=self._latest_allowed)
        key = (row.time, row.time_format)
        when = self._hours.get(key)
        if when is None:
            when = self._hours[key] = parse_hour(row.time, fmt=row.time_format, latest=self._latest_allowed)
        return when

    def add(self, row: Row) -> None:
        """Validate one row and queue it; flush every ``batch_size`` rows."""
        self.outcome.total += 1
        if self._bar is not None:
            self._bar.update(1)
        if self.fail_after is not None and self.outcome.total > self.fail_after:
            raise RuntimeError(f"simulated crash after {self.fail_after} rows")
        try:
            code = self._station_code(row)
            when = self._hour(row)
            if (code, when) in self._seen:
                raise RowError(f"duplicate station-hour {row.station} {when.isoformat()} in this input", "time")
            published = parse_number(row.published_aqi) if row.published_aqi not in (None, "") else None
            if published is not None and not (0 <= published <= 500 and published == int(published)):
                raise RowError(f"published AQI {row.published_aqi!r} out of range", "aqi")
        except (RowError, ValueError) as exc:
            reason = exc.reason if isinstance(exc, RowError) else f"bad number: {exc}"
            self._error(row, reason, getattr(exc, "field", ""))
            return
        self._seen.add((code, when))
        o = self.outcome
        if o.first is None or when < o.first:
            o.first = when
        if o.last is None or when > o.last:
            o.last = when
        values, invalid = clean_values(row)
        wind_values, wind_invalid = wind.clean(row.wind) if row.wind else (None, {})
        for pol, reason in (invalid | wind_invalid).items():
            self.outcome.invalid_items += 1
            self._error(row, reason, pol, rejected=False)
        item = _Pending(wind=wind_values, wind_invalid=wind_invalid,
            line=row.line, code=code, time=when, values=values, invalid=invalid,
            published_aqi=None if published is None else int(published),
            published_primary=normalise_primary(row.published_primary),
            given=tuple(values) + (("published_aqi", "published_primary") if row.published_aqi is not None else ()),
        )
        self._pending.append(item)
        if len(self._pending) >= self.batch_size:
            self.flush()

    def add_all(self, rows: Iterable[Row]) -> Outcome:
        for row in rows:
            self.add(row)
        return self.finish()

    # -- upsert ------------------------------------------------------------------
    def flush(self) -> None:
        """Upsert the queued rows in one transaction: insert new, update changed, skip equal."""
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        with transaction.atomic():
            self._create_stations()
            for item in pending:
                item.station_id = self.stations[item.code]
            existing = self._existing(pending)
            new, changed = [], []
            for item in pending:
                old = existing.get((item.station_id, item.time))
                if old is None:
                    new.append(self._tuple(item))
                    status = "created"
                else:
                    update = self.update_of(old, item)
                    if update is None:
                        status = "unchanged"
                    else:
                        changed.append(update)
                        status = "updated"
                setattr(self.outcome, status, getattr(self.outcome, status) + 1)
                if self.keep_results:
                    self.outcome.results.append({"row": item.line, "status": status,
                                                 "invalid": item.invalid | item.wind_invalid})
            insert_rows(new)
            Reading.objects.bulk_update(changed, UPDATE_FIELDS, batch_size=500)
            wind.store([(p.station_id, p.time, p.wind) for p in pending if p.wind is not None], source=self.source,
                       ingested=self._now)
            self._save_batch(BatchStatus.RUNNING)

    def update_of(self, old: dict, item: _Pending) -> Reading | None:
        """The stored reading ``old`` with ``item``'s given fields applied, ready for ``bulk_update``; None
        when nothing changes."""
        merged = _merge(old, item)
        return None if merged is None else Reading(**merged, source=self.source, batch=self.batch, ingested=self._now)

    @staticmethod
    def _existing(pending: list[_Pending]) -> dict[tuple[int, dt.datetime], dict]:
        keys = {(p.station_id, p.time) for p in pending}
        sids = [k[0] for k in keys]
        times = [k[1] for k in keys]
        cols = ("id", "station_id", "time", *POLLUTANTS, "invalid", "published_aqi", "published_primary")
        stations = set(sids)
        # many stations: two index ranges instead of an IN list of thousands of parameters per batch
        where = ({"station_id__in": stations} if len(stations) <= 200 else
                 {"station_id__gte": min(stations), "station_id__lte": max(stations)})
        rows = Reading.objects.filter(**where, time__gte=min(times), time__lte=max(times)).values_list(*cols)
        return {(r[1], r[2]): dict(zip(cols, r, strict=True)) for r in rows if (r[1], r[2]) in keys}

    def _tuple(self, item: _Pending) -> tuple:
        when = self._time_cache.get(item.time)
        if when is None:
            when = self._time_cache[item.time] = self._db_time(item.time)
        return (
            item.station_id, when, *(item.values.get(p) for p in POLLUTANTS),
            json.dumps(item.invalid, ensure_ascii=False) if item.invalid else "{}", item.published_aqi, item.published_primary,
            self.source, self._db_now, self.batch.pk,
        )

    def _save_batch(self, status: str) -> None:
        o, b = self.outcome, self.batch
        b.status = status
        b.rows_total, b.rows_created, b.rows_updated = o.total, o.created, o.updated
        b.rows_unchanged, b.rows_rejected, b.items_invalid = o.unchanged, o.rejected, o.invalid_items
        b.stations_created, b.errors = o.stations_created, o.errors
        if status != BatchStatus.RUNNING:
            b.finished = timezone.now()
        b.save()

    def finish(self) -> Outcome:
        self.flush()
        self._save_batch(BatchStatus.DONE)
        if self._bar is not None:
            self._bar.close()
        return self.outcome

    def fail(self, exc: BaseException) -> None:
        """Record a crash on the batch (rows of committed batches stay; re-run to complete)."""
        self._pending = []
        self.outcome.errors.append({"row": None, "station": "", "field": "", "reason": f"aborted: {exc}"})
        self._save_batch(BatchStatus.FAILED)
        if self._bar is not None:
            self._bar.close()


def run(ingestor: Ingestor, rows: Iterable[Row]) -> Outcome:
    """Feed ``rows`` to ``ingestor``; on a crash mark the batch failed and re-raise."""
    try:
        return ingestor.add_all(rows)
    except BaseException as exc:
        ingestor.fail(exc)
        raise
