"""The audit trail's hash chain: each ``AuditLog`` row stores ``prev_hash`` (the previous
row's hash) and ``row_hash`` = SHA-256 of ``prev_hash`` and the row's canonical content
(time in UTC, actor label, content type, object, event, changes, note, jurisdiction).
Rows are chained in id order under a lock, so an UPDATE of any row, or a DELETE of any
row but the newest, breaks the chain where it happened: :func:`verify` names that row.
On PostgreSQL a trigger also refuses UPDATE and DELETE on the table (migration 0004).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection

GENESIS = "0" * 64
#: An arbitrary constant naming the PostgreSQL advisory lock that serialises appends.
_LOCK_ID = 7_270_016


def _utc(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(row) -> str:
    """The row's content as one JSON text (keys sorted, no spaces), as stored and as read back."""
    changes = json.loads(json.dumps(row.changes or {}))
    return json.dumps(
        [_utc(row.at), row.actor_label, row.content_type_id, str(row.object_id), row.object_repr, row.event,
         changes, row.note, row.jurisdiction_path],
        sort_keys=True, ensure_ascii=False, separators=(",", ":"),
    )


def row_hash(prev: str, row) -> str:
    return hashlib.sha256(f"{prev}\n{canonical(row)}".encode()).hexdigest()


def lock() -> None:
    """Serialise appends until the transaction ends (SQLite: its write lock already does)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_ID])


def head(model) -> str:
    return model._base_manager.order_by("-id").values_list("row_hash", flat=True).first() or GENESIS


def seal(model, rows: Iterable) -> None:
    """Give new rows their place in the chain (inside the caller's transaction, before INSERT)."""
    prev = head(model)
    for row in rows:
        row.prev_hash = prev
        row.row_hash = prev = row_hash(prev, row)


@dataclass
class Verdict:
    checked: int
    bad_id: int | None = None
    reason: str = ""
    head: str = GENESIS

    @property
    def ok(self) -> bool:
        return self.bad_id is None


def verify(model, since: dt.date | None = None, *, using: str = "default") -> Verdict:
    """Recompute the chain (from the first row at or after ``since``) and name the first row that
    does not match: its content changed, or the row before it was changed or deleted."""
    qs = model._base_manager.db_manager(using).order_by("id")
    prev = GENESIS
    if since is not None:
        first = qs.filter(at__date__gte=since).first()
        if first is None:
            return Verdict(0)
        before = qs.filter(id__lt=first.id).order_by("-id").values_list("row_hash", flat=True).first()
        prev = before or GENESIS
        qs = qs.filter(id__gte=first.id)
    checked = 0
    for row in qs.iterator(chunk_size=5000):
        checked += 1
        if row.prev_hash != prev:
            return Verdict(checked, row.id, "the row before it was changed or deleted")
        if row.row_hash != row_hash(prev, row):
            return Verdict(checked, row.id, "its content was changed")
        prev = row.row_hash
    return Verdict(checked, head=prev)
