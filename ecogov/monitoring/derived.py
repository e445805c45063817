"""The durable record of derived values still to compute, and the recomputation that clears it.

Readings are upserted batch by batch; each batch that changes readings marks the station-days it touched
(``DerivedPending``) in its own transaction (:func:`mark`). :func:`recompute_pending` recomputes the daily
values of the marked station-days, a group of stations and a month at a time, and clears each mark in the
transaction that writes the day: a process killed anywhere leaves either the old mark or the new values,
never a day that is neither, and the next run (or the scheduled task) completes the work from the table,
not from what the interrupted process remembered.

A mark carries a version, raised each time the day is marked again; the recomputation deletes a mark only at
the version it read before reading the hours, so readings written meanwhile keep their day pending.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Q

from . import pool as pools
from .bulk import copy_new_rows
from .models import DerivedPending, StationDaily

#: Stations per recomputation step (a month of 200 stations is a 7 MB cube).
STATIONS_PER_STEP = 200


def mark(pairs: Iterable[tuple[int, dt.date]]) -> int:
    """Mark ``(station id, date)`` pairs pending, inside the caller's transaction (the readings' one).

    One ``INSERT .. ON CONFLICT DO UPDATE`` (from two arrays on PostgreSQL, per 500 pairs elsewhere), the
    pairs sorted so that concurrent writers lock in the same order. Returns the pairs marked."""
    items = sorted(set(pairs))
    if not items:
        return 0
    table = connection.ops.quote_name(DerivedPending._meta.db_table)
    upsert = f"ON CONFLICT (station_id, date) DO UPDATE SET version = {table}.version + 1"
    if connection.vendor == "postgresql":  # two array parameters, whatever the number of pairs
        with connection.cursor() as cur:
            cur.execute(f"INSERT INTO {table} (station_id, date, version) SELECT s, d, 1 FROM "
                        f"unnest(%s::bigint[], %s::date[]) AS x(s, d) {upsert}",
                        [[sid for sid, _ in items], [day for _, day in items]])
        return len(items)
    for i in range(0, len(items), 500):
        part = items[i : i + 500]
        values = ", ".join(["(%s, %s, 1)"] * len(part))
        params = [x for sid, day in part for x in (sid, day.isoformat())]
        with connection.cursor() as cur:
            cur.execute(
                f"INSERT INTO {table} (station_id, date, version) VALUES {values} {upsert}", params)
    return len(items)


def hour_day(when: dt.datetime, tz) -> dt.date:
    """The calendar day of an hour END (00:00 belongs to the day before), as ``realtime.hour_date``."""
    return (when.astimezone(tz) - dt.timedelta(hours=1)).date()


def pending_count() -> int:
    return DerivedPending.objects.count()


def recompute_pending(*, progress: bool = False, processes: int | None = None) -> int:
    """Recompute every pending station-day; returns the station-days recomputed.

    A large recomputation on PostgreSQL, outside any transaction of the caller, runs its steps (disjoint
    groups of stations, each step its own transactions) on ``processes`` processes (default: the machine's
    cores from ``POOL_MIN_STEPS`` steps; 0 or 1: here); the days written are the same either way."""
    stations = list(DerivedPending.objects.values_list("station_id", flat=True).distinct().order_by("station_id"))
    steps = [stations[i : i + STATIONS_PER_STEP] for i in range(0, len(stations), STATIONS_PER_STEP)]
    bar = None
    if progress and steps:
        from tqdm import tqdm

        bar = tqdm(total=len(steps), unit="step", file=sys.stderr, desc="derived values")
    n = _pool_size(len(steps), processes)
    done = 0
    for count in (_on_pool(steps, n) if n > 1 else map(_step, steps)):
        done += count
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    return done


#: Steps from which a recomputation runs on a process pool (a year of 2,000 stations: 10 steps).
POOL_MIN_STEPS = 8


def _pool_size(steps: int, processes: int | None) -> int:
    import multiprocessing

    if connection.vendor != "postgresql" or connection.in_atomic_block:  # the pool would not see uncommitted rows
        return 0
    if multiprocessing.current_process().daemon:  # a daemonic process may not have children
        return 0
    if processes is not None:
        return processes
    return (os.cpu_count() or 1) if steps >= POOL_MIN_STEPS else 0


def _on_pool(steps: list[list[int]], processes: int) -> Iterable[int]:
    """``_step`` of each group on spawned processes (fresh ones, with their own connections to the
    database in use, a test database too). A work item is unpickled after the initializer has set
    Django up, so ``_step`` itself can be sent; only the initializer lives in the model-free ``pool``."""
    import concurrent.futures
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    name = connection.settings_dict["NAME"]
    hits = ctx.Value("i", _hits.get("derived.step", 0))
    with concurrent.futures.ProcessPoolExecutor(processes, mp_context=ctx, initializer=pools.setup,
                                                initargs=(name, hits)) as pool:
        yield from pool.map(_step, steps)
    _hits["derived.step"] = hits.value


def _step(ids: list[int]) -> int:
    """The pending days of a group of stations, a month at a time."""
    marks = list(DerivedPending.objects.filter(station_id__in=ids).values_list("id", "station_id", "date", "version"))
    by_month: dict[tuple[int, int], list[tuple]] = defaultdict(list)
    for m in marks:
        by_month[(m[2].year, m[2].month)].append(m)
    done = 0
    for key in sorted(by_month):
        done += _recompute(by_month[key])
        failpoint("derived.step")
    return done


def _recompute(marks: list[tuple]) -> int:
    """Recompute the marked station-days of one month (``(id, station id, date, version)``) in one
    transaction: the days' values replaced, their marks cleared at the version read."""
    from .processing import daily_objects, hourly_cube

    ids = sorted({m[1] for m in marks})
    start, end = min(m[2] for m in marks), max(m[2] for m in marks)
    wanted = {(m[1], m[2]) for m in marks}
    with transaction.atomic():
        objs = [o for o in daily_objects(ids, hourly_cube(ids, start, end), start) if (o.station_id, o.date) in wanted]
        by_date: dict[dt.date, list[int]] = defaultdict(list)
        for sid, day in wanted:
            by_date[day].append(sid)
        where = Q()
        for day, sids in by_date.items():
            where |= Q(date=day, station_id__in=sids)
        StationDaily.objects.filter(where).delete()
        _insert(objs)
        by_version: dict[int, list[int]] = defaultdict(list)
        for pk, _sid, _day, version in marks:
            by_version[version].append(pk)
        for version, pks in by_version.items():
            DerivedPending.objects.filter(pk__in=pks, version=version).delete()
    return len(wanted)


