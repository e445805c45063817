"""Fast bulk insert of NEW hourly readings (demo data, first load of archives).

``executemany`` of one parameterised INSERT, with values prepared once per
column constant and per hour, instead of building a model instance per row.
Identifiers come from the model's metadata (quoted by the backend); values are
always bound parameters. Only for rows known not to exist yet: the idempotent
path for arbitrary input is ``ingest.base.Ingestor``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
from django.db import connection, transaction

from .models import POLLUTANTS, Reading

CHUNK = 20000


def _prep(name: str, value):
    return Reading._meta.get_field(name).get_db_prep_save(value, connection)


def insert_station_hours(
    *, station_id: int, times: Sequence[dt.datetime], values: dict[str, np.ndarray], source: str,
    ingested: dt.datetime, batch_id: int | None = None,
) -> int:
    """Insert one station's hours (``values[p][k]`` for ``times[k]``; NaN = missing; all-NaN hours skipped)."""
    cols = ["station_id", "time", *POLLUTANTS, "invalid", "published_primary", "source", "ingested", "batch_id"]
    qn = connection.ops.quote_name
    sql = (
        f"INSERT INTO {qn(Reading._meta.db_table)} ({', '.join(qn(c) for c in cols)}) "
        f"VALUES ({', '.join(['%s'] * len(cols))})"
    )
    tail = (_prep("invalid", {}), "", source, _prep("ingested", ingested), batch_id)
    stacked = np.vstack([np.asarray(values[p], dtype=np.float64) for p in POLLUTANTS])  # (6, n)
    present = ~np.isnan(stacked)
    keep = np.flatnonzero(present.any(axis=0))
    cells = np.where(present, stacked, 0.0).T.tolist()
    mask = present.T.tolist()
    rows = []
    time_field = Reading._meta.get_field("time")
    for k in keep.tolist():
        vals = [v if m else None for v, m in zip(cells[k], mask[k], strict=True)]
        rows.append((station_id, time_field.get_db_prep_save(times[k], connection), *vals, *tail))
    with transaction.atomic(), connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("PRAGMA cache_size = -262144")  # 256 MB page cache for this connection: no index spills
        for i in range(0, len(rows), CHUNK):
            cur.executemany(sql, rows[i : i + CHUNK])
    return len(rows)
