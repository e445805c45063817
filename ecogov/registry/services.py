"""Registry writes: supervised objects, their class and positive-list membership,
commitments, permits, registrations, execution reports and cleaner-production
audits. Every service checks the actor's permission and jurisdiction, changes
the data and writes its audit rows in one transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from ecogov.core import clock
from ecogov.core.audit import audit_bulk_create, audit_record, create_audited, update_audited
from ecogov.core.errors import Conflict, PermissionRefused, field_error
from ecogov.core.geo import to_wgs84
from ecogov.core.permissions import require
from ecogov.core.validators import uscc_problem

from .choices import ReportFrequency, SupervisionClass
from .models import (
    ClassChange,
    CleanerProductionAudit,
    Commitment,
    ExecutionReport,
    Permit,
    PositiveListEntry,
    Registration,
    SupervisedObject,
)

#: Fields ``object_create`` / ``object_update`` accept; class and positive list
#: have their own services (they keep a history).
OBJECT_FIELDS = (
    "uscc",
    "name",
    "address",
    "lon",
    "lat",
    "industry_code",
    "industry_name",
    "jurisdiction",
    "legal_representative",
    "contact_person",
    "contact_phone",
    "status",
    "is_key_unit",
    "is_special",
    "water_related",
    "air_related",
    "hw_producer",
    "hw_handler",
    "soil_key_unit",
    "performance_grade",
)
PERMIT_FIELDS = (
    "permit_no",
    "management_class",
    "issued_date",
    "valid_from",
    "valid_to",
    "status",
    "report_frequencies",
    "annual_due",
    "semiannual_due",
    "quarterly_due_days",
    "monthly_due_days",
)


# --- permission helpers -------------------------------------------------------------------------


def _check_jurisdiction(actor, jurisdiction) -> None:
    """Refuse unless ``jurisdiction`` lies inside the actor's own jurisdiction."""
    if actor is None or actor.is_superuser or jurisdiction is None:
        return
    if actor.jurisdiction is None or not actor.jurisdiction.contains(jurisdiction):
        raise PermissionRefused({"jurisdiction": jurisdiction.code})


def _check(actor, action: str, model, *, within=None) -> None:
    """``actor`` (``None`` = the system) may ``action`` on ``model`` for an object ``within`` scope."""
    if actor is None:
        return
    require(actor, action, model)
    if within is not None and not actor.is_superuser:
        visible = type(within).objects.for_user(actor, "view").filter(pk=within.pk).exists()
        if not visible:
            raise PermissionRefused({"action": action, "object": str(within.pk)})


# --- supervised objects -------------------------------------------------------------------------


def _clean_object_data(data: dict[str, Any], datum: str) -> dict[str, Any]:
    unknown = sorted(set(data) - set(OBJECT_FIELDS))
    if unknown:
        raise field_error(unknown[0], "不能在此修改", "cannot be set here")
    data = dict(data)
    if "uscc" in data:
        data["uscc"] = (data["uscc"] or "").strip().upper()
        problem = uscc_problem(data["uscc"])
        if problem:
            raise field_error(
                "uscc", f"统一社会信用代码{problem[0]}", f"unified social credit code {problem[1]}", "uscc"
            )
    lon, lat = data.get("lon"), data.get("lat")
    if (lon is None) != (lat is None):
        raise field_error(
            "lon" if lon is None else "lat", "经度和纬度须同时填写", "give both longitude and latitude"
        )
    if lon is not None and lat is not None:  # both or neither (checked above)
        data["lon"], data["lat"] = (round(v, 7) for v in to_wgs84(float(lon), float(lat), datum))
    return data


@transaction.atomic
def object_create(*, data: dict[str, Any], actor, datum: str = "wgs84", note: str = "") -> SupervisedObject:
    """A new supervised object; ``lon``/``lat`` in ``datum`` ("wgs84" or "gcj02") are stored as WGS-84."""
    data = _clean_object_data(data, datum)
    _check(actor, "add", SupervisedObject)
    _check_jurisdiction(actor, data.get("jurisdiction"))
    if SupervisedObject.objects.filter(uscc=data.get("uscc", "")).exists():
        raise field_error("uscc", "该统一社会信用代码已登记", "this code is already registered", "duplicate")
    return create_audited(actor=actor, obj=SupervisedObject(**data), note=note)


