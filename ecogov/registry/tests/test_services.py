"""Registry services: USCC validation, GCJ-02 input, class and positive list,
permits, registrations, execution reports; every service writes audit rows."""

import datetime as dt

import pytest

from ecogov.core.errors import Conflict, PermissionRefused, ValidationFailed
from ecogov.core.geo import wgs84_to_gcj02
from ecogov.core.models import AuditLog
from ecogov.core.validators import uscc_check_char
from ecogov.registry import services
from ecogov.registry.models import ClassChange, ExecutionReport, Registration, SupervisedObject

from .helpers import make_permit

# GB 32100-2015 §4.3 worked by hand for the first 17 characters "91369902MA3500001".
# Character values (Table 2: digits = themselves, A=10 ... M=21 ...), weights Wi = 3^(i-1) mod 31:
#   9*1 + 1*3 + 3*9 + 6*27 + 9*19 + 9*26 + 0*16 + 2*17 + M(21)*20 + A(10)*29
#   + 3*25 + 5*13 + 0*8 + 0*24 + 0*10 + 0*30 + 1*28
#   = 9 + 3 + 27 + 162 + 171 + 234 + 0 + 34 + 420 + 290 + 75 + 65 + 0 + 0 + 0 + 0 + 28 = 1518
#   1518 mod 31 = 1518 - 48*31 = 30;  C18 = 31 - 30 = 1  ->  "1"
GOLDEN_USCC = "91369902MA35000011"


def audit_events(obj):
    return list(AuditLog.objects.for_object(obj).values_list("event", flat=True))


def test_golden_check_character_by_hand():
    assert uscc_check_char(GOLDEN_USCC[:17]) == GOLDEN_USCC[17]


def test_object_create_with_valid_uscc_is_audited(tree, officer):
    obj = services.object_create(
        data={"uscc": GOLDEN_USCC.lower(), "name": "示范企业", "jurisdiction": tree["grid_a"]}, actor=officer
    )
    assert obj.uscc == GOLDEN_USCC
    row = AuditLog.objects.for_object(obj).get()
    assert row.event == "create" and row.actor == officer and row.changes["uscc"] == [None, GOLDEN_USCC]
    assert row.jurisdiction_path == tree["grid_a"].path


@pytest.mark.parametrize(
    "code, words",
    [
        ("91369902MA35000012", "校验码错误（应为1）"),  # wrong check character
        ("91369902MA3500001", "应为18位，实为17位"),  # wrong length
        ("91369902MA350000111", "应为18位，实为19位"),
    ],
)
def test_bad_uscc_is_refused_naming_the_field(tree, officer, code, words):
    with pytest.raises(ValidationFailed) as exc:
        services.object_create(
            data={"uscc": code, "name": "x", "jurisdiction": tree["grid_a"]}, actor=officer
        )
    assert exc.value.detail["field"] == "uscc"
    assert words in exc.value.message_zh and exc.value.message_zh.startswith("uscc: 统一社会信用代码")
    assert not SupervisedObject.objects.exists() and not AuditLog.objects.exists()


def test_duplicate_uscc_is_refused(tree, officer, obj_a):
    with pytest.raises(ValidationFailed) as exc:
        services.object_create(
            data={"uscc": obj_a.uscc, "name": "x", "jurisdiction": tree["grid_a"]}, actor=officer
        )
    assert exc.value.detail["field"] == "uscc"


def test_gcj02_input_is_stored_as_wgs84(tree, officer):
    lon, lat = 115.25, 28.5
    glon, glat = wgs84_to_gcj02(lon, lat)
    assert abs(glon - lon) > 0.002 or abs(glat - lat) > 0.002  # the datums differ by hundreds of metres here
    obj = services.object_create(
        data={"uscc": GOLDEN_USCC, "name": "x", "jurisdiction": tree["grid_a"], "lon": glon, "lat": glat},
        actor=officer,
        datum="gcj02",
    )
    obj.refresh_from_db()
    assert abs(obj.lon - lon) < 1e-6 and abs(obj.lat - lat) < 1e-6


def test_half_a_coordinate_is_refused(tree, officer):
    with pytest.raises(ValidationFailed):
        services.object_create(
            data={"uscc": GOLDEN_USCC, "name": "x", "jurisdiction": tree["grid_a"], "lon": 115.2},
            actor=officer,
        )


def test_district_user_cannot_create_outside_the_district(tree, district_a_user):
    with pytest.raises(PermissionRefused):
        services.object_create(
            data={"uscc": GOLDEN_USCC, "name": "x", "jurisdiction": tree["grid_b"]}, actor=district_a_user
        )


def test_object_update_audits_changed_fields_only(district_a_user, obj_a, obj_b):
    services.object_update(obj=obj_a, data={"name": "新名称", "address": ""}, actor=district_a_user)
    row = AuditLog.objects.for_object(obj_a).get()
    assert row.event == "update" and row.changes == {"name": ["甲区化工有限公司", "新名称"]}
    with pytest.raises(PermissionRefused):
        services.object_update(obj=obj_b, data={"name": "y"}, actor=district_a_user)
    with pytest.raises(ValidationFailed):
        services.object_update(obj=obj_a, data={"supervision_class": "C"}, actor=district_a_user)


