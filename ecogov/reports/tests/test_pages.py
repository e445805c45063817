"""Pages, API, portal, command line and the scheduled drafts, on the hand-made registry data."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from docx import Document

from ecogov.reports import services
from ecogov.reports.document import docx_text
from ecogov.reports.models import Briefing, BriefingType
from ecogov.reports.template_docx import default_template

pytestmark = pytest.mark.django_db
Q = {"kind": "monthly", "period": "2021-08", "jurisdiction": "369902"}


def test_preview_links_every_figure_to_its_page(registry_data, admin_user, client_for):
    c = client_for(admin_user)
    assert c.get("/reports/").status_code == 200
    page = c.get("/reports/preview/", Q).content.decode()
    # district A: 2 permits, linked to the permit list with the rule as the tooltip
    assert 'href="/registry/permits/"' in page
    assert ">2</a>家企业完成排污许可证申领" in page
    assert "本期暂无数据" in page  # the apps without data say so
    assert c.get("/reports/preview/", {**Q, "period": "2021"}).status_code == 422
    content = c.get("/api/reports/preview", Q).json()
    figures = [f for s in content["sections"] for f in s["figures"].values()]
    assert figures and all(f["url"] and f["period"] == "2021-08" for f in figures)


def test_generate_download_issue_and_archive(registry_data, admin_user, client_for,
                                             django_capture_on_commit_callbacks):
    c = client_for(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        resp = c.post("/reports/generate/", Q)
    b = Briefing.objects.get()
    assert resp.status_code == 302 and resp["Location"] == f"/reports/briefings/{b.pk}/"
    assert c.get(resp["Location"]).status_code == 200
    docx = b"".join(c.get(f"/reports/briefings/{b.pk}/file.docx").streaming_content)
    assert "与2家企业签订了生态环境保护承诺书" in docx_text(docx)
    assert c.get(f"/reports/briefings/{b.pk}/file.pdf").status_code == 200
    assert c.get(f"/reports/briefings/{b.pk}/charts/registry/0.png").status_code == 404  # registry draws none
    png = c.get(f"/reports/briefings/{b.pk}/charts/supervision/0.png")  # the A/B/C chart of district A's objects
    assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    with django_capture_on_commit_callbacks(execute=True):
        c.post(f"/reports/briefings/{b.pk}/issue/", {"issuing_office": "甲区生态环境分局"})
    b.refresh_from_db()
    assert (b.status, b.number, b.issuing_office) == ("issued", 1, "甲区生态环境分局")
    archive = c.get("/reports/archive/", {"status": "issued"}).content.decode()
    assert b.title in archive and b.docx_sha256 in archive
    xlsx = c.get("/reports/archive/", {"export": "xlsx"})
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert c.post(f"/reports/briefings/{b.pk}/delete/").status_code == 302
    assert Briefing.objects.filter(pk=b.pk).exists()  # an issued briefing is never deleted


def test_api_generate_issue_list_and_file(registry_data, admin_user, client_for,
                                          django_capture_on_commit_callbacks):
    c = client_for(admin_user)
    preview = c.get("/api/reports/preview", Q).json()
    reg = next(s for s in preview["sections"] if s["key"] == "registry")
    assert reg["figures"]["registrations"]["value"] == 3 and reg["figures"]["registrations"]["period"] == "2021-08"
    with django_capture_on_commit_callbacks(execute=True):
        made = c.post("/api/reports/briefings", Q, content_type="application/json")
    assert made.status_code == 201
    pk = made.json()["id"]
    with django_capture_on_commit_callbacks(execute=True):
        issued = c.post(f"/api/reports/briefings/{pk}/issue", {"issued_date": "2021-09-03"},
                        content_type="application/json").json()
    assert (issued["number"], issued["year"], len(issued["docx_sha256"])) == (1, 2021, 64)
    listed = c.get("/api/reports/briefings", {"status": "issued"}).json()
    assert [r["id"] for r in listed["items"]] == [pk]
    assert c.get(f"/api/reports/briefings/{pk}/pdf").status_code == 200
    assert c.post("/api/reports/briefings", {**Q, "period": "2021-13"},
                  content_type="application/json").status_code == 422


def test_portal_shows_only_issued_public_bulletins(registry_data, admin_user, client, tree,
                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        monthly = services.briefing_generate(user=admin_user, kind="monthly", period="2021-08",
                                             jurisdiction=tree["city"])
        services.briefing_issue(user=admin_user, briefing=monthly)
        draft = services.briefing_generate(user=admin_user, kind="public", period="2020", jurisdiction=tree["city"])
    assert draft.title not in client.get("/public/bulletins/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.briefing_issue(user=admin_user, briefing=draft)
    page = client.get("/public/bulletins/").content.decode()
    assert draft.title in page and monthly.title not in page
    assert client.get(f"/public/bulletins/{draft.pk}/file.pdf").status_code == 200
    assert client.get(f"/public/bulletins/{monthly.pk}/").status_code == 404


def test_staff_choose_and_order_sections_and_upload_a_template(admin_user, client_for, tree):
    c = client_for(admin_user)
    assert c.get("/reports/types/").status_code == 200
    data = {"name": "工作简报", "issuing_office": "局办公室", "foreword": "", "copy_to": "",
            "use_complaints": "1", "order_complaints": "1", "use_registry": "1", "order_registry": "2"}
    assert c.post("/reports/types/monthly/", data).status_code == 302
    assert BriefingType.objects.get(kind="monthly").sections == ["complaints", "registry"]
    upload = io.BytesIO(default_template())
    upload.name = "mine.docx"
    assert c.post("/reports/types/monthly/", {**data, "template": upload}).status_code == 302
    assert BriefingType.objects.get(kind="monthly").template
    bad = io.BytesIO(b"not a docx")
    bad.name = "bad.docx"
    resp = c.post("/reports/types/monthly/", {**data, "template": bad})
    assert resp.status_code == 200 and "不是可用的 .docx 模板" in resp.content.decode()
    b = services.briefing_generate(user=admin_user, kind="monthly", period="2021-08", jurisdiction=tree["city"])
    assert [s["key"] for s in b.content["sections"]] == ["complaints", "registry"]


def test_the_template_is_laid_out_after_gb_t_9704():
    doc = Document(io.BytesIO(default_template()))
    s = doc.sections[0]
    mm = 36000
    assert (round(s.page_width / mm), round(s.page_height / mm)) == (210, 297)  # A4
    assert [round(x / mm) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == [37, 35, 28, 26]
    assert doc.styles["Normal"].font.size.pt == 16  # 3号
    assert doc.styles["Title"].font.size.pt == 22  # 2号


def test_command_line_writes_the_files_and_prints_their_paths(registry_data, admin_user, tmp_path, capsys):
    call_command("reports", "briefing", "--type", "monthly", "--period", "2021-08", "--jurisdiction", "369902",
                 "--format", "docx", "--out", str(tmp_path))
    path = tmp_path / "monthly-2021-08-369902.docx"
    assert capsys.readouterr().out.strip() == str(path)
    assert "与2家企业签订了生态环境保护承诺书" in docx_text(path.read_bytes())
    assert not Briefing.objects.exists()  # nothing stored


def test_scheduled_drafts_on_the_first_working_day_only_once(registry_data, admin_user,
                                                            django_capture_on_commit_callbacks):
    # State Council notice for 2025: 1-8 October off, so October's first working day is Thursday 9 October
    assert services.scheduled_drafts(today=dt.date(2025, 10, 1)) == []
    assert services.scheduled_drafts(today=dt.date(2025, 10, 8)) == []
    with django_capture_on_commit_callbacks(execute=True):
        made = services.scheduled_drafts(today=dt.date(2025, 10, 9))
    assert sorted(b.kind for b in made) == ["leader", "monthly", "rectification"]
    assert {b.period_code for b in made} == {"2025-09"} and all(b.scheduled for b in made)
    assert services.scheduled_drafts(today=dt.date(2025, 10, 9)) == []
    assert services.scheduled_drafts(today=dt.date(2025, 10, 10)) == []


def test_drafts_command_is_the_scheduled_job_without_a_broker(registry_data, admin_user, capsys,
                                                             django_capture_on_commit_callbacks):
    call_command("reports", "drafts", "--today", "2025-10-08")
    assert "nothing to do" in capsys.readouterr().out
    with django_capture_on_commit_callbacks(execute=True):
        call_command("reports", "drafts", "--today", "2025-10-09")
    assert len(capsys.readouterr().out.strip().splitlines()) == 3
    assert Briefing.objects.filter(scheduled=True, period_code="2025-09").count() == 3


def test_other_districts_briefings_and_enterprise_accounts_see_nothing(registry_data, tree, admin_user, make_user,
                                                                      client_for):
    b = services.briefing_generate(user=admin_user, kind="monthly", period="2021-08", jurisdiction=tree["district_a"])
    other = client_for(make_user("district", tree["district_b"], username="db2"))
    assert other.get(f"/reports/briefings/{b.pk}/").status_code == 404
    assert other.get(f"/api/reports/briefings/{b.pk}").status_code == 404
    assert other.get("/api/reports/preview", Q).status_code == 404  # district A is outside B's scope
    ent = client_for(make_user("enterprise", tree["grid_a"], username="ent",
                               enterprise_id=registry_data["a"][0].pk))
    assert ent.get("/api/reports/preview", Q).status_code == 403
    assert ent.get("/reports/").status_code == 403


def test_without_libreoffice_the_draft_is_kept_and_the_page_says_why(registry_data, admin_user, client_for,
                                                                     monkeypatch,
                                                                     django_capture_on_commit_callbacks):
    monkeypatch.setenv("PATH", "/nonexistent")  # no soffice on the PATH
    c = client_for(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        resp = c.post("/reports/generate/", Q)
    b = Briefing.objects.get()
    assert resp.status_code == 302 and b.docx and not b.pdf
    page = c.post(f"/reports/briefings/{b.pk}/pdf/", follow=True).content.decode()
    assert "LibreOffice" in page
