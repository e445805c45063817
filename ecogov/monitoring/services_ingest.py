"""Ingest services: one function per source, each returning an ``Outcome``.

The adapters (``ingest/``) only read their source; these services hand what
they read to the writer (``writer``) or, for water samples, store it. The
reading services deliberately do NOT run in one transaction: each batch of
rows commits on its own (``writer.Ingestor.flush``), so that a long file makes
progress and a crash loses at most the current batch; because the upsert is
idempotent, re-running the same input completes it exactly.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import secrets
import tempfile
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from ecogov.core.audit import audit_record
from ecogov.core.errors import ValidationFailed
from ecogov.core.permissions import require

from . import writer
from .choices import BatchStatus, StationKind
from .ingest import columnar, generic, mqtt, national
from .ingest.rows import Row
from .models import DrinkingWaterSource, IngestBatch, Reading, Station, WaterSample, WaterSection
from .writer import BATCH_SIZE, MAX_LOGGED_ERRORS, Ingestor, Outcome, run


def readings_ingest_national(
    *, path: str, actor=None, station_list: str | None = None, progress: bool = False,
    fail_after: int | None = None, batch_size: int = BATCH_SIZE, reference: str | None = None,
    columns: columnar.Columns | None = None,
) -> Outcome:
    """Ingest a national hourly publication file (either layout); unknown stations are created.
    ``reference``: the name logged on the batch (default: ``path``; a backfill gives the archive member).
    ``columns``: the file already read as checked columns (the backfill's parse-ahead, ``backfill_pool``)."""
    try:
        rows = national.read(path, station_list=station_list)
        total = national.count_rows(path) if progress else None
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise ValidationFailed("bad_file", f"无法读取文件：{exc}", f"Cannot read the file: {exc}") from exc
    ingestor = Ingestor(
        source="national", reference=reference or str(path), actor=actor, create_stations=True,
        station_kind=StationKind.NATIONAL, progress=progress, total=total, fail_after=fail_after, batch_size=batch_size,
    )
    target = ingestor.columns_target()
    if columns is not None and target is not None:  # read elsewhere: drop the stations created meanwhile
        columns.metas = {c: m for c, m in columns.metas.items() if c not in target.stations}
        cols: columnar.Columns | None = columns
    else:
        cols = national_columns(path, target, station_list)
    if cols is not None:  # clean file: columnar fast path; otherwise the row path reports each problem
        return writer.run_columns(ingestor, cols)
    return run(ingestor, rows)


def national_columns(path: str, target: columnar.Target | None, station_list: str | None) -> columnar.Columns | None:
    """A national file read as checked columns for the fast path, or None for the row path."""
    if target is None:
        return None
    if national.detect_layout(path) == "hourly":
        return national.hourly_columns(path, target)
    return national.dayfile_columns(path, target, station_list)


def readings_ingest_rows(
    *, rows: Iterable[Row], source: str, reference: str = "", actor=None,
    allowed_stations: set[str] | None = None, keep_results: bool = False, progress: bool = False,
    total: int | None = None, fail_after: int | None = None,
) -> Outcome:
    """Ingest rows from any adapter (generic file, push API, MQTT); unknown stations are refused."""
    ingestor = Ingestor(
        source=source, reference=reference, actor=actor, allowed_stations=allowed_stations,
        keep_results=keep_results, progress=progress, total=total, fail_after=fail_after,
    )
    return run(ingestor, rows)


def readings_ingest_file(*, path: str, mapping: dict[str, str], time_format: str | None = None, actor=None,
                         progress: bool = False) -> Outcome:
    """Ingest air hours from a generic CSV/XLSX with a column mapping (``ingest.generic``)."""
    return readings_ingest_rows(rows=generic.air_rows(path, mapping, time_format), source="file", reference=path,
                                actor=actor, progress=progress)


def water_samples_ingest_file(*, path: str, mapping: dict[str, str], actor=None) -> Outcome:
    """Water samples from a file: one row per site and date; idempotent (upsert on site+date)."""
    batch = IngestBatch.objects.create(source="water-file", reference=path[:255], actor=actor)
    out = Outcome(batch_id=batch.pk)
    sections = {s.code: s for s in WaterSection.objects.all()}
    sources = {s.code: s for s in DrinkingWaterSource.objects.all()}
    seen: set[tuple[str, dt.date | None]] = set()
    with transaction.atomic():
        for row in generic.water_rows(path, mapping):
            out.total += 1
            site = sections.get(row.site) or sources.get(row.site)
            refused = _water_refusal(row, site, seen)
            if refused:
                out.rejected += 1
                out.errors.append({"row": row.line, "station": row.site, "field": refused[0], "reason": refused[1]})
                continue
            seen.add((row.site, row.date))
            for item, why in row.invalid.items():
                out.invalid_items += 1
                out.errors.append({"row": row.line, "station": row.site, "field": item, "reason": why})
            key = {"section" if row.site in sections else "source": site, "date": row.date}
            status = _water_sample_store(key, row.values, batch)
            setattr(out, status, getattr(out, status) + 1)
    _batch_done(batch, out)
    return out


def _water_refusal(row: generic.WaterRow, site, seen: set) -> tuple[str, str] | None:
    """``(field, reason)`` when a line of a water file is refused, else None."""
    if row.date is None:
        return "date", f"bad date {row.date_cell!r}"
    if not site:
        return "site", f"unknown section or source {row.site!r}"
    if (row.site, row.date) in seen:
        return "site", f"duplicate {row.site} {row.date} in this input"
    return None


def _water_sample_store(key: dict, values: dict[str, float], batch: IngestBatch) -> str:
    """Create or update the sample of ``key`` (site and date): ``"created"``, ``"updated"`` or ``"unchanged"``."""
    sample = WaterSample.objects.filter(**key).first()
    if sample is None:
        WaterSample.objects.create(values=values, origin="file", batch=batch, **key)
        return "created"
    if sample.values != values:
        sample.values, sample.batch = values, batch
        sample.save(update_fields=["values", "batch"])
        return "updated"
    return "unchanged"


def _batch_done(batch: IngestBatch, out: Outcome) -> None:
    batch.status, batch.finished = BatchStatus.DONE, timezone.now()
    batch.rows_total, batch.rows_created, batch.rows_updated = out.total, out.created, out.updated
    batch.rows_unchanged, batch.rows_rejected, batch.items_invalid = out.unchanged, out.rejected, out.invalid_items
    batch.errors = out.errors[:MAX_LOGGED_ERRORS]
    batch.save()


def readings_ingest_mqtt(*, messages: list[tuple[str, bytes]]) -> Outcome:
    """Ingest MQTT ``(topic, payload)`` messages (``ingest.mqtt``); a message without the key of its topic's
    station, or with a payload that is not a JSON object, is refused and logged on the batch."""
    keys = dict(Station.objects.exclude(api_key_hash="").values_list("code", "api_key_hash"))
    rows, allowed_codes, refused = [], set(), []
    messages = mqtt.latest_per_topic_hour(messages)
    for i, (topic, payload) in enumerate(messages, start=1):
        row, key = mqtt.parse_message(topic, payload, i)
        if row.meta.get("bad_payload"):
            refused.append((row, "payload is not a JSON object"))
        elif not key or keys.get(row.station) != hash_api_key(key):
            refused.append((row, f"bad or missing key for station {row.station}"))
        else:
            allowed_codes.add(row.station)
            rows.append(row)
    outcome = readings_ingest_rows(rows=rows, source="mqtt", reference=f"mqtt {len(messages)} messages",
                                   allowed_stations=allowed_codes)
    if refused:
        _log_refused(outcome, refused)
    return outcome


def _log_refused(outcome: Outcome, refused: list[tuple[Row, str]]) -> None:
    """Count and log refused messages in ``outcome`` and on its batch."""
    outcome.total += len(refused)
    outcome.rejected += len(refused)
    outcome.errors.extend({"row": r.line, "station": r.station, "field": "key", "reason": why} for r, why in refused)
    batch = IngestBatch.objects.filter(pk=outcome.batch_id).first()
    if batch is not None:
        batch.rows_total, batch.rows_rejected = outcome.total, outcome.rejected
        batch.errors = outcome.errors[:MAX_LOGGED_ERRORS]
        batch.save(update_fields=["rows_total", "rows_rejected", "errors"])


def readings_subscribe_mqtt(*, url: str | None = None, seconds: float | None = None, stdout=None, ready=None,
                            group: str = "") -> int:
    """Subscribe to the micro stations' MQTT topic and ingest each batch of messages until stopped (or for
    ``seconds``); returns the messages ingested. ``group``: a shared subscription, the subscribers of one
    group splitting the messages between them."""
    total = 0
    with contextlib.closing(mqtt.listen(url=url, seconds=seconds, ready=ready, group=group)) as batches:
        for batch in batches:
            outcome = readings_ingest_mqtt(messages=batch)
            total += len(batch)
            if stdout is not None:
                stdout.write(f"mqtt: {len(batch)} messages, {outcome.summary()}")
    return total


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


def daily_after_ingest(outcome: Outcome | None = None, *, progress: bool = False) -> int:
    """Recompute the derived values still pending (``derived``): the station-days this ingest changed, and
    those any earlier run left pending when it was killed. Returns the station-days recomputed."""
    from .derived import recompute_pending

    return recompute_pending(progress=progress)


def upload_ingest(*, upload, kind: str, mapping: dict, actor, time_format: str | None = None) -> Outcome:
    """Ingest an uploaded CSV/XLSX (air hours or water samples) with a column mapping."""
    require(actor, "change", Reading)
    suffix = os.path.splitext(getattr(upload, "name", "") or "")[1].lower() or ".csv"
    if suffix not in (".csv", ".xlsx"):
        raise ValidationFailed("bad_file", "仅支持 .csv 或 .xlsx 文件", "Only .csv or .xlsx files are accepted")
    with tempfile.NamedTemporaryFile(suffix=suffix, delete=False) as tmp:
        for chunk in upload.chunks():
            tmp.write(chunk)
    try:
        if kind == "water":
            return water_samples_ingest_file(path=tmp.name, mapping=mapping, actor=actor)
        return readings_ingest_file(path=tmp.name, mapping=mapping, time_format=time_format or None, actor=actor)
    except (ValueError, KeyError, UnicodeDecodeError) as exc:
        raise ValidationFailed("bad_file", f"无法读取文件：{exc}", f"Cannot read the file: {exc}") from exc
    finally:
        os.unlink(tmp.name)