def test_set_class_keeps_history_and_audits(officer, obj_a):
    change = services.object_set_class(
        obj=obj_a,
        new_class="B",
        effective_date=dt.date(2026, 5, 1),
        pollution_level="中",
        risk="一般",
        reason="整改到位",
        actor=officer,
    )
    obj_a.refresh_from_db()
    assert (change.old_class, change.new_class, obj_a.supervision_class, obj_a.class_risk) == (
        "A",
        "B",
        "B",
        "一般",
    )
    assert audit_events(change) == ["create"]
    assert AuditLog.objects.for_object(obj_a).get().changes["supervision_class"] == ["A", "B"]
    with pytest.raises(ValidationFailed):
        services.object_set_class(obj=obj_a, new_class="D", effective_date=dt.date(2026, 5, 1), actor=officer)
    assert ClassChange.objects.count() == 1


def test_positive_list_add_and_remove(officer, obj_a):
    entry = services.positive_list_add(
        obj=obj_a, start_date=dt.date(2026, 1, 1), reason="守法", actor=officer
    )
    assert SupervisedObject.objects.get(pk=obj_a.pk).on_positive_list
    with pytest.raises(Conflict):
        services.positive_list_add(obj=obj_a, start_date=dt.date(2026, 2, 1), actor=officer)
    with pytest.raises(ValidationFailed):
        services.positive_list_remove(obj=obj_a, end_date=dt.date(2025, 12, 1), actor=officer)
    services.positive_list_remove(obj=obj_a, end_date=dt.date(2026, 6, 1), reason="违法", actor=officer)
    entry.refresh_from_db()
    assert (
        entry.end_date == dt.date(2026, 6, 1)
        and not SupervisedObject.objects.get(pk=obj_a.pk).on_positive_list
    )
    assert audit_events(entry) == ["update", "create"]
    assert audit_events(obj_a) == ["update", "update"]
    with pytest.raises(Conflict):
        services.positive_list_remove(obj=obj_a, end_date=dt.date(2026, 7, 1), actor=officer)


def test_commitment_and_cp_audit_are_audited(officer, obj_a):
    c = services.commitment_add(obj=obj_a, signed_date=dt.date(2026, 3, 1), actor=officer)
    a = services.cp_audit_create(
        obj=obj_a, data={"year": 2025, "low_cost_measures": 12, "high_cost_measures": 2}, actor=officer
    )
    assert c.title == "生态环境保护承诺书" and audit_events(c) == ["create"] and audit_events(a) == ["create"]
    with pytest.raises(ValidationFailed):
        services.cp_audit_create(
            obj=obj_a,
            data={"year": 2025, "started": dt.date(2025, 5, 1), "accepted": dt.date(2025, 4, 1)},
            actor=officer,
        )


def _permit_data(**kw):
    data = {
        "permit_no": "P-1",
        "management_class": "key",
        "issued_date": dt.date(2024, 1, 1),
        "valid_from": dt.date(2024, 1, 1),
        "valid_to": dt.date(2028, 12, 31),
        "report_frequencies": ["annual"],
    }
    data.update(kw)
    return data


def test_permit_create_and_update(officer, obj_a):
    permit = services.permit_create(obj=obj_a, data=_permit_data(), actor=officer)
    services.permit_update(
        permit=permit,
        data={"quarterly_due_days": 20, "report_frequencies": ["annual", "quarterly"]},
        actor=officer,
    )
    permit.refresh_from_db()
    assert permit.quarterly_due_days == 20
    update = AuditLog.objects.for_object(permit).filter(event="update").get()
    assert update.changes["quarterly_due_days"] == [15, 20]
    for bad in (
        {"report_frequencies": ["weekly"]},
        {"annual_due": "13-01"},
        {"valid_to": dt.date(2023, 1, 1)},
    ):
        with pytest.raises(ValidationFailed):
            services.permit_create(obj=obj_a, data=_permit_data(permit_no="P-2", **bad), actor=officer)


def test_registration_of_an_object_and_of_an_outside_unit(tree, officer, obj_a):
    linked = services.registration_create(
        data={"supervised_object": obj_a, "registration_no": "R-1", "registered_date": dt.date(2024, 1, 1)},
        actor=officer,
    )
    assert (linked.jurisdiction, linked.unit_name, linked.uscc) == (
        obj_a.jurisdiction,
        obj_a.name,
        obj_a.uscc,
    )
    unit = services.registration_create(
        data={
            "unit_name": "某汽修店",
            "jurisdiction": tree["grid_b"],
            "registration_no": "R-2",
            "registered_date": dt.date(2024, 1, 1),
        },
        actor=officer,
    )
    assert audit_events(linked) == ["create"] and audit_events(unit) == ["create"]
    with pytest.raises(ValidationFailed):
        services.registration_create(
            data={
                "registration_no": "R-3",
                "registered_date": dt.date(2024, 1, 1),
                "jurisdiction": tree["grid_b"],
            },
            actor=officer,
        )
    assert Registration.objects.count() == 2
    services.registration_update(registration=unit, data={"valid_to": dt.date(2029, 1, 1)}, actor=officer)
    assert AuditLog.objects.for_object(unit).filter(event="update").get().changes == {
        "valid_to": [None, "2029-01-01"]
    }
    with pytest.raises(ValidationFailed):
        services.registration_update(registration=unit, data={"jurisdiction": tree["grid_a"]}, actor=officer)


