"""Fast bulk insert of NEW hourly readings (demo data, first load of archives).

``executemany`` of one parameterised INSERT, with values prepared once per
column constant and per hour, instead of building a model instance per row.
Identifiers come from the model's metadata (quoted by the backend); values are
always bound parameters. Only for rows known not to exist yet: the idempotent
path for arbitrary input is ``ingest.base.Ingestor``.
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
