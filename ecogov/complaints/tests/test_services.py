"""Intake, routing, workflow transitions, extensions, merge, encryption at rest and masking."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from ecogov.complaints import selectors, services
from ecogov.complaints.choices import ComplaintStatus as S
from ecogov.complaints.models import Complaint, ComplaintPolicy
from ecogov.complaints.services import send_reminders
from ecogov.core.errors import IllegalTransition, PermissionRefused, ValidationFailed
from ecogov.core.geo import wgs84_to_gcj02
from ecogov.core.models import AuditLog, Notification

TZ = ZoneInfo("Asia/Shanghai")


def at(y, m, d, h=10):
    return dt.datetime(y, m, d, h, tzinfo=TZ)


def submit(cats, code="air-dust", lon=115.2, lat=28.5, **kw):
    kw.setdefault("reporter_name", "张三丰")
    kw.setdefault("reporter_phone", "13812345678")
    kw.setdefault("reporter_email", "zhang@example.cn")
    return services.complaint_submit(category=cats[code], description="工地夜间扬尘严重", lon=lon, lat=lat, **kw)


def test_routing_to_deepest_jurisdiction_and_department(cats, tree):
    c = submit(cats, "air-dust", lon=115.2, lat=28.5)
    assert c.jurisdiction == tree["grid_a"]
    assert c.department.code == "ENV-AIR"  # inherited from the parent category "air"
    c2 = submit(cats, "noise-construction", lon=115.7, lat=28.5)
    assert c2.jurisdiction == tree["grid_b"]
    assert c2.department.code == "HOUSING"
    assert c.tracking_code.startswith("TS") and len(c.tracking_code) == 17


def test_gcj02_input_is_stored_as_wgs84(cats):
    glon, glat = wgs84_to_gcj02(115.3, 28.6)
    c = submit(cats, lon=glon, lat=glat, datum="gcj02")
    assert abs(c.lon - 115.3) < 1e-6 and abs(c.lat - 28.6) < 1e-6


def test_location_outside_the_city_is_refused(cats):
    with pytest.raises(ValidationFailed):
        submit(cats, lon=120.0, lat=30.0)


def test_acceptance_due_uses_jurisdiction_policy(cats, tree):
    c = submit(cats, received_at=at(2026, 1, 10))
    assert c.acceptance_due == dt.date(2026, 1, 25)
    ComplaintPolicy.objects.create(jurisdiction=tree["district_a"], acceptance_days=2, finish_days=7)
    c2 = submit(cats, received_at=at(2026, 1, 10))
    assert c2.acceptance_due == dt.date(2026, 1, 12)


def test_full_workflow_with_audit_and_clocks(cats, officer, leader, tree):
    c = submit(cats, received_at=at(2026, 1, 10))
    c = services.complaint_accept(complaint=c, actor=officer, at=at(2026, 1, 15))
    assert c.status == S.ACCEPTED and c.finish_due == dt.date(2026, 3, 16)
    c = services.complaint_assign(complaint=c, assignee=officer, actor=officer)
    c = services.complaint_start(complaint=c, actor=officer)
    c = services.complaint_handle(complaint=c, findings="现场扬尘未覆盖", measures="责令覆盖裸土", outcome="substantiated",
                                  actor=officer)
    with pytest.raises(PermissionRefused):  # an officer cannot approve its own result
        services.complaint_review(complaint=c, approve=True, actor=officer)
    c = services.complaint_review(complaint=c, approve=False, note="补充照片", actor=leader)
    assert c.status == S.INVESTIGATING
    c = services.complaint_handle(complaint=c, findings="已补充", measures="责令覆盖裸土", outcome="substantiated",
                                  actor=officer)
    c = services.complaint_review(complaint=c, approve=True, actor=leader)
    c = services.complaint_close(complaint=c, reply="已责令整改", satisfaction="satisfied", actor=officer,
                                 at=at(2026, 3, 1))
    assert c.status == S.CLOSED
    clocks = selectors.clocks(c, today=dt.date(2026, 4, 1))
    assert clocks["acceptance_state"] == "met" and clocks["finish_state"] == "met"
    events = list(AuditLog.objects.for_object(c).values_list("event", flat=True))
    assert events.count("transition") == 8 and "create" in events


def test_illegal_transition_is_refused(cats, officer):
    c = submit(cats)
    with pytest.raises(IllegalTransition):
        services.complaint_close(complaint=c, reply="x", actor=officer)


def test_not_accepted_records_body_to_go_to(cats, officer, django_capture_on_commit_callbacks):
    c = submit(cats)
    with pytest.raises(ValidationFailed):
        services.complaint_reject(complaint=c, reason="劳动纠纷", redirect_body="", actor=officer)
    with django_capture_on_commit_callbacks(execute=True):
        c = services.complaint_reject(complaint=c, reason="劳动纠纷", redirect_body="市人力资源和社会保障局", actor=officer)
    assert c.status == S.NOT_ACCEPTED and c.redirect_body == "市人力资源和社会保障局"
    note = Notification.objects.get(address="z****@example.cn")  # masked in the log
    assert "市人力资源和社会保障局" in note.body


def test_internal_referral_changes_department_and_clears_assignee(cats, officer, tree):
    c = submit(cats)
    c = services.complaint_accept(complaint=c, actor=officer)
    c = services.complaint_assign(complaint=c, assignee=officer, actor=officer)
    with pytest.raises(ValidationFailed):
        services.complaint_refer(complaint=c, actor=officer)
    other = cats["noise-construction"].department
    c = services.complaint_refer(complaint=c, department=other, note="属住建部门职责", actor=officer)
    assert c.status == S.ACCEPTED and c.department == other and c.assignee is None


def test_extension_at_most_30_days_with_approval(cats, officer, leader):
    c = submit(cats, received_at=at(2026, 1, 10))
    c = services.complaint_accept(complaint=c, actor=officer, at=at(2026, 1, 15))
    with pytest.raises(ValidationFailed):
        services.extension_request(complaint=c, days=31, reason="情况复杂", actor=officer)
    ext = services.extension_request(complaint=c, days=20, reason="需委托监测", actor=officer)
    with pytest.raises(ValidationFailed):  # 20 pending + 11 > 30
        services.extension_request(complaint=c, days=11, reason="再延", actor=officer)
    with pytest.raises(PermissionRefused):
        services.extension_decide(extension=ext, approve=True, actor=officer)
    services.extension_decide(extension=ext, approve=True, note="同意", actor=leader)
    c.refresh_from_db()
    assert c.extension_days == 20 and c.finish_due == dt.date(2026, 4, 5)  # 16 March + 20 days


def test_overdue_and_due_soon_lists_and_reminders(cats, officer, django_capture_on_commit_callbacks):
    late = submit(cats, received_at=at(2026, 1, 1))  # acceptance due 16 January
    soon = submit(cats, received_at=at(2026, 1, 10))
    soon = services.complaint_accept(complaint=soon, actor=officer, at=at(2026, 1, 15))
    services.complaint_assign(complaint=soon, assignee=officer, actor=officer)  # finish due 16 March
    today = dt.date(2026, 3, 12)
    assert list(selectors.overdue(officer, today)) == [late]
    assert [c.pk for c in selectors.due_soon(officer, today)] == [soon.pk]
    with django_capture_on_commit_callbacks(execute=True):
        counts = send_reminders(today)
    assert counts["due_soon"] == 1
    assert Notification.objects.filter(recipient=officer, subject__contains=soon.tracking_code).exists()


def test_reporter_data_encrypted_at_rest(cats):
    c = submit(cats)
    with connection.cursor() as cur:
        cur.execute("SELECT reporter_name, reporter_phone, reporter_email FROM complaints_complaint WHERE id = %s", [c.pk])
        stored = cur.fetchone()
    assert all(v.startswith("fernet:") for v in stored)
    assert "张三丰" not in stored[0] and "13812345678" not in stored[1] and "zhang" not in stored[2]
    assert Complaint.objects.get(pk=c.pk).reporter_phone == "13812345678"
    # the history (audit row) does not keep the plain text either
    changes = str(AuditLog.objects.for_object(c).get(event="create").changes)
    assert "张三丰" not in changes and "13812345678" not in changes and "zhang@" not in changes


def test_reporter_masked_per_role(cats, officer, district_a_user, leader):
    c = submit(cats)
    full = selectors.reporter_view(c, officer)
    assert full["name"] == "张三丰" and full["phone"] == "13812345678" and not full["masked"]
    assert selectors.reporter_view(c, leader)["phone"] == "13812345678"
    masked = selectors.reporter_view(c, district_a_user)
    assert masked == {"anonymous": False, "name": "张**", "phone": "138****5678", "email": "z****@example.cn",
                      "id_number": "", "masked": True}


def test_anonymous_complaint_keeps_no_identity(cats):
    c = submit(cats, anonymous=True)
    assert c.reporter_name == "" and c.reporter_phone == ""


def test_district_user_sees_only_own_district(cats, district_a_user):
    a = submit(cats, lon=115.2, lat=28.5)
    submit(cats, lon=115.7, lat=28.5)
    assert list(selectors.complaints_for(district_a_user)) == [a]
