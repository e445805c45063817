"""Bulk SQL for hourly readings: insert of NEW rows and the PostgreSQL upsert of a batch.

Insert: ``executemany`` of one parameterised INSERT (COPY on PostgreSQL), with
values prepared once per column constant and per hour, instead of building a
model instance per row. Only for rows known not to exist yet (demo data, first
loads of archives, the new hours of a batch): the idempotent path for
arbitrary input is ``writer.Ingestor``.

Upsert (:func:`insert_or_upsert`, :func:`upsert`, PostgreSQL): the batch is
written with one ``COPY`` (text built in Python, one write) into a
session-local temporary table, then merged into ``monitoring_reading`` with one
``INSERT ... SELECT ... ON CONFLICT (station_id, time) DO UPDATE ... WHERE
(stored values) IS DISTINCT FROM (new values)``: new station-hours are
inserted, changed ones updated, equal ones left alone (a re-ingest writes
nothing). The stored keys, counted in the statement's snapshot, tell inserted
from updated rows, so the created / updated / unchanged counts stay exact. The caller wraps each batch
in its own transaction, so a kill leaves whole batches and a re-run completes
the file with exactly the rows of a clean run. Used by the columnar path,
where every pollutant and the published AQI are given for each row (a full
replacement equals the row path's merge).

Identifiers come from the model's metadata (quoted by the backend); values are
always bound parameters or data in the COPY stream, never SQL text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import numpy as np
from django.db import IntegrityError, connection, models, transaction

from .models import POLLUTANTS, Reading, WindReading

CHUNK = 20000


def _prep(name: str, value):
    return Reading._meta.get_field(name).get_db_prep_save(value, connection)


#: Columns written for each reading, in insert and COPY order.
COLUMNS = ("station_id", "time", *POLLUTANTS, "invalid", "published_aqi", "published_primary", "source", "ingested",
           "batch_id")


@contextmanager
def copy_into(cur, table: str, columns: Sequence[str]) -> Iterator:
    """``COPY table (columns) FROM STDIN`` on a Django cursor's psycopg cursor (PostgreSQL), with driver
    errors raised as Django's (``IntegrityError``...), as every other query of the project raises them."""
    qn = connection.ops.quote_name
    with connection.wrap_database_errors, cur.cursor.copy(
        f"COPY {qn(table)} ({', '.join(qn(c) for c in columns)}) FROM STDIN"
    ) as copy:
        yield copy


def insert_rows(rows: list[tuple]) -> int:
    """Insert reading tuples in ``COLUMNS`` order (``invalid`` as a JSON text)."""
    return insert_tuples(Reading._meta.db_table, COLUMNS, rows)


def insert_tuples(table: str, columns: Sequence[str], rows: list[tuple]) -> int:
    """Insert NEW rows given as tuples in ``columns`` order: COPY on PostgreSQL, executemany elsewhere."""
    if not rows:
        return 0
    qn = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cur:
        if connection.vendor == "postgresql":
            with copy_into(cur, table, columns) as copy:
                for row in rows:
                    copy.write_row(row)
            return len(rows)
        if connection.vendor == "sqlite":
            cur.execute("PRAGMA cache_size = -262144")  # 256 MB page cache for this connection: no index spills
        sql = (f"INSERT INTO {qn(table)} ({', '.join(qn(c) for c in columns)}) "
               f"VALUES ({', '.join(['%s'] * len(columns))})")
        for i in range(0, len(rows), CHUNK):
            cur.executemany(sql, rows[i : i + CHUNK])
    return len(rows)


def copy_new_rows(model: type[models.Model], rows: Sequence[dict]) -> bool:
    """Insert new rows of ``model`` with one COPY (PostgreSQL) inside a savepoint. Each row maps attribute
    names to plain values the driver adapts (str, int, float, None); every other field takes its default
    (``auto_now_add`` included), prepared once for all rows. False, with nothing written, when a row breaks a
    unique constraint or on other backends: the caller then uses ``bulk_create(ignore_conflicts=True)``."""
    if not rows or connection.vendor != "postgresql":
        return not rows
    meta, template = model._meta, model()
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    defaults = {f.attname: f.get_db_prep_save(f.pre_save(template, True), connection) for f in fields}
    try:
        with transaction.atomic(), connection.cursor() as cur:
            with copy_into(cur, meta.db_table, [f.column for f in fields]) as copy:
                for row in rows:
                    copy.write_row([row.get(f.attname, defaults[f.attname]) for f in fields])
    except IntegrityError:
        return False
    return True


def db_time(value: dt.datetime):
    """A datetime as the backend stores it (aware on PostgreSQL, UTC text on SQLite)."""
    return value if connection.vendor == "postgresql" else _prep("time", value)


def insert_station_hours(
    *, station_id: int, times: Sequence[dt.datetime], values: dict[str, np.ndarray], source: str,
    ingested: dt.datetime, batch_id: int | None = None,
) -> int:
    """Insert one station's hours (``values[p][k]`` for ``times[k]``; NaN = missing; all-NaN hours skipped)."""
    tail = ("{}", None, "", source, db_time(ingested), batch_id)
    stacked = np.vstack([np.asarray(values[p], dtype=np.float64) for p in POLLUTANTS])  # (6, n)
    present = ~np.isnan(stacked)
    keep = np.flatnonzero(present.any(axis=0))
    cells = np.where(present, stacked, 0.0).T.tolist()
    mask = present.T.tolist()
    rows = []
    for k in keep.tolist():
        vals = [v if m else None for v, m in zip(cells[k], mask[k], strict=True)]
        rows.append((station_id, db_time(times[k]), *vals, *tail))
    return insert_rows(rows)


