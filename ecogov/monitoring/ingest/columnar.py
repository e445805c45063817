"""Columnar fast path of the ingest engine for large, clean files.

A whole file is parsed column by column (numpy) and checked with the same
rules as the row path (``base.clean_values`` limits, ``parse_hour``, AQI range,
duplicates). Values that fail a check are stored as NULL with their reason,
exactly as the row path does. If anything would REJECT a row (bad timestamp,
missing station code, duplicate, bad AQI, a non-numeric cell), the fast path
declines and the row path reports every problem row by row; so both paths
give the same rows. New rows are written with COPY (PostgreSQL) or
executemany; existing rows are compared as tuples and only changed rows are
updated, so a re-ingest writes nothing.
"""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
from django.db import connection, transaction

from ..choices import BatchStatus
from ..models import POLLUTANTS, Reading
from .base import PLAUSIBLE_MAX, Ingestor, RowError, _merge, _Pending, normalise_primary, parse_hour
from .staging import NULL

#: Rows per transaction on the fast path (each commit costs a disk flush).
BATCH = 25000
COMPARE = ("station_id", "time", *POLLUTANTS, "invalid", "published_aqi", "published_primary")


def floats(column) -> np.ndarray:
    """Text cells -> float64, empty/NA -> NaN; ``ValueError`` on anything else."""
    try:
        out = np.fromiter(map(float, [x or "nan" for x in column]), np.float64, len(column))
    except ValueError:
        out = None
    if out is not None:
        if np.isinf(out).any():
            raise ValueError("infinite value")
        return out
    arr = np.char.strip(np.asarray(column, dtype=str))
    arr = np.where(np.isin(arr, ["", "-", "—", "*", "NA", "NaN", "nan", "null", "None"]), "nan", arr)
    return arr.astype(np.float64)


class Columns:
    """A parsed file: ``n`` station-hours as parallel columns."""

    def __init__(self, *, lines, codes, times, values, published_aqi, published_primary, metas, raw=None):
        self.lines, self.codes, self.times, self.raw = lines, codes, times, raw or {}
        self.values, self.published_aqi, self.published_primary, self.metas = (
            values, published_aqi, published_primary, metas,
        )

    def __len__(self) -> int:
        return len(self.codes)


def prepare(ing: Ingestor, *, lines, codes, time_texts, values: dict[str, np.ndarray], aqi: np.ndarray,
            primary, metas: dict[str, dict], raw: dict[str, list[str]] | None = None) -> Columns | None:
    """Checks that would reject a row -> None (use the row path); otherwise the columns to ingest."""
    if ing.fail_after is not None or ing.allowed is not None or not len(codes):
        return None
    if any(not c for c in codes):
        return None
    parsed: dict[str, dt.datetime] = {}
    for text in set(time_texts):
        try:
            parsed[text] = parse_hour(text.strip(), latest=ing._latest_allowed)
        except RowError:
            return None
    if len(set(zip(codes, time_texts, strict=True))) != len(codes):
        return None
    present = ~np.isnan(aqi)
    if np.any(present & ((aqi < 0) | (aqi > 500) | (aqi != np.round(aqi)))):
        return None
    if not ing.create_stations and any(c not in ing.stations for c in set(codes)):
        return None
    times = [parsed[t] for t in time_texts]
    prim = {p: normalise_primary(p) for p in set(primary)}
    return Columns(lines=lines, codes=codes, times=times, values=values, published_aqi=aqi,
                   published_primary=[prim[p] for p in primary], metas=metas, raw=raw)


def _invalid(ing: Ingestor, cols: Columns) -> list[dict | None]:
    """Null out negative or implausible values, record the reasons (like ``base.clean_values``)."""
    invalid: list[dict | None] = [None] * len(cols)
    for pol in POLLUTANTS:
        v = cols.values[pol]
        with np.errstate(invalid="ignore"):
            bad = np.flatnonzero((v < 0) | (v > PLAUSIBLE_MAX[pol]))
        for i in bad.tolist():
            value = float(v[i])
            hint = " (wrong unit? CO is mg/m³)" if pol == "co" and value > 0 else ""
            reason = f"negative value {value:g}" if value < 0 else f"implausible value {value:g}{hint}"
            invalid[i] = {**(invalid[i] or {}), pol: reason}
            ing.outcome.invalid_items += 1
            ing._error_at(cols.lines[i], cols.codes[i], pol, reason)
            v[i] = np.nan
    return invalid


def ingest(ing: Ingestor, cols: Columns) -> None:
    """Upsert the columns in batches (one transaction each); updates ``ing.outcome``."""
    out = ing.outcome
    out.total += len(cols)
    out.first = min(cols.times) if out.first is None else min(out.first, min(cols.times))
    out.last = max(cols.times) if out.last is None else max(out.last, max(cols.times))
    invalid = _invalid(ing, cols)
    for code in set(cols.codes) - set(ing.stations):
        ing._new_stations.setdefault(code, cols.metas.get(code, {"name": code}))
    cells = {p: np.where(np.isnan(cols.values[p]), None, cols.values[p]).tolist() for p in POLLUTANTS}
    aqi = [None if a is None else int(a) for a in np.where(np.isnan(cols.published_aqi), None,
                                                            cols.published_aqi).tolist()]
    size = max(ing.batch_size, BATCH)
    for start in range(0, len(cols), size):
        end = min(len(cols), start + size)
        with transaction.atomic():
            ing._create_stations()
            (_batch_pg if connection.vendor == "postgresql" else _batch)(ing, cols, range(start, end), cells, aqi,
                                                                          invalid)
            ing._save_batch(BatchStatus.RUNNING)
        if ing._bar is not None:
            ing._bar.update(end - start)


