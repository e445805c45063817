"""Regression tests for defects found by walking through the pages as a user."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ecogov.supervision import services
from ecogov.supervision.models import DrawnObject
from ecogov.supervision.selectors import inspection_attachments
from ecogov.testing import factories

from .helpers import objs

SEED = hashlib.sha256(b"qa").digest()


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_coverage_headers_are_translated(tree, leader, client_for):
    # "{% trans 'Planned ratio %' %}" looked up "Planned ratio %%" and fell back to English.
    html = client_for(leader).get(reverse("supervision:coverage")).content.decode()
    assert "计划比例" in html and "实际比例" in html
    assert "Planned ratio" not in html and "Achieved" not in html


def test_refused_form_shows_chinese_message_without_field_name(tree, leader, client_for):
    c = client_for(leader)
    form = {"jurisdiction": tree["city"].pk, "year": "2026", "quarter": "1", "level": "city"}
    c.post(reverse("supervision:plan_create"), form)
    again = c.post(reverse("supervision:plan_create"), form, follow=True)
    text = _messages(again)
    assert "计划 369900-2026Q1 已存在" in text and "code:" not in text
    unknown = c.post(reverse("supervision:offsite_list"), {"uscc": "91369900XXXXXXXXXX", "date": "2026-05-06"},
                     follow=True)  # was a bare 404 page
    assert unknown.status_code == 200 and "不存在或无权访问" in _messages(unknown)
    target = objs(tree["street_a"], {"C": 1})[0]
    bad_date = c.post(reverse("supervision:offsite_list"), {"uscc": target.uscc, "date": "2026-13-45"}, follow=True)
    text = _messages(bad_date)
    assert "输入有误" in text and "isoformat" not in text and "month" not in text, text


def test_commitments_are_public_from_approval_but_not_the_list_or_seed(tree, leader, officers):
    objs(tree["street_a"], {"A": 4, "B": 4})
    plan = services.plan_create(jurisdiction=tree["city"], year=2026, quarter=2, actor=leader)
    plan = services.plan_approve(plan=plan, actor=leader, seed=SEED)
    anon = Client()
    listing = anon.get(reverse("portal:supervision_public:plan_list")).content.decode()
    assert plan.snapshot_sha256 in listing and plan.seed_sha256 in listing
    plan = services.plan_draw(plan=plan, actor=leader)
    page = anon.get(reverse("portal:supervision_public:plan_results", args=[plan.code]))
    html = page.content.decode()
    assert page.status_code == 200 and plan.seed_sha256 in html and plan.snapshot_sha256 in html
    assert SEED.hex() not in html
    for row in DrawnObject.objects.filter(plan=plan).select_related("supervised_object"):
        assert row.supervised_object.uscc not in html and row.supervised_object.name not in html
    assert anon.get(reverse("portal:supervision_public:plan_snapshot", args=[plan.code])).status_code == 404
    assert anon.get(reverse("portal:supervision_public:plan_results", args=[plan.code]) + "?export=xlsx") \
        .status_code == 200  # an empty sheet, no names


def test_draft_plan_stays_private(tree, leader):
    objs(tree["street_a"], {"A": 2})
    plan = services.plan_create(jurisdiction=tree["city"], year=2026, quarter=3, actor=leader)
    assert Client().get(reverse("portal:supervision_public:plan_results", args=[plan.code])).status_code == 404


def test_attachment_download_is_scoped(tree, officers, admin_user, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    target = objs(tree["street_a"], {"A": 1})[0]
    photo = SimpleUploadedFile("现场照片.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64, content_type="image/png")
    insp = services.inspection_record(supervised_object=target, date=dt.date(2026, 5, 6), officers=officers[:2],
                                      result="no_problem", attachments=[photo], actor=admin_user)
    page = client_for(admin_user).get(reverse("supervision:inspection_detail", args=[insp.pk])).content.decode()
    att = inspection_attachments(insp).get()
    url = reverse("supervision:inspection_attachment", args=[insp.pk, att.pk])
    assert url in page
    resp = client_for(admin_user).get(url)
    assert resp.status_code == 200 and b"".join(resp.streaming_content).startswith(b"\x89PNG")
    other = factories.user("district", tree["district_b"], username="district_b")
    assert client_for(other).get(url).status_code == 404


def test_record_link_only_for_users_who_may_inspect(tree, leader, officers, client_for, district_a_user):
    # district staff saw "录入检查" links, filled the form, then got "无权执行此操作"
    objs(tree["street_a"], {"A": 2})
    plan = services.plan_create(jurisdiction=tree["district_a"], year=2026, quarter=1, level="county", actor=leader)
    plan = services.plan_draw(plan=services.plan_approve(plan=plan, actor=leader, seed=SEED), actor=leader)
    url = reverse("supervision:plan_detail", args=[plan.pk])
    assert reverse("supervision:inspection_new") + "?drawn=" in client_for(officers[0]).get(url).content.decode()
    assert reverse("supervision:inspection_new") + "?drawn=" not in client_for(district_a_user).get(url).content.decode()
