"""The audit trail: written in the same transaction, append-only."""

import pytest
from django.db import transaction

from ecogov.core.audit import audit_record, create_audited, history, update_audited
from ecogov.core.errors import DomainError, ValidationFailed
from ecogov.core.models import AuditLog, Department


def _dept(tree, code="D1"):
    return Department(code=code, name="大气环境科", jurisdiction=tree["city"])


def test_create_and_update_write_rows_with_old_and_new_values(tree, officer):
    with transaction.atomic():
        dept = create_audited(actor=officer, obj=_dept(tree))
    with transaction.atomic():
        update_audited(actor=officer, obj=dept, data={"name": "水生态环境科"})
    rows = list(history(dept))
    assert [r.event for r in rows] == ["update", "create"]
    assert rows[0].changes == {"name": ["大气环境科", "水生态环境科"]}
    assert rows[0].actor == officer and rows[0].jurisdiction_path == "369900/"
    assert rows[1].changes["code"] == [None, "D1"]


def test_update_without_change_writes_nothing(tree, officer):
    with transaction.atomic():
        dept = create_audited(actor=officer, obj=_dept(tree))
        update_audited(actor=officer, obj=dept, data={"name": dept.name})
    assert history(dept).count() == 1


def test_rollback_removes_change_and_audit_row_together(tree, officer):
    with pytest.raises(RuntimeError), transaction.atomic():
        create_audited(actor=officer, obj=_dept(tree))
        raise RuntimeError("crash after the write")
    assert not Department.objects.exists()
    assert not AuditLog.objects.exists()


def test_invalid_object_is_refused_with_field_errors(tree, officer):
    with pytest.raises(ValidationFailed) as err, transaction.atomic():
        create_audited(actor=officer, obj=Department(code="", name="x", jurisdiction=tree["city"]))
    assert "code" in err.value.detail["errors"]
    assert not AuditLog.objects.exists()


def test_audit_rows_cannot_be_changed_or_deleted(tree, officer):
    with transaction.atomic():
        dept = create_audited(actor=officer, obj=_dept(tree))
    row = history(dept).get()
    row.note = "tampered"
    with pytest.raises(DomainError):
        row.save()
    with pytest.raises(DomainError):
        row.delete()
    with pytest.raises(DomainError):
        AuditLog.objects.filter(pk=row.pk).update(note="tampered")
    with pytest.raises(DomainError):
        AuditLog.objects.all().delete()
    assert AuditLog.objects.get(pk=row.pk).note == ""


@pytest.mark.django_db(transaction=True)
def test_audit_record_refuses_to_run_outside_a_transaction(tree, officer):
    dept = _dept(tree)
    dept.save()
    with pytest.raises(RuntimeError):
        audit_record(actor=officer, obj=dept, event="update")
