"""Construction-site dust responsibility and muck-truck writes: the responsibility letter with
its assigned inspector, a checklist inspection, a joint review (三堂会审) whose stop or
rectification order gets a deadline on the one clock, and a muck truck's GPS track imported
(CSV, all fixes or none) with its off-route and unsealed violations."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.db import transaction
from django.utils import timezone

from ecogov.core import clock
from ecogov.core.audit import audit_record, create_audited
from ecogov.core.errors import ValidationFailed, field_error
from ecogov.core.excel import ImportFailed, RowError
from ecogov.core.permissions import require, require_object
from ecogov.inventory import selectors as inventory_selectors

from . import muck
from .choices import ReviewDecision
from .models_dust import (
    DustInspection,
    DustResponsibility,
    JointReview,
    MuckTruck,
    TruckTrack,
    TruckViolation,
)

#: The dust-control checklist of a site (the "six 100 %" of construction-site dust control).
CHECKLIST = {
    "fence": "施工现场周边围挡",
    "cover": "物料堆放覆盖",
    "wash": "出入车辆清洗",
    "harden": "施工现场地面硬化",
    "wet": "拆迁工地湿法作业",
    "sealed_transport": "渣土车辆密闭运输",
}
#: Working days given to rectify after a joint review orders it, and to resume after a stop.
RECTIFY_WORKING_DAYS = {ReviewDecision.RECTIFY: 5, ReviewDecision.STOP: 10}


@transaction.atomic
def duty_create(*, site_id: int, letter_no: str, signed_on: dt.date, responsible_person: str, inspector=None,
                actor) -> DustResponsibility:
    """The responsibility letter of a construction site of the inventory, with its assigned inspector."""
    require(actor, "add", DustResponsibility)
    site = inventory_selectors.source_get(user=actor, pk=site_id, action="change")
    if site.kind != "construction":
        raise field_error("site", "只能为建筑工地签订扬尘防治责任书", "Only a construction site takes a dust letter")
    if DustResponsibility.objects.filter(site=site).exists():
        raise field_error("site", "该工地已签订责任书", "This site already has a responsibility letter")
    return create_audited(actor=actor, obj=DustResponsibility(
        site=site, letter_no=letter_no.strip(), signed_on=signed_on, responsible_person=responsible_person.strip(),
        inspector=inspector))


@transaction.atomic
def inspection_record(*, duty: DustResponsibility, date: dt.date, items: dict[str, bool], note: str = "",
                      actor) -> DustInspection:
    """An inspection answering every checklist item (True = in place)."""
    require_object(actor, duty, "change")
    missing = [CHECKLIST[k] for k in CHECKLIST if k not in items]
    if missing:
        raise field_error("items", f"未检查：{'、'.join(missing)}", f"Items not checked: {len(missing)}")
    answers = {k: bool(items[k]) for k in CHECKLIST}
    return create_audited(actor=actor, obj=DustInspection(
        duty=duty, date=date, inspector=actor, items=answers, failed=sum(not v for v in answers.values()),
        note=note.strip()))


@transaction.atomic
def review_record(*, duty: DustResponsibility, held_on: dt.date, decision: str, reasons: str,
                  departments: str = "住建、生态环境、城管", actor) -> JointReview:
    """A joint review; "rectify" and "stop" get their deadline in working days on the clock."""
    require_object(actor, duty, "change")
    if decision not in ReviewDecision.values():
        raise field_error("decision", "请选择会审结论", "Choose the decision")
    if not (reasons or "").strip():
        raise field_error("reasons", "请填写会审意见", "Give the reasons")
    days = RECTIFY_WORKING_DAYS.get(decision)
    due = clock.add_working_days(held_on, days) if days else None
    return create_audited(actor=actor, obj=JointReview(duty=duty, held_on=held_on, decision=decision, due=due,
                                                       reasons=reasons.strip(), departments=departments))


def _fixes(data: bytes) -> list[muck.Fix]:
    try:
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    except UnicodeDecodeError as exc:
        raise ValidationFailed("bad_file", "CSV 文件应为 UTF-8 编码", "The CSV file must be UTF-8") from exc
    fixes, errors = [], []
    for n, row in enumerate(rows, start=2):
        try:
            at = dt.datetime.fromisoformat((row.get("time") or "").strip())
            lon, lat = float(row.get("lon") or ""), float(row.get("lat") or "")
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                raise ValueError("坐标超出范围 / coordinates out of range")
            closed = (row.get("lid_closed") or "1").strip().lower() in ("1", "true", "yes", "是", "y")
        except (ValueError, TypeError) as exc:
            errors.append(RowError(n, "", str(exc)))
            continue
        fixes.append(muck.Fix(timezone.make_aware(at) if timezone.is_naive(at) else at, lon, lat, closed))
    if errors:
        raise ImportFailed(errors)
    if not fixes:
        raise ValidationFailed("empty_file", "文件中没有轨迹点", "The file has no fixes")
    return fixes


@transaction.atomic
def track_import(*, truck: MuckTruck, data: bytes, actor) -> int:
    """A GPS track (CSV: time, lon, lat, lid_closed); every fix readable or nothing stored. The track is
    kept for the map (one per truck and start time) and the number of new violations returned (a
    re-import of the same track adds none)."""
    require_object(actor, truck, "change")
    fixes = sorted(_fixes(data), key=lambda f: f.at)
    TruckTrack.objects.update_or_create(truck=truck, started_at=fixes[0].at, defaults={
        "ended_at": fixes[-1].at, "points": [[f.lon, f.lat] for f in fixes], "fixes": len(fixes)})
    found = muck.unsealed(fixes)
    if truck.route:
        found += muck.off_route(fixes, truck.route, truck.corridor_m)
    before = TruckViolation.objects.filter(truck=truck).count()
    TruckViolation.objects.bulk_create([TruckViolation(truck=truck, kind=v.kind, at=v.at, lon=v.lon, lat=v.lat,
                                                       detail=v.detail) for v in found], ignore_conflicts=True)
    new = TruckViolation.objects.filter(truck=truck).count() - before
    audit_record(actor=actor, obj=truck, event="action", note=f"导入轨迹 {len(fixes)} 点，新增违规 {new} 起")
    return new
