"""The database writer of every ingest: validated rows and checked columns upserted batch by batch.

The services hand it what the adapters read (``ingest/``): :class:`Row`
objects, which :class:`Ingestor` validates row by row (stations resolved or
created, duplicates inside one run refused) and upserts batch by batch, each
batch in its own transaction; or, for large clean files, the columns checked
by ``ingest.columnar``, which :func:`write_columns` stores. Because the upsert
compares with what is stored, ingesting the same data again changes nothing,
and a run killed in the middle can simply be run again: it gives exactly the
rows a clean run gives. Adapters never call the writer; the services do.

Columnar path: on PostgreSQL each batch becomes one COPY text written by
polars (floats in their shortest round-trip form, so the server stores the
very same doubles; ``bulk.insert_or_upsert``); elsewhere new rows go through
executemany and existing rows are compared as tuples, so a re-ingest writes
nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.utils import timezone

from ecogov.core.models import Jurisdiction

from . import derived, partitions
from .bulk import NULL, copy_new_rows, db_time, escape, insert_or_upsert, insert_rows
from .choices import BatchStatus, StationKind
from .ingest import wind
from .ingest.columnar import Columns, Target, refuse_out_of_range
from .ingest.rows import (
    Row,
    RowError,
    clean_values,
    float_or_none,
    local_tz,
    normalise_primary,
    parse_hour,
    parse_number,
)
from .models import POLLUTANTS, IngestBatch, Reading, Station, WindReading

if TYPE_CHECKING:
    import polars as pl

BATCH_SIZE = 2000
MAX_LOGGED_ERRORS = 1000
#: Rows per transaction on the columnar path (each commit costs a disk flush).
BATCH = 25000

#: Fields written when a stored reading is updated.
UPDATE_FIELDS = [*POLLUTANTS, "invalid", "published_aqi", "published_primary", "source", "ingested", "batch"]
#: Columns of a stored reading compared on the columnar path (SQLite).
COMPARE = ("station_id", "time", *POLLUTANTS, "invalid", "published_aqi", "published_primary")


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
    station_id: int = 0  # the station's id, resolved when the batch is flushed
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
        self._tz = local_tz()
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

    def _error_at(self, line: int, station: str, fld: str, reason: str | None) -> None:
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
        lon, lat = (float_or_none(meta.get(k)) for k in ("lon", "lat"))
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

    def add_stations(self, metas: dict[str, dict]) -> int:
        """Create the stations of ``metas`` (code -> name, area, lon, lat) not stored yet, as a file's rows
        would; returns how many were created."""
        for code, meta in metas.items():
            if code not in self.stations:
                self._new_stations.setdefault(code, meta)
        known = self.outcome.stations_created
        with transaction.atomic():
            self._create_stations()
        return self.outcome.stations_created - known

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

    def columns_target(self) -> Target | None:
        """What a file read as columns is checked against (``ingest.columnar.prepare``), or None when this
        run must take the row path (a simulated crash, stations restricted to a key's)."""
        if self.fail_after is not None or self.allowed is not None:
            return None
        return Target(stations=self.stations, latest=self._latest_allowed, create_stations=self.create_stations)

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
            partitions.ensure_for({item.time for item in pending})
            self._create_stations()
            for item in pending:
                item.station_id = self.stations[item.code]
            existing = self._existing(pending)
            new, changed, touched = [], [], set()
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
                if status != "unchanged":
                    touched.add((item.station_id, derived.hour_day(item.time, self._tz)))
                setattr(self.outcome, status, getattr(self.outcome, status) + 1)
                if self.keep_results:
                    self.outcome.results.append({"row": item.line, "status": status,
                                                 "invalid": item.invalid | item.wind_invalid})
            insert_rows(new)
            Reading.objects.bulk_update(changed, UPDATE_FIELDS, batch_size=500)
            derived.mark(touched)
            store_winds([(p.station_id, p.time, p.wind) for p in pending if p.wind is not None], source=self.source,
                        ingested=self._now)
            self._save_batch(BatchStatus.RUNNING)
        derived.failpoint("ingest.batch")

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


def run_columns(ingestor: Ingestor, cols: Columns) -> Outcome:
    """Store checked columns through ``ingestor`` (:func:`write_columns`); on a crash mark the batch failed
    and re-raise."""
    try:
        write_columns(ingestor, cols)
    except BaseException as exc:
        ingestor.fail(exc)
        raise
    return ingestor.finish()


def store_winds(items: list[tuple[int, dt.datetime, tuple[float | None, float | None]]], *, source: str,
                ingested: dt.datetime) -> int:
    """Upsert ``(station id, hour, (direction, speed))`` items inside the caller's transaction; items equal to
    what is stored are left alone (sending the same data again writes nothing). Returns the rows written."""
    if not items:
        return 0
    stations, times = {i[0] for i in items}, [i[1] for i in items]
    stored = {(sid, when): (wd, ws) for sid, when, wd, ws in WindReading.objects.filter(
        station_id__in=stations, time__gte=min(times), time__lte=max(times)).values_list(
        "station_id", "time", "direction", "speed")}
    changed = [i for i in items if stored.get((i[0], i[1])) != i[2]]
    WindReading.objects.bulk_create(
        [WindReading(station_id=sid, time=when, direction=wd, speed=ws, source=source, ingested=ingested)
         for sid, when, (wd, ws) in changed],
        update_conflicts=True, unique_fields=["station", "time"],
        update_fields=["direction", "speed", "source", "ingested"], batch_size=1000,
    )
    return len(changed)


# -- columnar path ---------------------------------------------------------------------------------
def write_columns(ing: Ingestor, cols: Columns) -> None:
    """Upsert the checked columns (``ingest.columnar.prepare``) in batches, one transaction each; updates
    ``ing.outcome``."""
    out = ing.outcome
    out.total += len(cols)
    first, last = min(cols.hours.values()), max(cols.hours.values())
    out.first = first if out.first is None else min(out.first, first)
    out.last = last if out.last is None else max(out.last, last)
    for line, code, pol, reason in refuse_out_of_range(cols):
        out.invalid_items += 1
        ing._error_at(line, code, pol, reason)
    for code, meta in cols.metas.items():
        ing._new_stations.setdefault(code, meta)
    partitions.ensure_for(cols.hours.values())
    size = max(ing.batch_size, BATCH)
    for start in range(0, len(cols), size):
        part = cols.frame.slice(start, size)
        with transaction.atomic():
            ing._create_stations()
            changes = ing.outcome.created + ing.outcome.updated
            (_batch_pg if connection.vendor == "postgresql" else _batch)(ing, cols, part)
            if ing.outcome.created + ing.outcome.updated > changes:
                derived.mark(_station_days(ing, cols, part))
            ing._save_batch(BatchStatus.RUNNING)
        derived.failpoint("ingest.batch")
        if ing._bar is not None:
            ing._bar.update(part.height)


def _station_days(ing: Ingestor, cols: Columns, part: pl.DataFrame) -> set[tuple[int, dt.date]]:
    """The ``(station id, day)`` pairs of a batch of columns (all of them: the batch changed readings)."""
    days = {text: derived.hour_day(when, ing._tz) for text, when in cols.hours.items()}
    pairs = part.select("code", "time").unique().iter_rows()
    return {(ing.stations[code], days[text]) for code, text in pairs}


def copy_text(ing: Ingestor, part: pl.DataFrame) -> str:
    """The batch as COPY text in ``bulk.COLUMNS`` order (text cells escaped, NULL as ``\\N``)."""
    import polars as pl

    texts = {t: escape(t) for t in part["primary"].unique().to_list()}
    frame = part.select(
        pl.col("code").replace_strict(ing.stations, return_dtype=pl.Int64),
        "when",
        *POLLUTANTS,
        pl.col("invalid").map_elements(escape, pl.String) if part["invalid"].str.contains("[\\\\\t\n\r]").any()
        else pl.col("invalid"),
        pl.col("aqi").cast(pl.Int64),
        pl.col("primary").replace_strict(texts, return_dtype=pl.String),
        pl.lit(escape(ing.source)).alias("source"),
        pl.lit(ing._now.isoformat()).alias("ingested"),
        pl.lit(ing.batch.pk).alias("batch"),
    )
    return frame.write_csv(separator="\t", include_header=False, null_value=NULL, quote_style="never",
                           line_terminator="\n")


def _batch_pg(ing: Ingestor, cols: Columns, part: pl.DataFrame) -> None:
    """PostgreSQL: one COPY payload for the batch, copied straight in (new hours) or upserted
    (``bulk.insert_or_upsert``)."""
    ends = [(ing.stations[part["code"][i]], cols.hours[part["time"][i]]) for i in (0, part.height - 1)]
    created, updated, unchanged = insert_or_upsert(copy_text(ing, part), part.height, probe=ends)
    ing.outcome.created += created
    ing.outcome.updated += updated
    ing.outcome.unchanged += unchanged


def _stored(sids: list[int], first: object, last: object) -> dict[tuple[int, str], tuple]:
    """Stored rows of the station and time ranges as the backend keeps them: ``time`` as its stored text and
    ``invalid`` as JSON text, without Django's per-value converters (half of a re-ingest's time)."""
    qn = connection.ops.quote_name
    cols = [qn(c) for c in (*COMPARE, "id")]
    cols[1] = f"CAST({cols[1]} AS TEXT)"
    sql = (f"SELECT {', '.join(cols)} FROM {qn(Reading._meta.db_table)} WHERE {qn('station_id')} BETWEEN %s AND %s "
           f"AND {qn('time')} BETWEEN %s AND %s")
    with connection.cursor() as cur:
        cur.execute(sql, [min(sids), max(sids), first, last])
        return {(r[0], r[1]): r for r in cur.fetchall()}


def _batch(ing: Ingestor, cols: Columns, part: pl.DataFrame) -> None:
    """Other backends (SQLite): insert new rows, compare stored ones as stored and update only those that
    changed (through ``_merge``, like the row path)."""
    sids = [ing.stations[c] for c in part["code"].to_list()]
    stored_time = {t: ing._db_time(when) for t, when in cols.hours.items()}
    texts = part["time"].to_list()
    times, db_times = [cols.hours[t] for t in texts], [stored_time[t] for t in texts]
    values = list(zip(*(part[p].to_list() for p in POLLUTANTS), strict=True))
    invalid = part["invalid"].to_list()
    aqi = [None if a is None else int(a) for a in part["aqi"].to_list()]
    primary = part["primary"].to_list()
    existing = _stored(sids, min(db_times), max(db_times))
    new, changed = [], []
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for k in range(part.height):
        old = existing.get((sids[k], db_times[k]))
        if old is None:
            new.append((sids[k], db_times[k], *values[k], invalid[k], aqi[k], primary[k], ing.source, ing._db_now,
                        ing.batch.pk))
            counts["created"] += 1
        elif old[:-1] == (sids[k], db_times[k], *values[k], invalid[k], aqi[k], primary[k]):
            counts["unchanged"] += 1
        else:
            item = _Pending(line=part["line"][k], code=part["code"][k], time=times[k],
                            values=dict(zip(POLLUTANTS, values[k], strict=True)), invalid=json.loads(invalid[k]),
                            published_aqi=aqi[k], published_primary=primary[k],
                            given=(*POLLUTANTS, "published_aqi", "published_primary"), station_id=sids[k])
            stored = {**dict(zip((*COMPARE, "id"), old, strict=True)), "time": times[k],
                      "invalid": json.loads(old[COMPARE.index("invalid")] or "{}")}
            update = ing.update_of(stored, item)
            if update is None:  # equal values written differently (JSON text of another writer)
                counts["unchanged"] += 1
            else:
                changed.append(update)
                counts["updated"] += 1
    insert_rows(new)
    Reading.objects.bulk_update(changed, UPDATE_FIELDS, batch_size=500)
    for key, n in counts.items():
        setattr(ing.outcome, key, getattr(ing.outcome, key) + n)
