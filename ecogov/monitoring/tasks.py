"""Celery tasks (thin wrappers); their beat entries are in contributions.py.

With a broker (REDIS_URL) the beat runs them; without one they run in-process.
"""

from __future__ import annotations

import datetime as dt

from celery import shared_task


@shared_task(name="monitoring.ingest_national")
def ingest_national_task(path: str, station_list: str | None = None) -> dict:
    """Ingest one national publication file (dropped by the fetcher into the inbox)."""
    from .services_ingest import readings_ingest_national

    out = readings_ingest_national(path=path, station_list=station_list)
    return {"total": out.total, "created": out.created, "updated": out.updated, "rejected": out.rejected}


@shared_task(name="monitoring.daily_values")
def daily_values_task(start: str | None = None, end: str | None = None) -> int:
    """Recompute station daily values and daily AQI (default: yesterday and today)."""
    from django.utils import timezone

    from .processing import station_daily_compute

    today = timezone.localdate()
    first = dt.date.fromisoformat(start) if start else today - dt.timedelta(days=1)
    last = dt.date.fromisoformat(end) if end else today
    return station_daily_compute(start=first, end=last)


@shared_task(name="monitoring.derived_pending", acks_late=True, reject_on_worker_lost=True)
def derived_pending_task() -> int:
    """Recompute the station-days left pending by ingests (``derived``); idempotent, so a task redone on
    another worker after its worker died changes nothing more."""
    from .derived import recompute_pending

    return recompute_pending()


@shared_task(name="monitoring.backfill_file", acks_late=True, reject_on_worker_lost=True)
def backfill_file_task(entry: dict, station_list: dict | None = None) -> dict:
    """One file of a backfill (``services_backfill.backfill_file``): a file recorded done is skipped and
    re-ingesting changes nothing, so a task redone after its worker died has no double effect."""
    from .ingest.sources import Entry
    from .services_backfill import backfill_file

    return backfill_file(Entry(**entry), Entry(**station_list) if station_list else None)


@shared_task(name="monitoring.fetch", acks_late=True, reject_on_worker_lost=True)
def fetch_task() -> dict:
    """One poll of the configured hourly publication (``services_fetch.fetch_once``); does nothing without a
    URL. Idempotent: an answer already ingested is recorded unchanged."""
    from .services_fetch import fetch_once, fetch_settings

    if not fetch_settings()[0]:
        return {"status": "not configured"}
    poll = fetch_once()
    return {"status": poll.status, "rows": poll.rows, "created": poll.rows_created, "lag": poll.lag_seconds}


@shared_task(name="monitoring.partitions_ahead", acks_late=True)
def partitions_ahead_task(months: int = 3) -> list[str]:
    """Create the readings partitions of this month and the next ``months`` (PostgreSQL; else nothing)."""
    from .partitions import create_ahead

    return create_ahead(months)
