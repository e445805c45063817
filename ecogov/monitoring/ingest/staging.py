"""PostgreSQL upsert of a batch through a staging table.

The batch is written with one ``COPY`` (text built in Python, one write) into a
session-local temporary table, then merged into ``monitoring_reading`` with one
``INSERT ... SELECT ... ON CONFLICT (station_id, time) DO UPDATE ... WHERE
(stored values) IS DISTINCT FROM (new values)``: new station-hours are
inserted, changed ones updated, equal ones left alone (a re-ingest writes
nothing). ``RETURNING (xmax = 0)`` tells inserted from updated rows, so the
created / updated / unchanged counts stay exact. The caller wraps each batch
in its own transaction, so a kill leaves whole batches and a re-run completes
the file with exactly the rows of a clean run.

Used by the columnar path, where every pollutant and the published AQI are
given for each row (a full replacement equals the row path's merge). Values
are always data in the COPY stream, never SQL text; identifiers come from the
model's metadata, quoted by the backend.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import IntegrityError, connection, transaction

from ..bulk import copy_into
from ..models import POLLUTANTS, Reading

STAGE = "monitoring_reading_stage"
#: Columns written for each row, in COPY order.
COLUMNS = ("station_id", "time", *POLLUTANTS, "invalid", "published_aqi", "published_primary", "source", "ingested",
           "batch_id")
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
    return (
        f"WITH up AS (INSERT INTO {table} AS r ({cols}) SELECT {cols} FROM {_qn(STAGE)} "
        f"ON CONFLICT ({_qn('station_id')}, {_qn('time')}) DO UPDATE SET {sets} "
        f"WHERE ({old}) IS DISTINCT FROM ({new}) RETURNING (r.xmax = 0) AS created) "
        f"SELECT count(*) FILTER (WHERE created), count(*) FILTER (WHERE NOT created) FROM up"
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