def _batch_pg(ing: Ingestor, cols: Columns, idx: range, cells, aqi, invalid) -> None:
    """PostgreSQL: one COPY payload for the batch, copied straight in (new hours) or upserted (``staging``)."""
    from .staging import escape, insert_or_upsert

    a, b = idx.start, idx.stop
    times: dict[dt.datetime, str] = {}
    when = [times.get(t) or times.setdefault(t, t.isoformat()) for t in cols.times[a:b]]
    sid_text = {c: str(ing.stations[c]) for c in set(cols.codes[a:b])}
    columns = [
        [sid_text[c] for c in cols.codes[a:b]],
        when,
        *(_number_text(cols, p, cells, a, b) for p in POLLUTANTS),
        [escape(json.dumps(x, ensure_ascii=False)) if x else "{}" for x in invalid[a:b]],
        [NULL if x is None else str(x) for x in aqi[a:b]],
        [escape(x) for x in cols.published_primary[a:b]],
    ]
    tail = f"\t{escape(ing.source)}\t{ing._now.isoformat()}\t{ing.batch.pk}\n"
    payload = tail.join(map("\t".join, zip(*columns, strict=True))) + tail
    created, updated, unchanged = insert_or_upsert(
        payload, b - a, probe=[(ing.stations[cols.codes[i]], cols.times[i]) for i in (a, b - 1)]
    )
    ing.outcome.created += created
    ing.outcome.updated += updated
    ing.outcome.unchanged += unchanged


_PLAIN = str.maketrans("", "", "0123456789.-+eE")


def _number_text(cols: Columns, pol: str, cells, a: int, b: int) -> list[str]:
    """COPY text of one pollutant column: the file's own cells when they are plain decimal numbers (the
    server parses them to the same float8 as Python's ``float``), else ``repr``; NULL for missing or invalid."""
    raw = cols.raw.get(pol)
    if raw is not None and not "".join(raw[a:b]).translate(_PLAIN):
        present = (~np.isnan(cols.values[pol][a:b])).tolist()
        return [c if ok else NULL for c, ok in zip(raw[a:b], present, strict=True)]
    return [NULL if v is None else repr(v) for v in cells[pol][a:b]]


def _batch(ing: Ingestor, cols: Columns, idx: range, cells, aqi, invalid) -> None:
    sids = [ing.stations[cols.codes[i]] for i in idx]
    times = [cols.times[i] for i in idx]
    existing = {
        (r[0], r[1]): r
        for r in Reading.objects.filter(
            station_id__gte=min(sids), station_id__lte=max(sids), time__gte=min(times), time__lte=max(times)
        ).values_list(*COMPARE, "id")
    }
    new, changed = [], []
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for k, i in enumerate(idx):
        vals = tuple(cells[p][i] for p in POLLUTANTS)
        row = (sids[k], times[k], *vals, invalid[i] or {}, aqi[i], cols.published_primary[i])
        old = existing.get((sids[k], times[k]))
        if old is None:
            when = ing._time_cache.get(times[k])
            if when is None:
                when = ing._time_cache[times[k]] = ing._db_time(times[k])
            new.append((sids[k], when, *vals, json.dumps(invalid[i], ensure_ascii=False) if invalid[i] else "{}",
                        aqi[i], cols.published_primary[i], ing.source, ing._db_now, ing.batch.pk))
            counts["created"] += 1
        elif old[:-1] == row:
            counts["unchanged"] += 1
        else:
            item = _Pending(line=cols.lines[i], code=cols.codes[i], time=times[k], values=dict(zip(POLLUTANTS, vals, strict=True)),
                            invalid=invalid[i] or {}, published_aqi=aqi[i],
                            published_primary=cols.published_primary[i],
                            given=(*POLLUTANTS, "published_aqi", "published_primary"), station_id=sids[k])
            merged = _merge(dict(zip((*COMPARE, "id"), old, strict=True)), item)
            if merged is None:
                counts["unchanged"] += 1
            else:
                changed.append(Reading(**merged, source=ing.source, batch=ing.batch, ingested=ing._now))
                counts["updated"] += 1
    from ..bulk import insert_rows

    insert_rows(new)
    fields = [*POLLUTANTS, "invalid", "published_aqi", "published_primary", "source", "ingested", "batch"]
    Reading.objects.bulk_update(changed, fields, batch_size=500)
    for key, n in counts.items():
        setattr(ing.outcome, key, getattr(ing.outcome, key) + n)
