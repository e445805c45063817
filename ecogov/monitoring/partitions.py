"""Monthly partitions of the readings table on PostgreSQL (declarative range partitioning on ``time``).

Migration 0006 turns ``monitoring_reading`` into a partitioned table on PostgreSQL (SQLite keeps one
table: every function here does nothing there). A month's partition ``monitoring_reading_pYYYY_MM`` holds
the hour ends of that month's days in local time, 01:00 on the 1st up to 00:00 after its last day included
(the bounds are ``[01:00 on the 1st, 01:00 on the next 1st)``), so the daily values of a month read one
partition. Rows of a month without its partition land in the default partition
``monitoring_reading_default``; creating the month's partition later moves them into it.

Partitions are created ahead by a scheduled task (:func:`create_ahead`, beat ``monitoring-partitions``)
and on demand by ingest (:func:`ensure_for`, inside the batch's transaction): a standalone table attached
with ``ATTACH PARTITION``, which does not block readers or writers of the other months, under an advisory
lock so that concurrent workers create it once. :func:`detach` takes an old month out of the table, to an
archive table space if one is named.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction

TABLE = "monitoring_reading"
DEFAULT = "monitoring_reading_default"
#: Advisory-lock key of partition creation (any constant shared by every process).
LOCK_KEY = 74_200_601

_known: set[str] = set()


def enabled() -> bool:
    """True on PostgreSQL once the readings table is partitioned."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid "
                    "WHERE c.relname = %s AND pg_table_is_visible(c.oid)", [TABLE])
        return cur.fetchone() is not None


def name(year: int, month: int) -> str:
    return f"{TABLE}_p{year:04d}_{month:02d}"


def bounds(year: int, month: int) -> tuple[dt.datetime, dt.datetime]:
    """``[01:00 on the 1st, 01:00 on the next month's 1st)`` in local time."""
    tz = ZoneInfo(settings.TIME_ZONE)
    nxt = (year + month // 12, month % 12 + 1)
    return dt.datetime(year, month, 1, 1, tzinfo=tz), dt.datetime(*nxt, 1, 1, tzinfo=tz)


def month_of(hour_end: dt.datetime) -> tuple[int, int]:
    """The partition month of an hour end (00:00 on the 1st belongs to the month before)."""
    local = hour_end.astimezone(ZoneInfo(settings.TIME_ZONE)) - dt.timedelta(hours=1)
    return local.year, local.month


def existing() -> set[str]:
    with connection.cursor() as cur:
        cur.execute("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                    "JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = %s", [TABLE])
        return {r[0] for r in cur.fetchall()}


def ensure_for(hours: Iterable[dt.datetime]) -> list[str]:
    """The partitions of the months of ``hours``, created when missing; returns those created."""
    months = {month_of(h) for h in hours}
    if not months or not {name(*m) for m in months} - _known or not enabled():
        return []
    return ensure_months(months)


def ensure_months(months: Iterable[tuple[int, int]]) -> list[str]:
    created = []
    with transaction.atomic():
        have = existing()
        missing = sorted(m for m in set(months) if name(*m) not in have)
        if missing:
            with connection.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
            have = existing()
            for year, month in missing:
                if name(year, month) not in have:
                    _create(year, month)
                    created.append(name(year, month))
        _known.update(have | set(created))
    return created


def _create(year: int, month: int) -> None:
    """A standalone table like the parent, the month's rows moved in from the default partition, attached."""
    part, (lo, hi) = name(year, month), bounds(year, month)
    with connection.cursor() as cur:
        cur.execute(f'CREATE TABLE "{part}" (LIKE "{TABLE}" INCLUDING DEFAULTS)')
        cur.execute(f'ALTER TABLE "{part}" ADD CONSTRAINT "{part}_range" CHECK (time >= %s AND time < %s)', [lo, hi])
        cur.execute(f'WITH moved AS (DELETE FROM "{DEFAULT}" WHERE time >= %s AND time < %s RETURNING *) '
                    f'INSERT INTO "{part}" SELECT * FROM moved', [lo, hi])
        cur.execute(f'ALTER TABLE "{TABLE}" ATTACH PARTITION "{part}" FOR VALUES FROM (%s) TO (%s)', [lo, hi])
        cur.execute(f'ALTER TABLE "{part}" DROP CONSTRAINT "{part}_range"')


def create_ahead(months: int = 3, today: dt.date | None = None) -> list[str]:
    """The partitions of this month and the next ``months`` months; returns those created."""
    if not enabled():
        return []
    day = today or dt.date.today()
    wanted, (y, m) = [], (day.year, day.month)
    for _ in range(months + 1):
        wanted.append((y, m))
        y, m = (y + m // 12, m % 12 + 1)
    return ensure_months(wanted)


def detach(year: int, month: int, *, tablespace: str | None = None) -> str:
    """Take a month out of the readings table (kept as its own table, moved to ``tablespace`` if given);
    its readings no longer appear in the platform. Returns the table's name."""
    part = name(year, month)
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(f'ALTER TABLE "{TABLE}" DETACH PARTITION "{part}"')
        if tablespace:
            cur.execute(f'ALTER TABLE "{part}" SET TABLESPACE "{tablespace}"')
    _known.discard(part)
    return part