@transaction.atomic
def object_update(
    *, obj: SupervisedObject, data: dict[str, Any], actor, datum: str = "wgs84", note: str = ""
) -> SupervisedObject:
    """Change an object's fields (not its class or positive-list membership)."""
    data = _clean_object_data(data, datum)
    _check(actor, "change", SupervisedObject, within=obj)
    _check_jurisdiction(actor, data.get("jurisdiction"))
    if data.get("uscc") and SupervisedObject.objects.filter(uscc=data["uscc"]).exclude(pk=obj.pk).exists():
        raise field_error("uscc", "该统一社会信用代码已登记", "this code is already registered", "duplicate")
    return update_audited(actor=actor, obj=obj, data=data, note=note)


@transaction.atomic
def object_set_class(
    *,
    obj: SupervisedObject,
    new_class: str,
    actor,
    effective_date: dt.date,
    pollution_level: str = "",
    industry: str = "",
    risk: str = "",
    reason: str = "",
) -> ClassChange:
    """Set the A/B/C supervision class with its basis; keeps the history in ``ClassChange``."""
    if new_class not in SupervisionClass.values():
        raise field_error("new_class", "监管类别须为 A、B 或 C", "supervision class must be A, B or C")
    _check(actor, "change", SupervisedObject, within=obj)
    change = create_audited(
        actor=actor,
        obj=ClassChange(
            supervised_object=obj,
            old_class=obj.supervision_class,
            new_class=new_class,
            pollution_level=pollution_level,
            industry=industry,
            risk=risk,
            effective_date=effective_date,
            reason=reason,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
        ),
    )
    update_audited(
        actor=actor,
        obj=obj,
        data={
            "supervision_class": new_class,
            "class_pollution_level": pollution_level,
            "class_industry": industry,
            "class_risk": risk,
        },
        note=reason,
    )
    return change


@transaction.atomic
def positive_list_add(
    *, obj: SupervisedObject, start_date: dt.date, reason: str = "", actor
) -> PositiveListEntry:
    """Put ``obj`` on the positive list (正面清单) from ``start_date``."""
    _check(actor, "change", SupervisedObject, within=obj)
    if obj.on_positive_list or obj.positive_list_entries.filter(end_date__isnull=True).exists():
        raise Conflict("already_listed", "该对象已在正面清单中", "The object is already on the positive list")
    entry = create_audited(
        actor=actor, obj=PositiveListEntry(supervised_object=obj, start_date=start_date, reason=reason)
    )
    update_audited(actor=actor, obj=obj, data={"on_positive_list": True}, note=reason)
    return entry


@transaction.atomic
def positive_list_remove(
    *, obj: SupervisedObject, end_date: dt.date, reason: str = "", actor
) -> PositiveListEntry:
    """Take ``obj`` off the positive list on ``end_date``."""
    _check(actor, "change", SupervisedObject, within=obj)
    entry = obj.positive_list_entries.filter(end_date__isnull=True).first()
    if entry is None:
        raise Conflict("not_listed", "该对象不在正面清单中", "The object is not on the positive list")
    if end_date < entry.start_date:
        raise field_error("end_date", "移出日期早于列入日期", "removal date is before the listing date")
    update_audited(actor=actor, obj=entry, data={"end_date": end_date, "removal_reason": reason})
    update_audited(actor=actor, obj=obj, data={"on_positive_list": False}, note=reason)
    return entry


@transaction.atomic
def commitment_add(
    *, obj: SupervisedObject, signed_date: dt.date, actor, title: str = "", file=None
) -> Commitment:
    """Record a signed environmental protection commitment letter (承诺书)."""
    _check(actor, "change", SupervisedObject, within=obj)
    commitment = Commitment(supervised_object=obj, signed_date=signed_date)
    if title:
        commitment.title = title
    if file is not None:
        commitment.file = file
    return create_audited(actor=actor, obj=commitment)


# --- permits and registrations ------------------------------------------------------------------


def _mmdd(value: str, field: str) -> None:
    try:
        dt.date(2024, int(value[:2]), int(value[3:]))  # 2024: a leap year accepts 02-29
        ok = len(value) == 5 and value[2] == "-"
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise field_error(field, "日期格式应为 MM-DD", "date must be written MM-DD")


