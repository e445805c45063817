"""Third-party writes: stations and their lines, test records (one by one from the API, or a
whole .xlsx/CSV file, all rows or none), the fraud indicators run over new records, and a
hit's outcome: dismissed, referred for a penalty case (opened through the enforcement
services when the station is a registered party), or punished."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ecogov.core.audit import audit_record, create_audited
from ecogov.core.errors import Conflict, PermissionRefused, ValidationFailed, field_error
from ecogov.core.excel import ImportResult, import_rows, read_xlsx
from ecogov.core.permissions import require, require_object
from ecogov.enforcement import services as enforcement_services

from . import fraud
from .choices import HitStatus
from .models import FraudHit, Line, Station, TestRecord
from .tables import IMPORT_COLUMNS


@transaction.atomic
def station_create(*, actor, **fields) -> Station:
    require(actor, "add", Station)
    jurisdiction = fields.get("jurisdiction")
    if jurisdiction is not None and not actor.is_superuser and (
            actor.jurisdiction is None or not actor.jurisdiction.contains(jurisdiction)):
        raise PermissionRefused({"jurisdiction": jurisdiction.code})
    return create_audited(actor=actor, obj=Station(**fields))


@transaction.atomic
def line_create(*, station: Station, actor, **fields) -> Line:
    require_object(actor, station, "change")
    if station.lines.filter(code=fields.get("code", "")).exists():
        raise field_error("code", "该检测线编号已存在", "This line number already exists")
    return create_audited(actor=actor, obj=Line(station=station, **fields))


def _aware(value: dt.datetime) -> dt.datetime:
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _record(data: dict[str, Any], station: Station) -> TestRecord:
    line = None
    if data.get("line"):
        line = station.lines.filter(code=data["line"]).first()
        if line is None:
            raise field_error("line", f"机构没有检测线 {data['line']}", f"The station has no line {data['line']}")
    started, ended = _aware(data["started_at"]), _aware(data["ended_at"])
    if ended <= started:
        raise field_error("ended_at", "结束时间应晚于开始时间", "The end must be after the start")
    curve = [float(v) for v in data.get("curve") or []]
    return TestRecord(station=station, line=line, record_no=data["record_no"], plate=data["plate"].upper(),
                      method=data["method"], started_at=started, ended_at=ended, result=data["result"],
                      curve=curve, curve_hash=fraud.curve_hash(curve))


def _station(code: str, actor) -> Station:
    station = Station.objects.for_user(actor, "change").filter(code=code).first()
    if station is None:
        raise field_error("station", f"机构 {code} 不存在或不在您的辖区", f"No station {code} in your scope")
    return station


def _save_record(data: dict[str, Any], actor, created: list[TestRecord]) -> bool:
    station = _station(data["station"], actor)
    if TestRecord.objects.filter(station=station, record_no=data["record_no"]).exists():
        raise Conflict("duplicate_record", f"检测报告 {data['record_no']} 已上传",
                       f"Record {data['record_no']} was already uploaded")
    record = _record(data, station)
    record.full_clean(exclude=["curve"])
    record.save()
    created.append(record)
    return True


@transaction.atomic
def record_create(*, actor, data: dict[str, Any]) -> TestRecord:
    """One uploaded test record (the station's upload API); the indicators run on it at once."""
    require(actor, "add", TestRecord)
    created: list[TestRecord] = []
    _save_record(data, actor, created)
    detect_for(created)
    audit_record(actor=actor, obj=created[0], event="create", note="上传检测记录")
    return created[0]


def read_rows(data: bytes, filename: str) -> list[tuple[int, dict[str, Any]]]:
    """The rows of an .xlsx or a CSV (UTF-8, with or without BOM) as ``(row_number, {key: value})``."""
    if not filename.lower().endswith(".csv"):
        return read_xlsx(data, IMPORT_COLUMNS)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationFailed("bad_file", "CSV 文件应为 UTF-8 编码", "The CSV file must be UTF-8") from exc
    reader = csv.reader(io.StringIO(text))
    header = next(reader, [])
    lookup = {str(n).strip().lower(): c.key for c in IMPORT_COLUMNS for n in (c.header_zh, c.header_en, c.key)}
    keys = [lookup.get(h.strip().lower()) for h in header]
    missing = [c.header_zh for c in IMPORT_COLUMNS if c.required and c.key not in keys]
    if missing:
        raise ValidationFailed("missing_columns", f"缺少必填列：{'、'.join(missing)}",
                               f"Missing required columns: {', '.join(missing)}", detail={"missing": missing})
    return [(n, {k: v for k, v in zip(keys, row, strict=False) if k})
            for n, row in enumerate(reader, start=2) if any(cell.strip() for cell in row)]


def _parse(row: dict[str, Any]) -> dict[str, Any]:
    out, errors = {}, {}
    for col in IMPORT_COLUMNS:
        raw = row.get(col.key)
        if col.required and raw in (None, ""):
            errors[col.key] = {"zh": f"{col.header_zh}：必填", "en": f"{col.header_en}: required"}
            continue
        try:
            out[col.key] = col.parse(raw) if col.parse else raw
        except (ValueError, TypeError) as exc:
            errors[col.key] = {"zh": f"{col.header_zh}：{exc}", "en": f"{col.header_en}: {exc}"}
    if errors:
        raise ValidationFailed("invalid_row", "行数据有误", "Invalid row", detail={"errors": errors})
    return out


def records_import(*, actor, data: bytes, filename: str) -> ImportResult:
    """A whole upload file: every row is checked and stored, or none (``ImportFailed`` lists the bad
    rows); the fraud indicators then run over the new records in the same transaction."""
    require(actor, "add", TestRecord)
    rows = read_rows(data, filename)
    if not rows:
        raise ValidationFailed("empty_file", "文件中没有数据行", "The file has no data rows")
    created: list[TestRecord] = []
    with transaction.atomic():
        result = import_rows(rows, lambda row: _save_record(_parse(row), actor, created))
        detect_for(created)
        for station_id in {r.station_id for r in created}:
            station = Station.objects.get(pk=station_id)
            audit_record(actor=actor, obj=station, event="action",
                         note=f"导入检测记录 {sum(r.station_id == station_id for r in created)} 条（{filename}）")
    return result


def _rec(r: TestRecord) -> fraud.Rec:
    tz = timezone.get_current_timezone()
    return fraud.Rec(id=r.pk, station_id=r.station_id, plate=r.plate, method=r.method,
                     started_at=r.started_at.astimezone(tz).replace(tzinfo=None),
                     ended_at=r.ended_at.astimezone(tz).replace(tzinfo=None), result=r.result,
                     curve_hash=r.curve_hash, curve_len=len(r.curve or []),
                     opens=r.station.opens, closes=r.station.closes)


def detect_for(records: Iterable[TestRecord]) -> int:
    """Run the indicators over ``records`` and the stored records they can match (same curve, same
    plate); store each new hit once (idempotent). Returns the number of new hits."""
    records = list(records)
    if not records:
        return 0
    hashes = {r.curve_hash for r in records if r.curve_hash}
    plates = {r.plate for r in records}
    related = TestRecord.objects.select_related("station").filter(
        Q(curve_hash__in=hashes) | Q(plate__in=plates)).only(
        "id", "station_id", "plate", "method", "started_at", "ended_at", "result", "curve_hash", "curve",
        "station__opens", "station__closes")
    pool = {r.pk: r for r in related}
    for r in records:
        pool.setdefault(r.pk, r)
    new_ids = {r.pk for r in records}
    hits = fraud.detect([_rec(r) for r in pool.values()])
    today = timezone.localdate()
    rows = [FraudHit(kind=h.kind, record_id=h.record_id, other_id=h.other_id, detail=h.detail[:300],
                     station_id=pool[h.record_id].station_id, found_on=today)
            for h in hits if h.record_id in new_ids or h.other_id in new_ids]
    before = FraudHit.objects.count()
    FraudHit.objects.bulk_create(rows, ignore_conflicts=True)
    return FraudHit.objects.count() - before


def _open_hit(hit: FraudHit, actor) -> FraudHit:
    require_object(actor, hit, "change")
    hit = FraudHit.objects.select_for_update().get(pk=hit.pk)
    if hit.status != HitStatus.OPEN:
        raise Conflict("hit_closed", "该预警已处理", "This hit was already dealt with")
    return hit


def _set(hit: FraudHit, actor, audit_note: str, **fields) -> FraudHit:
    before = {k: getattr(hit, k) for k in fields}
    for k, v in fields.items():
        setattr(hit, k, v)
    hit.save(update_fields=list(fields))
    audit_record(actor=actor, obj=hit, event="action", note=audit_note,
                 changes={k: [before[k], v] for k, v in fields.items() if before[k] != v})
    return hit


@transaction.atomic
def hit_dismiss(*, hit: FraudHit, reason: str, actor) -> FraudHit:
    """Close a hit found to be explained (a re-test of the same vehicle, a clock error...)."""
    hit = _open_hit(hit, actor)
    reason = (reason or "").strip()
    if not reason:
        raise field_error("reason", "请说明排除的理由", "Give the reason for dismissing the hit")
    return _set(hit, actor, f"排除：{reason[:200]}", status=HitStatus.DISMISSED, note=reason)


@transaction.atomic
def hit_refer(*, hit: FraudHit, facts: str = "", actor) -> FraudHit:
    """Open a penalty case from a hit (enforcement's ``case_open``, source "off-site supervision").

    A station that is not a registered party (no supervised object) cannot have a case opened
    here: the referral is recorded with that note and the case is opened by hand in enforcement.
    """
    hit = _open_hit(hit, actor)
    station = hit.station
    facts = (facts or "").strip() or (
        f"{station.name}检测报告 {hit.record.record_no}（{hit.record.plate}）：{hit.detail}，涉嫌检测数据弄虚作假")
    if station.supervised_object_id is None:
        return _set(hit, actor, "移交立案（机构未登记为监管对象，需在执法模块手工立案）",
                    status=HitStatus.REFERRED, note=f"未自动立案：机构未关联监管对象。{facts}")
    case = enforcement_services.case_open(supervised_object=station.supervised_object, facts=facts,
                                          opened_date=timezone.localdate(), source="offsite", actor=actor)
    return _set(hit, actor, f"立案 {case.case_no}", status=HitStatus.REFERRED, case_no=case.case_no, case=case,
                note=facts)


@transaction.atomic
def hit_punished(*, hit: FraudHit, decision: str, actor) -> FraudHit:
    """Record that a referred hit ended in a penalty (the decision number or text)."""
    require_object(actor, hit, "change")
    hit = FraudHit.objects.select_for_update().get(pk=hit.pk)
    if hit.status != HitStatus.REFERRED:
        raise Conflict("hit_not_referred", "只有已移交立案的预警可登记处罚", "Only a referred hit can be marked punished")
    decision = (decision or "").strip()
    if not decision:
        raise field_error("decision", "请填写处罚决定书文号", "Give the penalty decision number")
    return _set(hit, actor, f"处罚：{decision[:200]}", status=HitStatus.PUNISHED,
                note=f"{hit.note}\n处罚决定：{decision}".strip())
