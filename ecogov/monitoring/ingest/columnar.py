"""Columnar fast path of the ingest engine for large, clean files (polars).

A whole file is held as one polars frame and checked column by column with the
same rules as the row path (``base.clean_values`` limits, ``parse_hour``, AQI
range, duplicates). Values that fail a check are stored as NULL with their
reason, exactly as the row path does. If anything would REJECT a row (bad
timestamp, missing station code, duplicate, bad AQI, a non-numeric cell), the
fast path declines and the row path reports every problem row by row; so both
paths give the same rows. On PostgreSQL each batch becomes one COPY text
written by polars (floats in their shortest round-trip form, so the server
stores the very same doubles); elsewhere new rows go through executemany and
existing rows are compared as tuples, so a re-ingest writes nothing.

The frame given to :func:`prepare` has the columns ``code``, ``time`` (text),
the canonical pollutants (Float64), ``aqi`` (Float64), ``primary`` (text) and
optionally ``line`` (the source line of each row; else counted from 2).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

from django.db import connection, transaction

from ..bulk import insert_rows
from ..choices import BatchStatus
from ..models import POLLUTANTS, Reading
from .base import (
    NA_TOKENS,
    PLAUSIBLE_MAX,
    UPDATE_FIELDS,
    Ingestor,
    RowError,
    _Pending,
    normalise_primary,
    parse_hour,
    range_reason,
)
from .staging import NULL, escape, insert_or_upsert

if TYPE_CHECKING:
    import polars as pl

#: Rows per transaction on the fast path (each commit costs a disk flush).
BATCH = 25000
COMPARE = ("station_id", "time", *POLLUTANTS, "invalid", "published_aqi", "published_primary")


def number(name: str) -> pl.Expr:
    """A text column as Float64 (NA tokens -> null); the cast fails on anything that is not a number."""
    import polars as pl

    text = pl.col(name).str.strip_chars()
    return pl.when(text.is_in(list(NA_TOKENS))).then(None).otherwise(text).cast(pl.Float64, strict=True).alias(name)


class Columns:
    """A checked file: ``frame`` (``line, code, when, <pollutants>, aqi, primary``), hours and new-station metas."""

    def __init__(self, frame: pl.DataFrame, hours: dict[str, dt.datetime], metas: dict[str, dict]):
        self.frame, self.hours, self.metas = frame, hours, metas

    def __len__(self) -> int:
        return self.frame.height


def prepare(ing: Ingestor, frame: pl.DataFrame, metas: dict[str, dict]) -> Columns | None:
    """Checks that would reject a row -> None (use the row path); otherwise the columns to ingest."""
    import polars as pl

    if ing.fail_after is not None or ing.allowed is not None or not frame.height:
        return None
    frame = frame.with_columns(pl.col("code").str.strip_chars())
    if frame.select((pl.col("code").is_null() | (pl.col("code") == "") | pl.col("time").is_null()).any()).item():
        return None
    hours: dict[str, dt.datetime] = {}
    for text in frame["time"].unique().to_list():
        try:
            hours[text] = parse_hour(text.strip(), latest=ing._latest_allowed)
        except RowError:
            return None
    iso = {text: when.isoformat() for text, when in hours.items()}
    frame = frame.with_columns(pl.col("time").replace_strict(iso, return_dtype=pl.String).alias("when"))
    if frame.select(pl.struct("code", "when").is_duplicated().any()).item():
        return None
    aqi = pl.col("aqi")
    if frame.select(((aqi < 0) | (aqi > 500) | (aqi != aqi.round())).any()).item():
        return None
    if frame.select(pl.any_horizontal(pl.col(*POLLUTANTS, "aqi").is_infinite()).any()).item():
        return None
    if not ing.create_stations and not frame["code"].is_in(list(ing.stations)).all():
        return None
    primary = {p: normalise_primary(p or "") for p in frame["primary"].unique().to_list()}
    frame = frame.with_columns(pl.col("primary").replace_strict(primary, return_dtype=pl.String))
    if "line" not in frame.columns:
        frame = frame.with_columns(pl.int_range(2, frame.height + 2).alias("line"))
    return Columns(frame, hours, {c: m for c, m in metas.items() if c not in ing.stations})


def _invalid(ing: Ingestor, cols: Columns) -> None:
    """Null out negative or implausible values, record the reasons (like ``base.clean_values``) as the
    ``invalid`` column (JSON text, ``{}`` for clean rows)."""
    import polars as pl

    frame = cols.frame
    refused = {p: (pl.col(p) < 0) | (pl.col(p) > PLAUSIBLE_MAX[p]) for p in POLLUTANTS}
    reasons: dict[int, dict[str, str]] = {}
    for pol, mask in refused.items():
        for i in frame.select(pl.arg_where(mask)).to_series().to_list():
            reason = range_reason(pol, float(frame[pol][i]))
            reasons.setdefault(i, {})[pol] = reason
            ing.outcome.invalid_items += 1
            ing._error_at(int(frame["line"][i]), frame["code"][i], pol, reason)
    nulled = [pl.when(mask).then(None).otherwise(pl.col(p)).alias(p) for p, mask in refused.items()]
    if reasons:
        texts = ["{}"] * frame.height
        for i, why in reasons.items():
            texts[i] = json.dumps(why, ensure_ascii=False)
        invalid = pl.Series("invalid", texts, pl.String)
    else:
        invalid = pl.repeat("{}", frame.height, dtype=pl.String, eager=True).alias("invalid")
    cols.frame = frame.with_columns(*nulled, invalid)


def ingest(ing: Ingestor, cols: Columns) -> None:
    """Upsert the columns in batches (one transaction each); updates ``ing.outcome``."""
    out = ing.outcome
    out.total += len(cols)
    first, last = min(cols.hours.values()), max(cols.hours.values())
    out.first = first if out.first is None else min(out.first, first)
    out.last = last if out.last is None else max(out.last, last)
    _invalid(ing, cols)
    for code, meta in cols.metas.items():
        ing._new_stations.setdefault(code, meta)
    size = max(ing.batch_size, BATCH)
    for start in range(0, len(cols), size):
        part = cols.frame.slice(start, size)
        with transaction.atomic():
            ing._create_stations()
            (_batch_pg if connection.vendor == "postgresql" else _batch)(ing, cols, part)
            ing._save_batch(BatchStatus.RUNNING)
        if ing._bar is not None:
            ing._bar.update(part.height)


def copy_text(ing: Ingestor, part: pl.DataFrame) -> str:
    """The batch as COPY text in ``staging.COLUMNS`` order (text cells escaped, NULL as ``\\N``)."""
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
    """PostgreSQL: one COPY payload for the batch, copied straight in (new hours) or upserted (``staging``)."""
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