def insert_winds(*, station_id: int, times: Sequence[dt.datetime], direction: np.ndarray, speed: np.ndarray,
                 source: str, ingested: dt.datetime) -> int:
    """Insert one station's NEW hourly winds (NaN = missing; hours with neither value skipped)."""
    cols = ("station_id", "time", "direction", "speed", "source", "ingested")
    when = db_time(ingested)
    rows = [(station_id, db_time(t), None if np.isnan(d) else float(d), None if np.isnan(s) else float(s), source, when)
            for t, d, s in zip(times, direction.tolist(), speed.tolist(), strict=True)
            if not (np.isnan(d) and np.isnan(s))]
    return insert_tuples(WindReading._meta.db_table, cols, rows)


# -- PostgreSQL upsert of a batch through a staging table ----------------------------------------------
STAGE = "monitoring_reading_stage"
#: Columns whose difference makes an update (the rest only record who wrote the row).
COMPARED = (*POLLUTANTS, "invalid", "published_aqi", "published_primary")
NULL = "\\N"
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def escape(text: str) -> str:
    """A text cell for COPY's text format (backslash, tab and line breaks escaped)."""
    return text.translate(_ESCAPES)


def _qn(name: str) -> str:
    return connection.ops.quote_name(name)


def _stage_ddl() -> str:
    fields = {f.column: f for f in Reading._meta.concrete_fields}
    cols = ", ".join(f"{_qn(c)} {fields[c].db_type(connection)}" for c in COLUMNS)
    return f"CREATE TEMPORARY TABLE IF NOT EXISTS {_qn(STAGE)} ({cols}) ON COMMIT DELETE ROWS"


def _upsert_sql() -> str:
    table = _qn(Reading._meta.db_table)
    cols = ", ".join(_qn(c) for c in COLUMNS)
    sets = ", ".join(f"{_qn(c)} = EXCLUDED.{_qn(c)}" for c in COLUMNS[2:])
    old = ", ".join(f"r.{_qn(c)}" for c in COMPARED)
    new = ", ".join(f"EXCLUDED.{_qn(c)}" for c in COMPARED)
    stage, key = _qn(STAGE), f"r.{_qn('station_id')} = s.{_qn('station_id')} AND r.{_qn('time')} = s.{_qn('time')}"
    # the stored keys are counted in the statement's snapshot, before its insert: new = staged - stored
    # (``RETURNING xmax`` would tell them apart too, but not on a partitioned table)
    return (
        f"WITH stored AS (SELECT count(*) AS n FROM {stage} s JOIN {table} r ON {key}), "
        f"up AS (INSERT INTO {table} AS r ({cols}) SELECT {cols} FROM {stage} "
        f"ON CONFLICT ({_qn('station_id')}, {_qn('time')}) DO UPDATE SET {sets} "
        f"WHERE ({old}) IS DISTINCT FROM ({new}) RETURNING 1) "
        f"SELECT (SELECT count(*) FROM {stage}) - stored.n, (SELECT count(*) FROM up) - "
        f"((SELECT count(*) FROM {stage}) - stored.n) FROM stored"
    )


def _copy(cur, table: str, payload: str) -> None:
    with copy_into(cur, table, COLUMNS) as copy:
        copy.write(payload)


def _stored(cur, keys: Sequence[tuple[int, object]]) -> bool:
    """True when a reading is stored for any of the given (station id, hour) keys (index probes)."""
    table = _qn(Reading._meta.db_table)
    cond = " OR ".join([f"({_qn('station_id')} = %s AND {_qn('time')} = %s)"] * len(keys))
    cur.execute(f"SELECT EXISTS (SELECT 1 FROM {table} WHERE {cond})", [v for k in keys for v in k])
    return cur.fetchone()[0]


def insert_or_upsert(payload: str, n: int, *, probe: Sequence[tuple[int, object]]) -> tuple[int, int, int]:
    """Like :func:`upsert` for a whole COPY payload of ``n`` lines. Unless a probed key (the batch's first
    and last rows) is already stored, the payload is first copied straight into the table inside a
    savepoint (new hours, the steady state: no staging pass). Any stored station-hour makes that COPY
    fail on the unique constraint and roll back to the savepoint, and the batch then goes through the
    staging upsert, so the counts stay exact and nothing is written twice."""
    if not n:
        return 0, 0, 0
    with connection.cursor() as cur:
        if not _stored(cur, probe):
            try:
                with transaction.atomic(savepoint=True):
                    _copy(cur, Reading._meta.db_table, payload)
                return n, 0, 0
            except IntegrityError:  # a stored station-hour (or an unknown station: the upsert raises it again)
                pass
    return upsert([payload], n=n)


def upsert(lines: Sequence[str], n: int | None = None) -> tuple[int, int, int]:
    """Upsert COPY text lines (``COLUMNS`` order, tab-separated, ending in a newline) inside the caller's
    transaction; returns ``(created, updated, unchanged)``. ``n``: the number of rows when ``lines``
    holds whole payloads rather than one line each."""
    if not lines:
        return 0, 0, 0
    n = len(lines) if n is None else n
    with connection.cursor() as cur:
        cur.execute(_stage_ddl())
        cur.execute(f"TRUNCATE {_qn(STAGE)}")  # a savepoint (tests, nested atomic) keeps rows across batches
        _copy(cur, STAGE, "".join(lines))
        cur.execute(_upsert_sql())
        created, updated = cur.fetchone()
    return created, updated, n - created - updated