def _insert(objs: list[StationDaily]) -> None:
    """New daily rows: one COPY on PostgreSQL, ``bulk_create`` elsewhere."""
    names = [f.attname for f in StationDaily._meta.concrete_fields if not f.primary_key]
    if not copy_new_rows(StationDaily, [{n: getattr(o, n) for n in names} for o in objs]):
        StationDaily.objects.bulk_create(objs, batch_size=2000)


def failpoint(name: str) -> None:
    """Crash-test hook: with ``ECOGOV_FAILPOINT=<name>:<n>`` in the environment, the n-th pass here prints
    ``failpoint <name> reached`` on stderr and waits to be killed (the crash tests send SIGKILL then)."""
    spec = os.environ.get("ECOGOV_FAILPOINT", "")
    if not spec.startswith(name + ":"):
        return
    if pools.HITS is not None:  # in a pool process: count over the whole command
        with pools.HITS.get_lock():
            pools.HITS.value += 1
            n = pools.HITS.value
    else:
        n = _hits[name] = _hits.get(name, 0) + 1
    if n == int(spec.rsplit(":", 1)[1]):
        sys.stderr.write(f"failpoint {name} reached\n")
        sys.stderr.flush()
        while True:
            time.sleep(60)


_hits: dict[str, int] = {}