def _check_permit(permit: Permit) -> None:
    bad = [f for f in permit.report_frequencies or [] if f not in ReportFrequency.values()]
    if bad:
        raise field_error("report_frequencies", f"未知的报告频次：{bad[0]}", f"unknown frequency: {bad[0]}")
    _mmdd(permit.annual_due, "annual_due")
    _mmdd(permit.semiannual_due, "semiannual_due")
    if not 1 <= permit.monthly_due_days <= 28:
        raise field_error(
            "monthly_due_days", "月报截止日应在 1 至 28 之间", "monthly due day must be 1 to 28"
        )
    if permit.valid_from and permit.valid_to and permit.valid_to < permit.valid_from:
        raise field_error("valid_to", "有效期止早于有效期起", "valid to is before valid from")


@transaction.atomic
def permit_create(*, obj: SupervisedObject, data: dict[str, Any], actor) -> Permit:
    """A discharge permit (排污许可证) of ``obj``."""
    _check(actor, "add", Permit, within=obj)
    permit = Permit(supervised_object=obj, **{k: v for k, v in data.items() if k in PERMIT_FIELDS})
    _check_permit(permit)
    return create_audited(actor=actor, obj=permit)


@transaction.atomic
def permit_update(*, permit: Permit, data: dict[str, Any], actor) -> Permit:
    _check(actor, "change", Permit, within=permit)
    data = {k: v for k, v in data.items() if k in PERMIT_FIELDS}
    for key, value in data.items():
        setattr(permit, key, value)
    _check_permit(permit)
    permit.refresh_from_db(fields=list(data))  # update_audited diffs against the stored values
    return update_audited(actor=actor, obj=permit, data=data)


@transaction.atomic
def registration_create(*, data: dict[str, Any], actor) -> Registration:
    """A discharge registration (登记管理), of a supervised object or of a unit outside the registry."""
    obj = data.get("supervised_object")
    reg = Registration(**data)
    if obj is not None:
        _check(actor, "add", Registration, within=obj)
        reg.jurisdiction = obj.jurisdiction
        reg.unit_name = reg.unit_name or obj.name
        reg.uscc = reg.uscc or obj.uscc
        reg.industry_code = reg.industry_code or obj.industry_code
    else:
        _check(actor, "add", Registration)
        if not reg.unit_name:
            raise field_error("unit_name", "请填写单位名称", "unit name is required", "required")
        if reg.jurisdiction_id is None:
            raise field_error("jurisdiction", "请选择所属辖区", "jurisdiction is required", "required")
    _check_jurisdiction(actor, reg.jurisdiction)
    return create_audited(actor=actor, obj=reg)


REGISTRATION_FIELDS = ("registration_no", "registered_date", "valid_to", "unit_name", "uscc", "industry_code")


@transaction.atomic
def registration_update(*, registration: Registration, data: dict[str, Any], actor) -> Registration:
    """Change a registration's number, dates or unit details (not its place or object)."""
    _check(actor, "change", Registration, within=registration)
    unknown = sorted(set(data) - set(REGISTRATION_FIELDS))
    if unknown:
        raise field_error(unknown[0], "不能在此修改", "cannot be set here")
    if data.get("unit_name") == "" and registration.supervised_object_id is None:
        raise field_error("unit_name", "请填写单位名称", "unit name is required", "required")
    return update_audited(actor=actor, obj=registration, data=data)


# --- execution reports --------------------------------------------------------------------------


