"""The hourly fetcher: poll a URL for the national hourly publication (or any CSV/JSON source with a column
mapping), ingest what is new, and record every poll (``FetchPoll``: status, HTTP status, rows, lag).

A poll downloads the whole answer to a temporary file first, with a timeout, and checks that it is complete
(the announced length received, the last line ended, every record as wide as the header) before anything
is stored; the ingest of one answer then runs in one transaction, so a slow, failed or truncated answer
writes no reading and the next poll simply tries again. An answer equal to the last one ingested (same
SHA-256) is recorded ``unchanged`` and not ingested again. The derived values of the station-days that
changed are recomputed after each ingest (``derived``).

Settings (or the environment, ``fetch_settings``): ``MONITORING_FETCH_URL`` (``ECOGOV_FETCH_URL``),
``MONITORING_FETCH_TIMEOUT`` in seconds (``ECOGOV_FETCH_TIMEOUT``, default 60), ``MONITORING_FETCH_MAPPING``
(``ECOGOV_FETCH_MAPPING``, a JSON column mapping; empty for the national format).
"""

from __future__ import annotations

import csv
import hashlib
import http.client
import json
import os
import tempfile
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ecogov.core.errors import DomainError

from . import derived
from .models import FetchPoll
from .services_ingest import readings_ingest_file, readings_ingest_national
from .writer import Outcome

#: Largest answer accepted (a national hourly file is about 0.3 MB).
MAX_BYTES = 64 * 1024 * 1024


class FetchError(Exception):
    def __init__(self, message: str, http_status: int | None = None):
        super().__init__(message)
        self.http_status = http_status


def fetch_settings() -> tuple[str, float, dict]:
    """``(url, timeout, mapping)``: Django settings ``MONITORING_FETCH_*`` when set, else the environment
    (``ECOGOV_FETCH_URL``, ``ECOGOV_FETCH_TIMEOUT``, ``ECOGOV_FETCH_MAPPING`` as JSON)."""
    url = getattr(settings, "MONITORING_FETCH_URL", None) or os.environ.get("ECOGOV_FETCH_URL", "")
    timeout = float(getattr(settings, "MONITORING_FETCH_TIMEOUT", None) or os.environ.get("ECOGOV_FETCH_TIMEOUT") or 60)
    mapping = getattr(settings, "MONITORING_FETCH_MAPPING", None)
    if mapping is None:
        mapping = json.loads(os.environ.get("ECOGOV_FETCH_MAPPING", "") or "{}")
    return url, timeout, mapping


def fetch_once(*, url: str | None = None, timeout: float | None = None, mapping: dict | None = None) -> FetchPoll:
    """One poll; returns its record (``status``: ``ok``, ``unchanged`` or ``error``)."""
    default_url, default_timeout, default_mapping = fetch_settings()
    url = url or default_url
    poll = FetchPoll.objects.create(url=url[:500], status="running")
    path = None
    try:
        if not url:
            raise FetchError("no URL configured (MONITORING_FETCH_URL)")
        path, status, digest = _download(url, timeout or default_timeout)
        poll.http_status, poll.sha256 = status, digest
        last = FetchPoll.objects.filter(url=poll.url, status="ok").exclude(pk=poll.pk).order_by("-started").first()
        if last is not None and last.sha256 == digest:
            poll.status, poll.message = "unchanged", f"same content as poll {last.pk}"
            return poll
        _check_complete(path)
        outcome = _ingest(path, url, mapping if mapping is not None else default_mapping)
        poll.status, poll.rows, poll.rows_created = "ok", outcome.total, outcome.created
        poll.latest_hour = outcome.last
        if outcome.last is not None:
            poll.lag_seconds = int((timezone.now() - outcome.last).total_seconds())
        if outcome.rejected:
            poll.message = f"{outcome.rejected} rows refused (ingest batch {outcome.batch_id})"
        derived.recompute_pending()
    except (FetchError, DomainError, OSError, ValueError) as exc:
        poll.status, poll.message = "error", str(exc)[:2000]
        poll.http_status = getattr(exc, "http_status", None) or poll.http_status
    finally:
        poll.finished = timezone.now()
        poll.save()
        if path:
            os.unlink(path)
    return poll


