"""Reporters' names and phone numbers are masked by default in the staff list, the API's details and the
.xlsx export (issue 16); a role with the explicit permission reveals one complaint on its page or through
the API, with a reason, and each reveal is an audit row (who, when, why)."""

import datetime as dt
import io
import json
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ecogov.complaints import demo, services
from ecogov.complaints.models import Complaint
from ecogov.core import demo as core_demo
from ecogov.core.errors import PermissionRefused, ValidationFailed
from ecogov.core.models import AuditLog, Jurisdiction
from ecogov.core.privacy import mask_phone

#: A mainland mobile number in full: 11 digits starting 13-19 (no digit before or after).
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


@pytest.fixture
def named(cats):
    return services.complaint_submit(category=cats["air-dust"], description="工地扬尘", lon=115.2, lat=28.5,
                                     reporter_name="欧阳明月", reporter_phone="13812341234",
                                     reporter_email="oy@example.cn")


def test_phone_masking_keeps_three_and_four_digits():
    assert mask_phone("13812341234") == "138****1234"
    assert mask_phone("13600003333") == "136****3333"
    assert mask_phone("") == ""


def test_list_page_and_api_detail_are_masked_for_every_role(named, officer, admin_user, client_for):
    for user in (officer, admin_user):
        client = client_for(user)
        page = client.get(reverse("complaints:complaint_list")).content.decode()
        assert "欧*** 138****1234" in page and "13812341234" not in page and "欧阳明月" not in page
        detail = client.get(f"/api/complaints/complaints/{named.pk}").json()["reporter"]
        assert detail == {"anonymous": False, "name": "欧***", "phone": "138****1234", "email": "o*@example.cn",
                          "id_number": "", "masked": True}
        page = client.get(reverse("complaints:complaint_detail", args=[named.pk])).content.decode()
        assert "13812341234" not in page and "欧阳明月" not in page


def test_reveal_on_the_page_is_audited_with_who_and_why(named, officer, client_for):
    client = client_for(officer)
    url = reverse("complaints:complaint_detail", args=[named.pk])
    assert 'id="reveal"' in client.get(url).content.decode()
    resp = client.post(reverse("complaints:reporter_reveal", args=[named.pk]), {"reason": ""})
    assert resp.status_code == 302 and not AuditLog.objects.for_object(named).filter(note__contains="查看").exists()
    resp = client.post(reverse("complaints:reporter_reveal", args=[named.pk]), {"reason": "电话回访"})
    assert resp.status_code == 302 and resp["Location"] == url
    page = client.get(url).content.decode()
    assert "欧阳明月 13812341234" in page
    assert "13812341234" not in client.get(url).content.decode()  # one reveal, one full view
    row = AuditLog.objects.for_object(named).get(event="action", note__contains="查看投诉人完整信息")
    assert row.actor == officer and "电话回访" in row.note and row.at is not None
    # the list and the export stay masked after a reveal
    assert "13812341234" not in client.get(reverse("complaints:complaint_list")).content.decode()


def test_roles_without_the_permission_cannot_reveal(named, district_a_user, client_for):
    client = client_for(district_a_user)
    page = client.get(reverse("complaints:complaint_detail", args=[named.pk])).content.decode()
    assert 'id="reveal"' not in page
    assert client.post(reverse("complaints:reporter_reveal", args=[named.pk]), {"reason": "x"}).status_code == 403
    resp = client.post(f"/api/complaints/complaints/{named.pk}/reporter", json.dumps({"reason": "x"}),
                       content_type="application/json")
    assert resp.status_code == 403
    with pytest.raises(PermissionRefused):
        services.reporter_reveal(complaint=named, reason="x", actor=district_a_user)
    assert "13812341234" not in client.get(reverse("complaints:complaint_detail", args=[named.pk])).content.decode()


def test_api_reveal_needs_a_reason_and_is_audited(named, officer, client_for):
    client = client_for(officer)
    url = f"/api/complaints/complaints/{named.pk}/reporter"
    assert client.post(url, json.dumps({"reason": ""}), content_type="application/json").status_code == 422
    with pytest.raises(ValidationFailed):
        services.reporter_reveal(complaint=named, reason="  ", actor=officer)
    full = client.post(url, json.dumps({"reason": "核实举报人身份"}), content_type="application/json").json()
    assert full["name"] == "欧阳明月" and full["phone"] == "13812341234" and not full["masked"]
    assert AuditLog.objects.for_object(named).filter(note__contains="核实举报人身份", actor=officer).count() == 1


@pytest.mark.django_db
def test_an_export_of_the_demo_city_holds_no_full_mobile_number(client_for, make_user):
    ctx = core_demo.DemoContext(seed=20261123, today=dt.date(2026, 11, 20))
    core_demo.load(ctx)
    demo.load(ctx)
    named = Complaint.objects.exclude(reporter_phone="")
    assert named.count() > 1000 and all(MOBILE.fullmatch(c.reporter_phone) for c in named[:50])
    officer = make_user("officer", Jurisdiction.objects.get(parent__isnull=True), username="demo_officer_export")
    resp = client_for(officer).get(reverse("complaints:complaint_list"), {"export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(resp.content)).worksheets[0].iter_rows(values_only=True))
    assert len(rows) - 1 == Complaint.objects.count()
    cells = [str(v) for row in rows for v in row if v is not None]
    assert not [v for v in cells if MOBILE.search(v)]
    assert sum("****" in v for v in cells) == named.count()