def test_report_periods_and_due_dates_by_hand(obj_a):
    permit = make_permit(obj_a, freqs=["annual", "semiannual", "quarterly", "monthly"])
    periods = {(f, s): d for f, s, _e, d in services.report_periods(permit, 2025)}
    # annual: by 01-15 of the next year; H1: by 07-15; quarter end + 15 days; monthly: day 15 of next month.
    assert periods[("annual", dt.date(2025, 1, 1))] == dt.date(2026, 1, 15)
    assert periods[("semiannual", dt.date(2025, 1, 1))] == dt.date(2025, 7, 15)
    assert periods[("quarterly", dt.date(2025, 1, 1))] == dt.date(2025, 4, 15)  # 31 Mar + 15 d
    assert periods[("quarterly", dt.date(2025, 7, 1))] == dt.date(2025, 10, 15)  # 30 Sep + 15 d
    assert periods[("monthly", dt.date(2025, 1, 1))] == dt.date(2025, 2, 15)
    assert periods[("monthly", dt.date(2025, 11, 1))] == dt.date(2025, 12, 15)
    # the annual report covers H2, Q4 and December: 1 + 1 + 3 + 11 periods
    assert len(periods) == 16
    permit.report_frequencies, permit.quarterly_due_days, permit.monthly_due_days = (
        ["quarterly", "monthly"],
        30,
        10,
    )
    periods = {(f, s): d for f, s, _e, d in services.report_periods(permit, 2025)}
    assert len(periods) == 4 + 12
    assert periods[("quarterly", dt.date(2025, 1, 1))] == dt.date(2025, 4, 30)  # 31 Mar + 30 d
    assert periods[("quarterly", dt.date(2025, 10, 1))] == dt.date(2026, 1, 30)  # 31 Dec + 30 d
    assert periods[("monthly", dt.date(2025, 2, 1))] == dt.date(2025, 3, 10)
    assert periods[("monthly", dt.date(2025, 12, 1))] == dt.date(2026, 1, 10)


def test_periods_outside_the_validity_are_not_due(obj_a):
    permit = make_permit(obj_a, freqs=["annual", "quarterly"], valid_from=dt.date(2025, 5, 10))
    starts = sorted(s for f, s, _e, _d in services.report_periods(permit, 2025) if f == "quarterly")
    assert starts == [dt.date(2025, 4, 1), dt.date(2025, 7, 1)]


def test_generate_and_submit_execution_reports(tree, officer, make_user, obj_a):
    permit = make_permit(obj_a)
    created = services.execution_report_generate(permit=permit, year=2025, actor=officer)
    assert (
        len(created) == 4
        and services.execution_report_generate(permit=permit, year=2025, actor=officer) == []
    )
    assert AuditLog.objects.filter(event="create", object_id__in=[str(r.pk) for r in created]).count() == 4
    assert audit_events(permit) == ["action", "action"]
    report = ExecutionReport.objects.get(
        permit=permit, frequency="quarterly", period_start=dt.date(2025, 1, 1)
    )
    ent = make_user("enterprise", tree["grid_a"], enterprise=obj_a)
    with pytest.raises(ValidationFailed):
        services.execution_report_submit(report=report, submitted_date=dt.date(2025, 3, 1), actor=ent)
    services.execution_report_submit(report=report, submitted_date=dt.date(2025, 4, 10), actor=ent)
    assert AuditLog.objects.for_object(report).filter(event="update").get().actor == ent
    with pytest.raises(Conflict):
        services.execution_report_submit(report=report, submitted_date=dt.date(2025, 4, 11), actor=officer)


def test_enterprise_cannot_submit_another_enterprises_report(tree, make_user, obj_a, obj_b):
    report = services.execution_report_generate(permit=make_permit(obj_b), year=2025, actor=None)[0]
    ent = make_user("enterprise", tree["grid_a"], enterprise=obj_a)
    with pytest.raises(PermissionRefused):
        services.execution_report_submit(report=report, submitted_date=dt.date(2026, 1, 2), actor=ent)


def test_yearly_generation_for_every_valid_permit(obj_a, obj_b, officer):
    from ecogov.registry.tasks import generate_execution_reports_task

    make_permit(obj_a)  # annual + quarterly: 1 + 3 reports a year
    make_permit(obj_b, freqs=["annual"], status="revoked")
    assert generate_execution_reports_task(2026) == 4
    assert services.execution_reports_generate_all(year=2026) == 0  # already there
    with pytest.raises(PermissionRefused):
        services.execution_reports_generate_all(year=2027, actor=officer)  # "manage" is for administrators
