"""The audit trail is tamper-evident: an UPDATE or DELETE made directly in the database
breaks the hash chain and ``ecogov audit verify`` names the row; on PostgreSQL a trigger
refuses both outright."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from ecogov.core.audit import audit_record
from ecogov.core.models import AuditLog, Jurisdiction


def _rows(tree, n=5) -> list[int]:
    city = tree["city"]
    with transaction.atomic():
        for i in range(n):
            audit_record(actor=None, obj=city, event="update", changes={"name": [f"旧{i}", f"新{i}"]}, note=f"n{i}")
    return list(AuditLog.objects.order_by("id").values_list("id", flat=True))


def test_rows_chain_and_verify_passes(tree, capsys):
    ids = _rows(tree)
    rows = list(AuditLog.objects.order_by("id"))
    assert rows[0].prev_hash == "0" * 64
    assert all(b.prev_hash == a.row_hash for a, b in zip(rows, rows[1:], strict=False))
    assert len({r.row_hash for r in rows}) == len(ids)
    call_command("audit", "verify")
    assert f"{len(ids)} rows" in capsys.readouterr().out


def _raw(sql: str, params: list) -> None:
    """SQL run as a database superuser would, past the trigger (PostgreSQL: replica mode)."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SET session_replication_role = replica")
        cur.execute(sql, params)
        if connection.vendor == "postgresql":
            cur.execute("SET session_replication_role = DEFAULT")


def test_update_in_the_database_is_detected(tree):
    ids = _rows(tree)
    _raw("UPDATE core_auditlog SET note = %s WHERE id = %s", ["edited", ids[2]])
    with pytest.raises(CommandError, match=f"row id {ids[2]}: its content was changed"):
        call_command("audit", "verify")


def test_delete_in_the_database_is_detected(tree):
    ids = _rows(tree)
    _raw("DELETE FROM core_auditlog WHERE id = %s", [ids[1]])
    with pytest.raises(CommandError, match=f"row id {ids[2]}: the row before it was changed or deleted"):
        call_command("audit", "verify")


def test_bulk_created_rows_chain_too(tree):
    from ecogov.core.audit import audit_bulk_create

    _rows(tree, 2)
    with transaction.atomic():
        audit_bulk_create(actor=None, objs=list(Jurisdiction.objects.all()), event="import")
    call_command("audit", "verify")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL")
def test_postgres_trigger_refuses_update_and_delete(tree):
    from django.db import DatabaseError

    ids = _rows(tree, 2)
    for sql in ("UPDATE core_auditlog SET note = 'x' WHERE id = %s", "DELETE FROM core_auditlog WHERE id = %s"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cur:
            cur.execute(sql, [ids[0]])
    call_command("audit", "verify")
