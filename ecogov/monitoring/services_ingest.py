"""Ingest services: one function per source, each returning an ``Outcome``.

These services deliberately do NOT run in one transaction: each batch of rows
commits on its own (``ingest.base.Ingestor.flush``), so that a long file makes
progress and a crash loses at most the current batch; because the upsert is
idempotent, re-running the same input completes it exactly.
"""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction

from ecogov.core.audit import audit_record
from ecogov.core.errors import ValidationFailed
from ecogov.core.permissions import require

from .choices import StationKind
from .ingest import columnar, national
from .ingest.base import BATCH_SIZE, Ingestor, Outcome, Row, run
from .models import IngestBatch, Reading, Station


def readings_ingest_national(
    *, path: str, actor=None, station_list: str | None = None, progress: bool = False,
    fail_after: int | None = None, batch_size: int = BATCH_SIZE,
) -> Outcome:
    """Ingest a national hourly publication file (either layout); unknown stations are created."""
    try:
        rows = national.read(path, station_list=station_list)
        total = national.count_rows(path) if progress else None
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise ValidationFailed("bad_file", f"无法读取文件：{exc}", f"Cannot read the file: {exc}") from exc
    ingestor = Ingestor(
        source="national", reference=str(path), actor=actor, create_stations=True,
        station_kind=StationKind.NATIONAL, progress=progress, total=total, fail_after=fail_after, batch_size=batch_size,
    )
    if national.detect_layout(path) == "hourly":
        cols = national.hourly_columns(path, ingestor)
    else:
        cols = national.dayfile_columns(path, ingestor, station_list)
    if cols is not None:  # clean file: columnar fast path; otherwise the row path reports each problem
        try:
            columnar.ingest(ingestor, cols)
        except BaseException as exc:
            ingestor.fail(exc)
            raise
        return ingestor.finish()
    return run(ingestor, rows)


def readings_ingest_rows(
    *, rows: list[Row] | object, source: str, reference: str = "", actor=None,
    allowed_stations: set[str] | None = None, keep_results: bool = False, progress: bool = False,
    total: int | None = None, fail_after: int | None = None,
) -> Outcome:
    """Ingest rows from any adapter (generic file, push API, MQTT); unknown stations are refused."""
    ingestor = Ingestor(
        source=source, reference=reference, actor=actor, allowed_stations=allowed_stations,
        keep_results=keep_results, progress=progress, total=total, fail_after=fail_after,
    )
    return run(ingestor, rows)


def hash_api_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def station_issue_api_key(*, station: Station, actor) -> str:
    """A new push-API key for ``station`` (returned once; only its hash is stored)."""
    require(actor, "manage", Station)
    key = f"st_{station.code}_{secrets.token_urlsafe(24)}"
    station.api_key_hash = hash_api_key(key)
    station.save(update_fields=["api_key_hash"])
    audit_record(actor=actor, obj=station, event="update", changes={"api_key": ["", "(new key)"]})
    return key


def station_for_key(key: str) -> Station | None:
    if not key:
        return None
    return Station.objects.filter(api_key_hash=hash_api_key(key), active=True).first()


def batch_summary(batch: IngestBatch) -> str:
    return (
        f"rows: {batch.rows_total}, created: {batch.rows_created}, updated: {batch.rows_updated}, "
        f"unchanged: {batch.rows_unchanged}, rejected: {batch.rows_rejected}"
    )


def daily_after_ingest(outcome: Outcome, *, progress: bool = False) -> int:
    """Recompute daily values for the days an ingest touched (all stations with data then)."""
    if outcome.first is None or not (outcome.created or outcome.updated):
        return 0
    from .processing import station_daily_compute
    from .realtime import hour_date

    start, end = hour_date(outcome.first), hour_date(outcome.last)
    ids = list(
        Reading.objects.filter(time__gte=outcome.first, time__lte=outcome.last)
        .values_list("station_id", flat=True).distinct()
    )
    return station_daily_compute(start=start, end=end, station_ids=ids, progress=progress)


def upload_ingest(*, upload, kind: str, mapping: dict, actor, time_format: str | None = None) -> Outcome:
    """Ingest an uploaded CSV/XLSX (air hours or water samples) with a column mapping."""
    import os
    import tempfile

    from .ingest import generic
    from .models import Reading

    require(actor, "change", Reading)
    suffix = os.path.splitext(getattr(upload, "name", "") or "")[1].lower() or ".csv"
    if suffix not in (".csv", ".xlsx"):
        raise ValidationFailed("bad_file", "仅支持 .csv 或 .xlsx 文件", "Only .csv or .xlsx files are accepted")
    with tempfile.NamedTemporaryFile(suffix=suffix, delete=False) as tmp:
        for chunk in upload.chunks():
            tmp.write(chunk)
    try:
        if kind == "water":
            return generic.ingest_water_file(path=tmp.name, mapping=mapping, actor=actor)
        return generic.ingest_air_file(path=tmp.name, mapping=mapping, time_format=time_format or None, actor=actor)
    except (ValueError, KeyError, UnicodeDecodeError) as exc:
        raise ValidationFailed("bad_file", f"无法读取文件：{exc}", f"Cannot read the file: {exc}") from exc
    finally:
        os.unlink(tmp.name)
