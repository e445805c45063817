"""Public form, tracking page, rate limits, staff intake, list, export and the complaint page."""

import io

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from openpyxl import load_workbook

from ecogov.complaints import services
from ecogov.complaints.choices import ComplaintStatus as S
from ecogov.complaints.models import Complaint
from ecogov.core.models import Attachment

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def form(cats, **kw):
    data = {"category": cats["air-dust"].pk, "description": "夜间工地扬尘", "lon": "115.2", "lat": "28.5",
            "datum": "wgs84", "reporter_name": "李四", "reporter_phone": "13900001111"}
    data.update(kw)
    return data


def test_public_submit_and_track_without_personal_data(cats, db):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = Client()
    resp = client.post(reverse("portal:complaints_public:submit"),
                       {**form(cats), "photos": [SimpleUploadedFile("a.png", PNG, "image/png")]})
    assert resp.status_code == 302
    c = Complaint.objects.get()
    assert resp["Location"] == reverse("portal:complaints_public:done", args=[c.tracking_code])
    assert c.channel == "web" and c.reporter_name == "李四"
    assert Attachment.objects.filter(object_id=str(c.pk), mime_type="image/png").count() == 1
    page = client.get(resp["Location"])
    assert c.tracking_code in page.content.decode()
    track = Client().get(reverse("portal:complaints_public:track"), {"code": c.tracking_code.lower()})
    html = track.content.decode()
    assert track.status_code == 200 and "已登记" in html
    assert "李四" not in html and "13900001111" not in html


def test_public_submit_refuses_fake_photo_and_missing_contact(cats, db):
    from django.core.files.uploadedfile import SimpleUploadedFile

    resp = Client().post(reverse("portal:complaints_public:submit"),
                         {**form(cats), "photos": [SimpleUploadedFile("a.jpg", b"MZ not an image", "image/jpeg")]})
    assert resp.status_code == 422 and "不是 JPEG/PNG/WebP 文件" in resp.content.decode()
    resp = Client().post(reverse("portal:complaints_public:submit"), form(cats, reporter_phone="", reporter_name=""))
    assert resp.status_code == 422 and not Complaint.objects.exists()
    resp = Client().post(reverse("portal:complaints_public:submit"), form(cats, reporter_phone="", anonymous="on",
                                                                  reporter_name=""))
    assert resp.status_code == 302


@override_settings(COMPLAINTS_RATE_LIMITS={"submit": (2, 3600)})
def test_public_submit_rate_limited_per_ip(cats, db):
    client = Client(REMOTE_ADDR="10.1.1.1")
    url = reverse("portal:complaints_public:submit")
    assert client.post(url, form(cats)).status_code == 302
    assert client.post(url, form(cats)).status_code == 302
    resp = client.post(url, form(cats))
    assert resp.status_code == 429 and "提交过于频繁" in resp.content.decode()
    assert Client(REMOTE_ADDR="10.1.1.2").post(url, form(cats)).status_code == 302
    assert Complaint.objects.count() == 3


def test_staff_intake_hotline_and_transfer(cats, officer, client_for, tree):
    client = client_for(officer)
    data = {**form(cats), "channel": "transfer", "lon": "", "lat": "", "jurisdiction": tree["district_b"].pk}
    resp = client.post(reverse("complaints:complaint_create"), data)
    assert resp.status_code == 200 and not Complaint.objects.exists()
    assert "请填写转办机关" in resp.content.decode()  # the Chinese message (default language)
    data["transferred_from"] = "省生态环境厅"
    resp = client.post(reverse("complaints:complaint_create"), data)
    c = Complaint.objects.get()
    assert resp.status_code == 302 and c.channel == "transfer" and c.jurisdiction == tree["district_b"]
    assert c.status == S.RECEIVED
    resp = client.post(reverse("complaints:complaint_create"), {**data, "channel": "hotline", "accept_now": "on"})
    hotline = Complaint.objects.get(channel="hotline")
    assert hotline.status == S.ACCEPTED and hotline.finish_due is not None
    html = client.get(resp["Location"]).content.decode()
    assert 'id="acceptance-clock">按期完成' in html and 'id="finish-clock">计时中' in html


def test_list_filters_export_masks_reporter(cats, district_a_user, officer, client_for):
    services.complaint_submit(category=cats["air-dust"], description="甲区扬尘", lon=115.2, lat=28.5,
                              reporter_name="王五", reporter_phone="13700002222")
    services.complaint_submit(category=cats["noise-construction"], description="乙区噪声", lon=115.7, lat=28.5,
                              reporter_name="赵六", reporter_phone="13600003333")
    client = client_for(district_a_user)
    html = client.get(reverse("complaints:complaint_list")).content.decode()
    assert "甲区一街道第1网格" in html and "乙区一街道第1网格" not in html
    assert "王* 137****2222" in html and "王五" not in html
    resp = client.get(reverse("complaints:complaint_list"), {"export": "xlsx"})
    ws = load_workbook(io.BytesIO(resp.content)).active
    rows = list(ws.values)
    assert rows[0] == ("查询码", "登记时间", "渠道", "类别", "属地", "承办部门", "状态", "办结期限", "投诉人")
    assert len(rows) == 2 and rows[1][8] == "王* 137****2222"
    officer_rows = list(load_workbook(io.BytesIO(client_for(officer).get(
        reverse("complaints:complaint_list"), {"export": "xlsx", "category": cats["noise"].pk}).content)).active.values)
    # masked in every export, whatever the role (issue 16); an officer reveals one record on its page
    assert len(officer_rows) == 2 and officer_rows[1][8] == "赵* 136****3333"


def test_detail_page_buttons_and_transition(cats, officer, client_for):
    c = services.complaint_submit(category=cats["air-dust"], description="扬尘", lon=115.2, lat=28.5, anonymous=True)
    client = client_for(officer)
    html = client.get(reverse("complaints:complaint_detail", args=[c.pk])).content.decode()
    assert 'data-action="received-accepted"' in html and 'data-action="received-not_accepted"' in html
    resp = client.post(reverse("complaints:complaint_transition", args=[c.pk, "accepted"]), {"note": "受理"})
    assert resp.status_code == 302
    c.refresh_from_db()
    assert c.status == S.ACCEPTED
    client.post(reverse("complaints:complaint_transition", args=[c.pk, "closed"]), {"reply": "x"})
    c.refresh_from_db()
    assert c.status == S.ACCEPTED  # illegal move refused with a message, nothing changed


def test_category_tree_editable_by_admin_only(cats, admin_user, officer, client_for):
    url = reverse("complaints:category_list")
    html = client_for(officer).get(url).content.decode()
    assert "扬尘" in html and "<form" not in html.split('id="category-tree"')[1]
    resp = client_for(officer).post(url, {"code": "air-burning", "name": "露天焚烧", "order": 6,
                                          "parent": cats["air"].pk, "active": "on"})
    assert resp.status_code == 403 and not cats["air"].children.filter(code="air-burning").exists()
    resp = client_for(admin_user).post(url, {"code": "air-burning", "name": "露天焚烧", "order": 6,
                                             "parent": cats["air"].pk, "active": "on"})
    assert resp.status_code == 302 and cats["air"].children.filter(code="air-burning").exists()
    edit = reverse("complaints:category_edit", args=[cats["air"].pk])
    resp = client_for(admin_user).post(edit, {"code": "air", "name": "大气污染", "order": 1,
                                              "parent": cats["air-dust"].pk, "active": "on"})
    assert resp.status_code == 200 and "上级类别不能是自身或其下级" in resp.content.decode()