def _month_end(year: int, month: int) -> dt.date:
    return clock.add_calendar_days(dt.date(year + month // 12, month % 12 + 1, 1), -1)


def _next_month(day: dt.date, on_day: int) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, on_day)


def report_periods(permit: Permit, year: int) -> list[tuple[str, dt.date, dt.date, dt.date]]:
    """Every ``(frequency, period_start, period_end, due_date)`` of ``permit`` in ``year``.

    Due rules are per-permit fields: annual by ``annual_due`` (MM-DD) of the next
    year, the first half-year by ``semiannual_due`` (MM-DD) of the same year,
    quarterly within ``quarterly_due_days`` after the quarter, monthly by day
    ``monthly_due_days`` of the next month. Where the permit also asks for an
    annual report, it covers the last half-year, quarter and month of the year
    (those are not due separately, HJ 944-2018 §7). Only periods that overlap
    the permit's validity are due.
    """
    freqs = set(permit.report_frequencies or [])
    annual = ReportFrequency.ANNUAL in freqs
    out: list[tuple[str, dt.date, dt.date, dt.date]] = []
    if annual:
        m, d = (int(x) for x in permit.annual_due.split("-"))
        out.append(
            (ReportFrequency.ANNUAL, dt.date(year, 1, 1), dt.date(year, 12, 31), dt.date(year + 1, m, d))
        )
    if ReportFrequency.SEMIANNUAL in freqs:
        m, d = (int(x) for x in permit.semiannual_due.split("-"))
        out.append(
            (ReportFrequency.SEMIANNUAL, dt.date(year, 1, 1), dt.date(year, 6, 30), dt.date(year, m, d))
        )
        if not annual:
            out.append(
                (
                    ReportFrequency.SEMIANNUAL,
                    dt.date(year, 7, 1),
                    dt.date(year, 12, 31),
                    dt.date(year + 1, m - 6 if m > 6 else m, d),
                )
            )
    if ReportFrequency.QUARTERLY in freqs:
        for q in range(3 if annual else 4):
            start, end = dt.date(year, 3 * q + 1, 1), _month_end(year, 3 * q + 3)
            out.append(
                (ReportFrequency.QUARTERLY, start, end, clock.add_calendar_days(end, permit.quarterly_due_days))
            )
    if ReportFrequency.MONTHLY in freqs:
        for month in range(1, 12 if annual else 13):
            end = _month_end(year, month)
            out.append(
                (
                    ReportFrequency.MONTHLY,
                    dt.date(year, month, 1),
                    end,
                    _next_month(end, permit.monthly_due_days),
                )
            )
    return [p for p in out if p[1] <= permit.valid_to and p[2] >= permit.valid_from]


@transaction.atomic
def execution_report_generate(*, permit: Permit, year: int, actor) -> list[ExecutionReport]:
    """Create the execution reports ``permit`` owes for ``year`` (existing ones are kept)."""
    _check(actor, "change", Permit, within=permit)
    have = set(permit.reports.filter(period_start__year=year).values_list("frequency", "period_start"))
    new = [
        ExecutionReport(permit=permit, frequency=f, period_start=s, period_end=e, due_date=d)
        for f, s, e, d in report_periods(permit, year)
        if (f, s) not in have
    ]
    new = ExecutionReport.objects.bulk_create(new)
    if new and new[0].pk is None:  # back-ends that do not return ids on bulk insert
        new = list(permit.reports.filter(period_start__year=year, frequency__in={r.frequency for r in new}))
    audit_bulk_create(actor=actor, objs=new, note=f"{year}")
    audit_record(
        actor=actor, obj=permit, event="action", note=f"generated {len(new)} execution reports for {year}"
    )
    return new


@transaction.atomic
def execution_reports_generate_all(*, year: int, actor=None) -> int:
    """Generate ``year``'s execution reports of every valid permit (the yearly job); returns how many."""
    _check(actor, "manage", Permit)
    permits = Permit.objects.filter(
        status="valid", valid_from__lte=dt.date(year, 12, 31), valid_to__gte=dt.date(year, 1, 1)
    )
    return sum(len(execution_report_generate(permit=p, year=year, actor=actor)) for p in permits)


@transaction.atomic
def execution_report_submit(
    *, report: ExecutionReport, submitted_date: dt.date, actor, file=None
) -> ExecutionReport:
    """Record the submission of an execution report (by the enterprise or for it)."""
    action = "submit" if getattr(actor, "role", "") == "enterprise" else "change"
    _check(actor, action, ExecutionReport, within=report)
    if report.submitted_date is not None:
        raise Conflict("already_submitted", "该执行报告已提交", "This execution report was already submitted")
    if submitted_date < report.period_end:
        raise field_error(
            "submitted_date", "提交日期早于报告期结束", "submission date is before the end of the period"
        )
    data: dict[str, Any] = {"submitted_date": submitted_date}
    if file is not None:
        data["file"] = file
    return update_audited(actor=actor, obj=report, data=data)


@transaction.atomic
def cp_audit_create(*, obj: SupervisedObject, data: dict[str, Any], actor) -> CleanerProductionAudit:
    """A cleaner-production audit (清洁生产审核) with its measure counts."""
    _check(actor, "change", SupervisedObject, within=obj)
    fields = ("year", "started", "accepted", "low_cost_measures", "high_cost_measures", "note")
    audit = CleanerProductionAudit(supervised_object=obj, **{k: v for k, v in data.items() if k in fields})
    if audit.started and audit.accepted and audit.accepted < audit.started:
        raise field_error("accepted", "验收日期早于开始日期", "accepted before it started")
    return create_audited(actor=actor, obj=audit)
