"""Backfill of the national archive (历史数据回填): folders and archives of national files loaded as one
task per file, in-process or on Celery workers, resumable, with the derived values recomputed once.

* the plan (``ingest.sources``): every file known by the SHA-256 of its content, in an order that does not
  depend on the order of the paths given; the same content found twice is planned once;
* the stations of the national station list are created first, so that which file meets a station first
  (on whichever worker) never decides its name or coordinates;
* each file is a task (:func:`backfill_file`, Celery task ``monitoring.backfill_file`` with ``acks_late``):
  idempotent, since a file recorded done (``BackfillFile``) is skipped and re-ingesting a file changes
  nothing; a run interrupted anywhere is completed by running it again;
* the files' ingests leave their station-days pending (``derived``); the daily values of all of them are
  recomputed once, at the end;
* a summary file (JSON) lists every file with its counts and the rows refused, with their line numbers.

When two files give different values for the same station-hour, the file later in plan order wins (the
in-process run); overlapping files of the same publication carry the same values, so the order of their
tasks on workers does not matter.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
import time
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ecogov.core.errors import ValidationFailed

from . import backfill_pool, derived
from .choices import BatchStatus, StationKind
from .ingest import national, sources
from .ingest.columnar import Columns
from .ingest.sources import Entry, Plan
from .models import BackfillFile, Station
from .services_ingest import readings_ingest_national
from .writer import Ingestor

FINISHED = (BatchStatus.DONE, BatchStatus.FAILED)


@dataclass
class BackfillResult:
    plan: Plan
    skipped: int = 0  # files finished by an earlier run
    ran: int = 0
    failed: int = 0
    rows: int = 0
    rejected: int = 0
    stations_created: int = 0
    station_days: int = 0
    seconds: float = 0.0
    files: list[dict] = field(default_factory=list)

    def summary(self) -> str:
        rate = self.rows / self.seconds if self.seconds else 0.0
        return (f"files: {len(self.plan.files)} (run {self.ran}, already done {self.skipped}, failed {self.failed}, "
                f"duplicates {len(self.plan.duplicates)}), rows: {self.rows} ({rate:,.0f} rows/s), "
                f"rejected: {self.rejected}, stations created: {self.stations_created}, "
                f"station-days recomputed: {self.station_days}")


def backfill_plan(paths: list[str]) -> Plan:
    try:
        return sources.plan(paths)
    except (OSError, ValueError) as exc:
        raise ValidationFailed("bad_file", f"无法读取：{exc}", f"Cannot read: {exc}") from exc


def backfill_stations(station_list: Entry) -> int:
    """Create the stations of the national station list not stored yet; returns how many."""
    with sources.local_copy(station_list) as path:
        metas = national.load_station_list(path)
    ingestor = Ingestor(source="national", reference=f"station list {station_list.name}"[:255],
                        create_stations=True, station_kind=StationKind.NATIONAL)
    created = ingestor.add_stations(metas)
    ingestor.finish()
    return created


def backfill_file(entry: Entry, station_list: Entry | None = None, columns: Columns | None = None) -> dict[str, Any]:
    """Ingest one planned file unless it is recorded done; the body of the ``monitoring.backfill_file`` task.

    Daily values are left pending for the end of the backfill. A file that cannot be read is recorded
    failed with the reason (and tried again by the next run). ``columns``: the file read ahead as checked
    columns (``backfill_pool``)."""
    record, _ = BackfillFile.objects.get_or_create(sha256=entry.sha256, defaults={"name": entry.name[:500]})
    if record.status == BatchStatus.DONE:
        return {"sha256": entry.sha256, "skipped": True}
    record.status, record.name = BatchStatus.RUNNING, entry.name[:500]
    record.save(update_fields=["status", "name"])
    try:
        with sources.local_copy(entry) as path, _optional_copy(station_list) as list_path:
            outcome = readings_ingest_national(path=path, station_list=list_path, reference=entry.name[-255:],
                                               columns=columns)
    except ValidationFailed as exc:
        _finish(record, BatchStatus.FAILED, errors=[{"row": None, "station": "", "field": "", "reason": str(exc)}])
        return {"sha256": entry.sha256, "failed": str(exc)}
    except Exception as exc:
        _finish(record, BatchStatus.FAILED, errors=[{"row": None, "station": "", "field": "", "reason": repr(exc)}])
        raise
    _finish(record, BatchStatus.DONE, errors=outcome.errors, rows_total=outcome.total, rows_created=outcome.created,
            rows_updated=outcome.updated, rows_rejected=outcome.rejected, batch_id=outcome.batch_id)
    derived.failpoint("backfill.file")
    return {"sha256": entry.sha256, "rows": outcome.total, "rejected": outcome.rejected,
            "stations_created": outcome.stations_created}


def _finish(record: BackfillFile, status: str, **values) -> None:
    for key, value in values.items():
        setattr(record, key, value)
    record.status, record.finished = status, timezone.now()
    record.save()


@contextlib.contextmanager
def _optional_copy(entry: Entry | None):
    if entry is None:
        yield None
        return
    with sources.local_copy(entry) as path:
        yield path


def backfill_run(paths: list[str], *, use_workers: bool | None = None, summary_path: str | None = None,
                 progress: bool = False, recompute: bool = True, timeout: float | None = None,
                 processes: int | None = None) -> BackfillResult:
    """Plan ``paths``, run the files not done yet (on Celery workers when a broker is configured, unless
    ``use_workers`` says otherwise), recompute the pending derived values once, write the summary.

    In-process, ``processes`` pool processes read the files ahead while this process writes them in plan
    order (``backfill_pool``; default none), and the derived values are recomputed on as many
    (``derived``; default: the machine's cores for a large recomputation); 0: no pool at all."""
    started = time.monotonic()
    plan = backfill_plan(paths)
    result = BackfillResult(plan=plan)
    if plan.station_list is not None:
        result.stations_created += backfill_stations(plan.station_list)
    done = set(BackfillFile.objects.filter(sha256__in=[e.sha256 for e in plan.files], status=BatchStatus.DONE)
               .values_list("sha256", flat=True))
    todo = [e for e in plan.files if e.sha256 not in done]
    result.skipped = len(plan.files) - len(todo)
    bar = _Progress(sum(e.size for e in todo), progress)
    if use_workers is None:
        use_workers = bool(settings.CELERY_BROKER_URL) and not settings.CELERY_TASK_ALWAYS_EAGER
    if use_workers:
        _on_workers(todo, plan.station_list, bar, timeout)
    else:
        _in_process(todo, plan.station_list, bar, backfill_pool.processes_for(todo, processes))
    bar.close()
    if recompute:
        result.station_days = derived.recompute_pending(progress=progress, processes=processes)
    result.seconds = time.monotonic() - started
    _collect(result, {e.sha256 for e in todo})
    if summary_path:
        write_summary(result, summary_path)
    return result


def _in_process(todo: list[Entry], station_list: Entry | None, bar: _Progress, processes: int) -> None:
    """The files one after the other in plan order, read ahead on ``processes`` pool processes if any."""
    if not processes:
        for entry in todo:
            backfill_file(entry, station_list)
            bar.file_done(entry, _rows_of(entry))
        return
    latest = timezone.now() + dt.timedelta(hours=1)

    def stations() -> set[str]:
        return set(Station.objects.values_list("code", flat=True))

    for entry, cols in backfill_pool.parsed_in_order(todo, station_list, processes, stations, latest):
        backfill_file(entry, station_list, columns=cols)
        bar.file_done(entry, _rows_of(entry))


def _rows_of(entry: Entry) -> int:
    return BackfillFile.objects.filter(sha256=entry.sha256).values_list("rows_total", flat=True).first() or 0


def _on_workers(todo: list[Entry], station_list: Entry | None, bar: _Progress, timeout: float | None) -> None:
    """One Celery task per file; waits by watching the files' records (any result backend, or none)."""
    from celery import current_app, group

    with transaction.atomic():
        BackfillFile.objects.bulk_create([BackfillFile(sha256=e.sha256, name=e.name[:500]) for e in todo],
                                         ignore_conflicts=True)
        BackfillFile.objects.filter(sha256__in=[e.sha256 for e in todo]).update(status=BatchStatus.RUNNING)
    sl = station_list.as_dict() if station_list else None
    tasks = group(current_app.signature("monitoring.backfill_file", args=(e.as_dict(), sl)) for e in todo)
    with current_app.connection_for_write() as conn:  # the broker configured now, not a pool made earlier
        tasks.apply_async(connection=conn)
    waiting = {e.sha256: e for e in todo}
    deadline = None if timeout is None else time.monotonic() + timeout
    while waiting:
        for sha, rows in BackfillFile.objects.filter(sha256__in=list(waiting), status__in=FINISHED).values_list(
                "sha256", "rows_total"):
            bar.file_done(waiting.pop(sha), rows)
        if deadline is not None and time.monotonic() > deadline:
            raise TimeoutError(f"{len(waiting)} files not finished by the workers in {timeout} s")
        if waiting:
            time.sleep(0.5)


def _collect(result: BackfillResult, ran: set[str]) -> None:
    records = {r.sha256: r for r in BackfillFile.objects.filter(sha256__in=[e.sha256 for e in result.plan.files])}
    for entry in result.plan.files:
        rec = records.get(entry.sha256)
        item = {"file": entry.name, "sha256": entry.sha256, "status": rec.status if rec else "not run",
                "this_run": entry.sha256 in ran}
        if rec is not None:
            item |= {"rows": rec.rows_total, "created": rec.rows_created, "updated": rec.rows_updated,
                     "rejected": rec.rows_rejected, "problems": rec.errors}
            if entry.sha256 in ran:
                result.rows += rec.rows_total
                result.rejected += rec.rows_rejected
                result.ran += 1
                result.failed += rec.status == BatchStatus.FAILED
        result.files.append(item)


def write_summary(result: BackfillResult, path: str) -> None:
    """The summary file: every planned file with its counts and problems (``problems``: the line, station,
    field and reason of each row refused or value set aside), the duplicates and the totals."""
    doc = {
        "totals": {"files": len(result.plan.files), "run": result.ran, "already_done": result.skipped,
                   "failed": result.failed, "rows": result.rows, "rejected": result.rejected,
                   "station_days_recomputed": result.station_days, "seconds": round(result.seconds, 1)},
        "station_list": result.plan.station_list.name if result.plan.station_list else None,
        "files": result.files,
        "duplicates": [{"file": dup.name, "same_as": kept.name} for dup, kept in result.plan.duplicates],
    }
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, ensure_ascii=False, indent=1)


class _Progress:
    """A bar over the bytes to load (its ETA) with the rows loaded and rows/s beside it."""

    def __init__(self, total: int, enabled: bool):
        self.rows, self.started = 0, time.monotonic()
        self.bar = None
        if enabled and total:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="B", unit_scale=True, file=sys.stderr, desc="backfill")

    def file_done(self, entry: Entry, rows: int) -> None:
        self.rows += rows
        if self.bar is not None:
            rate = self.rows / max(time.monotonic() - self.started, 1e-9)
            self.bar.set_postfix_str(f"{self.rows:,} rows, {rate:,.0f} rows/s", refresh=False)
            self.bar.update(entry.size)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
