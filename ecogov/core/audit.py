"""Audit trail services: every create, update and state change writes an
append-only ``AuditLog`` row in the same transaction as the change."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction

from .errors import from_django
from .models import AuditLog


def _json_value(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return value


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """JSON-safe values of ``obj``'s concrete fields (FKs as their ids)."""
    out = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        out[field.name] = _json_value(getattr(obj, field.attname))
    return out


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for every field whose value changed."""
    keys = set(before) | set(after)
    return {k: [before.get(k), after.get(k)] for k in sorted(keys) if before.get(k) != after.get(k)}


def _jurisdiction_path(obj: models.Model) -> str:
    lookup = getattr(type(obj), "jurisdiction_lookup", "jurisdiction")
    if lookup is None:
        return ""
    node: Any = obj
    for part in [p for p in (lookup or "").split("__") if p]:
        node = getattr(node, part, None)
        if node is None:
            return ""
    return getattr(node, "path", "") or ""


def audit_record(
    *, actor, obj: models.Model, event: str, changes: dict | None = None, note: str = ""
) -> AuditLog:
    """Append one audit row for ``obj``. Call it inside the service's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must run inside the service's transaction")
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    return AuditLog.objects.create(
        actor=actor_obj,
        actor_label=str(actor) if actor is not None else "system",
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        event=event,
        changes={k: [_json_value(v) for v in pair] for k, pair in (changes or {}).items()},
        note=note,
        jurisdiction_path=_jurisdiction_path(obj),
    )


def audit_bulk_create(*, actor, objs: list[models.Model], event: str = "create", note: str = "") -> None:
    """Audit rows for many new objects in one INSERT (bulk import, demo load)."""
    if not objs:
        return
    ct = ContentType.objects.get_for_model(type(objs[0]))
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    label = str(actor) if actor is not None else "system"
    AuditLog.objects.bulk_create(
        [
            AuditLog(
                actor=actor_obj,
                actor_label=label,
                content_type=ct,
                object_id=str(o.pk),
                object_repr=str(o)[:255],
                event=event,
                changes={},
                note=note,
                jurisdiction_path=_jurisdiction_path(o),
            )
            for o in objs
        ],
        batch_size=2000,
    )


def validate(obj: models.Model, exclude: list[str] | None = None) -> None:
    """``full_clean`` that raises the domain ``ValidationFailed`` (field by field, zh and en)."""
    try:
        obj.clean_fields(exclude=exclude)  # field errors first: a model's clean() may assume valid fields
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        raise from_django(exc) from exc


def create_audited(*, actor, obj: models.Model, note: str = "") -> models.Model:
    """Validate, save and audit a new object (the common "create" service body)."""
    validate(obj)
    obj.save()
    audit_record(actor=actor, obj=obj, event="create", changes=diff({}, snapshot(obj)), note=note)
    return obj


def update_audited(*, actor, obj: models.Model, data: dict[str, Any], note: str = "") -> models.Model:
    """Apply ``data`` to ``obj``, validate, save, and audit the changed fields."""
    before = snapshot(obj)
    for key, value in data.items():
        setattr(obj, key, value)
    validate(obj)
    changes = diff(before, snapshot(obj))
    if changes:
        obj.save()
        audit_record(actor=actor, obj=obj, event="update", changes=changes, note=note)
    return obj


def history(obj: models.Model):
    """The audit rows of ``obj``, newest first."""
    return AuditLog.objects.for_object(obj).select_related("actor")
