"""Parse-ahead of a backfill's files on a process pool (the in-process backfill without a broker).

Reading a day file into checked columns (``ingest.national``, polars) is pure: no database. While the
backfill's own process writes file *n* (COPY, derived marks, its ``BackfillFile`` record), the pool's
processes read files *n+1..n+k*. The writes stay in the backfill's process and in plan order, one file
after the other exactly as without the pool, so the rows, the counts, the refused-row reports and the
resumability (a file recorded done is skipped by the next run) are those of the serial run; only the
reading moves. A file the pool cannot read as columns is read again by the writer (the row path reports
its problems).
"""

from __future__ import annotations

import concurrent.futures as futures
import datetime as dt
import multiprocessing
from collections import deque
from collections.abc import Iterator

from . import pool as pools
from .ingest import columnar, sources
from .ingest.sources import Entry


def processes_for(todo: list[Entry], processes: int | None) -> int:
    """The read-ahead pool's size: ``processes`` when given, else none. Measured on 2 shared cores
    (``benchmarks/bench_backfill.py``, 30 day files of 2,000 stations) the read-ahead moved 8 s of parsing
    out of the writer but cost 16 s in the pool and did not shorten the load: the database's COPY and
    index upkeep on the same cores set the pace. With more cores than the database needs, give
    ``processes``."""
    if processes is None or len(todo) < 2:
        return 0
    return max(0, processes)


def read_columns(entry: Entry, station_list: Entry | None, stations: frozenset[str],
                 latest: dt.datetime) -> columnar.Columns | None:
    """In a pool process: the file as checked columns against the stations known when it was submitted
    (the writer drops the new-station metas another file created meanwhile), or None for the row path."""
    from .services_ingest import national_columns

    target = columnar.Target(stations=stations, latest=latest, create_stations=True)
    with sources.local_copy(entry) as path:
        if station_list is None:
            return national_columns(path, target, None)
        with sources.local_copy(station_list) as list_path:
            return national_columns(path, target, list_path)


def parsed_in_order(todo: list[Entry], station_list: Entry | None, processes: int, stations,
                    latest: dt.datetime) -> Iterator[tuple[Entry, columnar.Columns | None]]:
    """``(entry, columns or None)`` in plan order, ``processes`` files being read ahead at any time.

    ``stations()`` gives the codes stored now (asked again before each submission)."""
    ctx = multiprocessing.get_context("spawn")  # no fork of a process holding database connections
    with futures.ProcessPoolExecutor(max_workers=processes, mp_context=ctx, initializer=pools.setup) as pool:
        queue: deque[tuple[Entry, futures.Future]] = deque()
        upcoming = iter(todo)

        def submit() -> None:
            entry = next(upcoming, None)
            if entry is not None:
                queue.append((entry, pool.submit(read_columns, entry, station_list, frozenset(stations()), latest)))

        for _ in range(processes + 1):
            submit()
        while queue:
            entry, future = queue.popleft()
            try:
                cols = future.result()
            except Exception:  # noqa: BLE001 - the writer reads the file again and reports why it fails
                cols = None
            submit()
            yield entry, cols