def _download(url: str, timeout: float) -> tuple[str, int, str]:
    """The answer saved to a temporary file: ``(path, HTTP status, sha256)``; ``FetchError`` for an error
    status, a timeout, a connection cut before the announced length, or an answer over ``MAX_BYTES``."""
    fd, path = tempfile.mkstemp(suffix=".csv" if not url.lower().endswith(".json") else ".json")
    digest, size = hashlib.sha256(), 0
    try:
        request = urllib.request.Request(url, headers={"User-Agent": "ecogov-fetcher"})
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(request, timeout=timeout) as answer:
            expected = answer.headers.get("Content-Length")
            while chunk := answer.read(1 << 16):
                size += len(chunk)
                if size > MAX_BYTES:
                    raise FetchError(f"answer larger than {MAX_BYTES} bytes")
                digest.update(chunk)
                out.write(chunk)
            if expected is not None and int(expected) != size:
                raise FetchError(f"truncated answer: {size} of {expected} bytes")
            status = answer.status
    except urllib.error.HTTPError as exc:
        os.unlink(path)
        raise FetchError(f"HTTP {exc.code} {exc.reason}", http_status=exc.code) from exc
    except (urllib.error.URLError, TimeoutError, http.client.IncompleteRead, ConnectionError) as exc:
        os.unlink(path)
        reason = getattr(exc, "reason", exc)
        raise FetchError(f"download failed: {reason!r}") from exc
    except FetchError:
        os.unlink(path)
        raise
    return path, status, digest.hexdigest()


def _check_complete(path: str) -> None:
    """``FetchError`` unless the file ends its last line and every CSV record is as wide as the header."""
    if path.endswith(".json"):
        with open(path, encoding="utf-8-sig") as fh:
            try:
                json.load(fh)
            except ValueError as exc:
                raise FetchError(f"truncated or invalid JSON: {exc}") from exc
        return
    with open(path, "rb") as fh:
        data = fh.read()
    if not data.strip():
        raise FetchError("empty answer")
    if not data.endswith(b"\n"):
        raise FetchError("truncated answer: the last line is not ended")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        width = len(next(reader))
        for line, rec in enumerate(reader, start=2):
            if rec and len(rec) != width:
                raise FetchError(f"truncated answer: line {line} has {len(rec)} of {width} fields")


def _ingest(path: str, url: str, mapping: dict) -> Outcome:
    """All or nothing: the whole answer in one transaction."""
    with transaction.atomic():
        if not mapping:
            return readings_ingest_national(path=path, reference=url[-255:])
        if not path.endswith(".json"):
            return readings_ingest_file(path=path, mapping=mapping)
        table = _json_to_csv(path)
        try:
            return readings_ingest_file(path=table, mapping=mapping)
        finally:
            os.unlink(table)


def _json_to_csv(path: str) -> str:
    """A JSON array of flat objects (or ``{"data": [...]}``) as a CSV file beside it."""
    with open(path, encoding="utf-8-sig") as fh:
        doc = json.load(fh)
    records = doc.get("data", []) if isinstance(doc, dict) else doc
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise FetchError("JSON answer is not a list of objects")
    columns = list(dict.fromkeys(k for r in records for k in r))
    out = path[:-5] + ".csv"
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, columns)
        writer.writeheader()
        writer.writerows(records)
    return out


def fetch_loop(*, every: float, url: str | None = None, count: int | None = None, stdout=None) -> int:
    """Poll every ``every`` seconds (``count`` times, or until stopped); returns the polls made."""
    made = 0
    while count is None or made < count:
        started = time.monotonic()
        poll = fetch_once(url=url)
        made += 1
        if stdout is not None:
            stdout.write(poll_line(poll))
        if count is not None and made >= count:
            break
        time.sleep(max(0.0, every - (time.monotonic() - started)))
    return made


def poll_line(poll: FetchPoll) -> str:
    lag = "-" if poll.lag_seconds is None else f"{poll.lag_seconds} s"
    return (f"{poll.started:%Y-%m-%d %H:%M:%S} {poll.status} http={poll.http_status or '-'} rows={poll.rows} "
            f"created={poll.rows_created} lag={lag} {poll.message}".rstrip())
