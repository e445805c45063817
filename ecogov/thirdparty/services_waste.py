"""Hazardous-waste and radioactive-source writes: a collection record (manifest) one by one or a
whole .xlsx of them (every row or none; a manifest already recorded is updated), and a disused
source declared then sent to storage."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from ecogov.core.audit import audit_record, create_audited, update_audited
from ecogov.core.errors import Conflict, ValidationFailed, field_error
from ecogov.core.excel import ImportFailed, ImportResult, RowError, import_rows, read_xlsx
from ecogov.core.permissions import require, require_object

from .choices import SourceStatus, WasteRole
from .models import CollectionPoint, CollectionRecord, RadioactiveSource, WasteUnit
from .tables import COLLECTION_IMPORT_COLUMNS

IMPORT_NOTE = "Excel 导入"


def _tonnes(value) -> Decimal:
    try:
        t = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise field_error("tonnes", "数量应为数字", "Tonnes must be a number") from exc
    if t <= 0:
        raise field_error("tonnes", "数量应大于0", "Tonnes must be positive")
    return t


def _check_parties(actor, producer: WasteUnit, handler: WasteUnit) -> None:
    require_object(actor, producer, "view")
    if producer.role != WasteRole.PRODUCER:
        raise field_error("producer", "产生单位应为危险废物产生单位", "The producer must be a waste producer")
    if handler.role != WasteRole.HANDLER:
        raise field_error("handler", "接收单位应为持证经营单位", "The receiver must be a licensed handler")


@transaction.atomic
def collection_record(*, actor, manifest_no: str, producer: WasteUnit, handler: WasteUnit, waste_code: str,
                      tonnes, collected_on: dt.date, point: CollectionPoint | None = None,
                      note: str = "") -> CollectionRecord:
    """Record waste collected from ``producer`` (through ``point`` if any) and sent to ``handler``."""
    require(actor, "add", CollectionRecord)
    _check_parties(actor, producer, handler)
    if CollectionRecord.objects.filter(manifest_no=manifest_no.strip()).exists():
        raise Conflict("duplicate_manifest", f"联单 {manifest_no} 已登记", f"Manifest {manifest_no} is already recorded")
    record = create_audited(actor=actor, note=note, obj=CollectionRecord(
        manifest_no=manifest_no.strip(), producer=producer, point=point, handler=handler,
        waste_code=waste_code.strip(), tonnes=_tonnes(tonnes), collected_on=collected_on))
    assert isinstance(record, CollectionRecord)
    return record


@transaction.atomic
def collection_update(*, record: CollectionRecord, actor, producer: WasteUnit, handler: WasteUnit, waste_code: str,
                      tonnes, collected_on: dt.date, point: CollectionPoint | None = None,
                      note: str = "") -> CollectionRecord:
    """Correct a recorded manifest (its number stays); needs "change" on the record."""
    require_object(actor, record, "change")
    _check_parties(actor, producer, handler)
    updated = update_audited(actor=actor, obj=record, note=note, data={
        "producer": producer, "point": point, "handler": handler, "waste_code": waste_code.strip(),
        "tonnes": _tonnes(tonnes), "collected_on": collected_on})
    assert isinstance(updated, CollectionRecord)
    return updated


# ----------------------------------------------------------------------------- bulk import of collection records

HEADERS = {c.key: c.header_zh for c in COLLECTION_IMPORT_COLUMNS}


def _parse_row(row: dict[str, Any]) -> dict[str, Any]:
    """Every cell of a row parsed; all the row's problems are reported together, by column key."""
    out: dict[str, Any] = {}
    errors: dict[str, dict[str, str]] = {}
    for col in COLLECTION_IMPORT_COLUMNS:
        raw = row.get(col.key)
        if raw in (None, ""):
            if col.required:
                errors[col.key] = {"zh": "必填", "en": "required"}
            out[col.key] = None
            continue
        try:
            out[col.key] = col.parse(raw) if col.parse else raw
        except (ValueError, TypeError) as exc:
            errors[col.key] = {"zh": str(exc), "en": str(exc)}
    if errors:
        raise ValidationFailed("invalid_row", "行数据有误", "Invalid row", detail={"errors": errors})
    return out


def _one(qs, key: str, text: str, what_zh: str, what_en: str):
    found = list(qs[:2])
    if not found:
        raise field_error(key, f"没有{what_zh}“{text}”（或不在您的辖区）", f"No {what_en} '{text}' in your scope")
    if len(found) > 1:
        raise field_error(key, f"{what_zh}“{text}”不唯一，请用许可证编号", f"More than one {what_en} '{text}'")
    return found[0]


def _import_row(row: dict[str, Any], actor, seen: set[str]) -> bool:
    v = _parse_row(row)
    if v["manifest_no"] in seen:
        raise field_error("manifest_no", f"联单 {v['manifest_no']} 在文件中重复", f"Manifest {v['manifest_no']} repeats")
    seen.add(v["manifest_no"])
    producer = _one(WasteUnit.objects.for_user(actor).filter(role=WasteRole.PRODUCER, name=v["producer"]),
                    "producer", v["producer"], "产生单位", "producer")
    handlers = WasteUnit.objects.filter(role=WasteRole.HANDLER)
    handler = _one(handlers.filter(licence_no=v["handler"]) if handlers.filter(licence_no=v["handler"]).exists()
                   else handlers.filter(name=v["handler"]), "handler", v["handler"], "持证经营单位", "handler")
    point = None
    if v["point"]:
        point = _one(CollectionPoint.objects.for_user(actor).filter(code=v["point"]), "point", v["point"],
                     "收集点", "collection point")
    fields = {"producer": producer, "handler": handler, "point": point, "waste_code": v["waste_code"],
              "tonnes": v["tonnes"], "collected_on": v["collected_on"], "note": IMPORT_NOTE}
    existing = CollectionRecord.objects.filter(manifest_no=v["manifest_no"]).first()
    if existing is None:
        collection_record(actor=actor, manifest_no=v["manifest_no"], **fields)
        return True
    collection_update(record=existing, actor=actor, **fields)
    return False


def collections_import(*, actor, data: bytes) -> ImportResult:
    """An .xlsx of collection records (Chinese or English headers): every row is stored or none.
    A refused file raises ``ImportFailed`` whose rows name the column by its Chinese header."""
    require(actor, "add", CollectionRecord)
    rows = read_xlsx(data, COLLECTION_IMPORT_COLUMNS)
    if not rows:
        raise ValidationFailed("empty_file", "文件中没有数据行", "The file has no data rows")
    seen: set[str] = set()
    try:
        return import_rows(rows, lambda row: _import_row(row, actor, seen))
    except ImportFailed as exc:
        raise ImportFailed([RowError(e.row, HEADERS.get(e.field, e.field), e.message) for e in exc.errors]) from None


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
