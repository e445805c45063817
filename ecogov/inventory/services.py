"""Inventory writes: sources (created, edited, imported) and the patrol checks that keep them
current. Every write is audited in its own transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from ecogov.core import clock
from ecogov.core.audit import audit_record, create_audited, update_audited
from ecogov.core.errors import ValidationFailed, field_error
from ecogov.core.models import Jurisdiction
from ecogov.core.permissions import require, require_object
from ecogov.rectification import services as rectification

from . import geometry as geo
from .choices import KIND_FIELDS, CheckOutcome, SourceKind, SourceState
from .models import Source, SourceCheck

#: What a caller may set on a source (the location goes through ``geometry`` and ``datum``).
SOURCE_FIELDS = ("code", "kind", "name", "address", "jurisdiction", "state", "holder", "holder_phone",
                 "dust_level", "cover_state", "bare_class", "has_purifier", "last_checked", "note")


def _location(data: dict[str, Any], datum: str | None) -> dict[str, Any]:
    """Geometry fields from ``data["geometry"]`` or ``data["lon"]``/``data["lat"]`` in ``datum``."""
    raw = data.get("geometry")
    if raw is None and data.get("lon") is not None and data.get("lat") is not None:
        raw = {"type": "Point", "coordinates": [data["lon"], data["lat"]]}
    if raw is None:
        raise field_error("geometry", "缺少位置（经纬度或 GeoJSON）", "A location is required (lon/lat or GeoJSON)")
    try:
        shape = geo.normalise(raw, datum)
    except geo.GeometryError as exc:
        raise field_error("geometry", exc.zh, exc.en) from exc
    lon, lat = geo.anchor(shape)
    box = geo.bbox(shape)
    return {"geometry": shape, "lon": lon, "lat": lat,
            "min_lon": box[0], "min_lat": box[1], "max_lon": box[2], "max_lat": box[3]}


def _check_kind_fields(values: dict[str, Any]) -> None:
    kind = values.get("kind")
    if kind not in SourceKind.values():
        raise field_error("kind", "未知的污染源类型", "Unknown source kind")
    for name, kinds in KIND_FIELDS.items():
        if values.get(name) not in (None, "") and kind not in kinds:
            raise field_error(name, f"该字段不适用于{SourceKind.label(kind)}",
                              f"This field does not apply to {kind}")


def _clean(data: dict[str, Any], datum: str | None, current: dict[str, Any] | None = None) -> dict[str, Any]:
    values = {k: v for k, v in data.items() if k in SOURCE_FIELDS}
    jur = values.get("jurisdiction")
    if isinstance(jur, str):
        values["jurisdiction"] = _jurisdiction(jur)
    if "geometry" in data or "lon" in data:
        values.update(_location(data, datum))
    _check_kind_fields({**(current or {}), **values})
    return values


def _jurisdiction(code: str) -> Jurisdiction:
    node = Jurisdiction.objects.filter(code=code, level__in=("street", "grid")).first()
    if node is None:
        raise field_error("jurisdiction", f"街道或网格 {code} 不存在", f"No street or grid cell {code}")
    return node


def _in_scope(actor, jurisdiction: Jurisdiction) -> None:
    if not Jurisdiction.objects.for_user(actor).filter(pk=jurisdiction.pk).exists():
        raise field_error("jurisdiction", "该网格不在您的辖区内", "This grid cell is outside your jurisdiction",
                          code="out_of_scope")


@transaction.atomic
def source_create(*, data: dict[str, Any], actor, datum: str | None = "wgs84", note: str = "") -> Source:
    """A new source; ``data`` holds SOURCE_FIELDS and ``geometry`` (or ``lon``/``lat``) in ``datum``."""
    require(actor, "add", Source)
    values = _clean(data, datum)
    if "jurisdiction" not in values:
        raise field_error("jurisdiction", "缺少街道或网格", "A street or grid cell is required")
    _in_scope(actor, values["jurisdiction"])
    return create_audited(actor=actor, obj=Source(**values), note=note)


@transaction.atomic
def source_update(*, source: Source, data: dict[str, Any], actor, datum: str | None = "wgs84",
                  note: str = "") -> Source:
    require_object(actor, source, "change")
    current = {k: getattr(source, k) for k in ("kind", *KIND_FIELDS)}
    values = _clean(data, datum, current)
    if "jurisdiction" in values:
        _in_scope(actor, values["jurisdiction"])
    return update_audited(actor=actor, obj=source, data=values, note=note)


def _state_after(source: Source, outcome: str) -> str:
    if outcome == CheckOutcome.CLOSED:
        return SourceState.CLOSED
    return SourceState.PROBLEM if outcome == CheckOutcome.PROBLEM else SourceState.ACTIVE


@transaction.atomic
def check_record(*, source: Source, date: dt.date, outcome: str, actor, findings: str = "",
                 dust_level: str = "", cover_state: str = "", raise_ledger: bool = False) -> SourceCheck:
    """Record a patrol check: the source's state, last-checked date and observed dust/cover follow it.

    A check dated before the source's last check is kept as history and changes nothing else.
    ``raise_ledger``: a problem found also opens a rectification ledger item (``check_raise_ledger``).
    """
    require_object(actor, source, "change")
    if date > timezone.localdate():
        raise field_error("date", "检查日期不能晚于今天", "The check date cannot be in the future")
    if outcome == CheckOutcome.PROBLEM and not findings.strip():
        raise field_error("findings", "发现问题时须填写问题描述", "Describe the problem found")
    check = create_audited(actor=actor, obj=SourceCheck(
        source=source, date=date, outcome=outcome, findings=findings.strip(), checked_by=actor,
        dust_level=dust_level, cover_state=cover_state))
    if source.last_checked is None or date >= source.last_checked:
        data: dict[str, Any] = {"last_checked": date, "state": _state_after(source, outcome)}
        if dust_level and source.kind in KIND_FIELDS["dust_level"]:
            data["dust_level"] = dust_level
        if cover_state and source.kind in KIND_FIELDS["cover_state"]:
            data["cover_state"] = cover_state
        update_audited(actor=actor, obj=source, data=data, note=f"check {check.pk}")
    if raise_ledger and outcome == CheckOutcome.PROBLEM:
        check_raise_ledger(check=check, actor=actor)
    return check


#: Working days a patrol finding is given to be rectified, unless the officer sets a deadline.
LEDGER_WORKING_DAYS = 10


@transaction.atomic
def check_raise_ledger(*, check: SourceCheck, actor, deadline: dt.date | None = None):
    """Raise a rectification ledger item (挂账) for the problem a check found, linked to the source.

    The deadline defaults to LEDGER_WORKING_DAYS working days after the check (the one clock).
    """
    require_object(actor, check.source, "change")
    if check.outcome != CheckOutcome.PROBLEM:
        raise ValidationFailed("no_problem", "只有发现问题的检查才能生成整改事项",
                               "Only a check that found a problem can raise a ledger item")
    if check.ledger_ref:
        raise ValidationFailed("already_raised", "该检查已生成整改事项", "This check has already raised a ledger item")
    source = check.source
    due = deadline or clock.add_working_days(check.date, LEDGER_WORKING_DAYS)
    item = rectification.item_create(actor=actor, source=source, data={
        "problem": f"{source.name}（{source.kind_label}）：{check.findings}", "jurisdiction": source.jurisdiction,
        "deadline": due, "assigned_date": check.date})
    check.ledger_ref = str(item.pk)
    check.save(update_fields=["ledger_ref"])
    audit_record(actor=actor, obj=check, event="action", note=f"ledger item {item.pk}")
    return item
