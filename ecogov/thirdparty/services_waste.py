"""Hazardous-waste and radioactive-source writes: a collection record (manifest), and a disused
source declared then sent to storage."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction

from ecogov.core.audit import audit_record, create_audited
from ecogov.core.errors import Conflict, field_error
from ecogov.core.permissions import require, require_object

from .choices import SourceStatus, WasteRole
from .models import CollectionPoint, CollectionRecord, RadioactiveSource, WasteUnit


def _tonnes(value) -> Decimal:
    try:
        t = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise field_error("tonnes", "数量应为数字", "Tonnes must be a number") from exc
    if t <= 0:
        raise field_error("tonnes", "数量应大于0", "Tonnes must be positive")
    return t


@transaction.atomic
def collection_record(*, actor, manifest_no: str, producer: WasteUnit, handler: WasteUnit, waste_code: str,
                      tonnes, collected_on: dt.date, point: CollectionPoint | None = None) -> CollectionRecord:
    """Record waste collected from ``producer`` (through ``point`` if any) and sent to ``handler``."""
    require(actor, "add", CollectionRecord)
    require_object(actor, producer, "view")
    if handler.role != WasteRole.HANDLER:
        raise field_error("handler", "接收单位应为持证经营单位", "The receiver must be a licensed handler")
    if CollectionRecord.objects.filter(manifest_no=manifest_no).exists():
        raise Conflict("duplicate_manifest", f"联单 {manifest_no} 已登记", f"Manifest {manifest_no} is already recorded")
    return create_audited(actor=actor, obj=CollectionRecord(
        manifest_no=manifest_no.strip(), producer=producer, point=point, handler=handler,
        waste_code=waste_code.strip(), tonnes=_tonnes(tonnes), collected_on=collected_on))


@transaction.atomic
def source_disuse(*, source: RadioactiveSource, disused_on: dt.date, actor) -> RadioactiveSource:
    require_object(actor, source, "change")
    source = RadioactiveSource.objects.select_for_update().get(pk=source.pk)
    if source.status != SourceStatus.IN_USE:
        raise Conflict("source_not_in_use", "该放射源不在使用中", "This source is not in use")
    source.status, source.disused_on = SourceStatus.DISUSED, disused_on
    source.save(update_fields=["status", "disused_on"])
    audit_record(actor=actor, obj=source, event="action", note="废旧放射源登记",
                 changes={"status": [SourceStatus.IN_USE, SourceStatus.DISUSED]})
    return source


@transaction.atomic
def source_store(*, source: RadioactiveSource, stored_on: dt.date, storage: str, actor) -> RadioactiveSource:
    """A disused source sent to a storage facility (送贮)."""
    require_object(actor, source, "change")
    source = RadioactiveSource.objects.select_for_update().get(pk=source.pk)
    if source.status != SourceStatus.DISUSED:
        raise Conflict("source_not_disused", "只有废旧放射源可以送贮", "Only a disused source can be sent to storage")
    storage = (storage or "").strip()
    if not storage:
        raise field_error("storage", "请填写贮存单位", "Give the storage facility")
    if source.disused_on and stored_on < source.disused_on:
        raise field_error("stored_on", "送贮日期不能早于停用日期", "Storage cannot precede the disuse date")
    source.status, source.stored_on, source.storage = SourceStatus.STORED, stored_on, storage
    source.save(update_fields=["status", "stored_on", "storage"])
    audit_record(actor=actor, obj=source, event="action", note=f"送贮：{storage}",
                 changes={"status": [SourceStatus.DISUSED, SourceStatus.STORED]})
    return source
