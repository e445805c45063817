"""The staff create/edit pages: plan versions with their documents, one-enterprise-one-policy plans
with per-pollutant targets and follow-ups, ozone-season lists with sources, check rounds and checks;
refusals in Chinese and English next to the field, every write audited, district isolation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ecogov.core.audit import history
from ecogov.emergency.models import (
    EmergencyPlan,
    OzoneCheck,
    OzoneEntry,
    OzoneList,
    PlanVersion,
    ReductionPlan,
    ReductionTarget,
)

from .helpers import enterprise

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _events(obj) -> list[str]:
    """The audit events of ``obj``, oldest first."""
    return [h.event for h in reversed(list(history(obj)))]


def test_a_plan_is_created_and_a_new_version_uploaded_with_its_document(tree, officer, client_for):
    client = client_for(officer)
    assert client.get("/emergency/plans/new/").status_code == 200
    resp = client.post("/emergency/plans/new/", {"title": "突发环境事件应急预案", "kind": "plan",
                                                 "jurisdiction": tree["city"].pk})
    plan = EmergencyPlan.objects.get()
    assert resp.status_code == 302 and resp["Location"] == f"/emergency/plans/{plan.pk}/"
    url = f"/emergency/plans/{plan.pk}/versions/new/"
    assert client.get(url).status_code == 200
    not_pdf = client.post(url, {"version": "1.0", "issued": "2025-03-01",
                                "document": SimpleUploadedFile("plan.pdf", b"just text, named .pdf")})
    assert not_pdf.status_code == 200 and "“plan.pdf”不是 PDF/DOCX 文件" in not_pdf.content.decode()
    future = client_for(officer, HTTP_ACCEPT_LANGUAGE="en").post(url, {"version": "1.0", "issued": "2099-01-01"})
    assert "The issue date cannot be in the future" in future.content.decode()
    assert not PlanVersion.objects.exists()
    done = client.post(url, {"version": "1.0", "issued": "2025-03-01", "summary": "首次发布",
                             "document": SimpleUploadedFile("plan.pdf", PDF)})
    assert done.status_code == 302
    version = PlanVersion.objects.get()
    assert version.document.read() == PDF and version.created_by == officer
    plan.refresh_from_db()
    # review 3 x 365 days after 1 Mar 2025: 1 Mar 2027 is day 730, and 365 more reach 29 Feb 2028
    assert (plan.current_version, plan.review_due) == ("1.0", dt.date(2028, 2, 29))
    twice = client.post(url, {"version": "1.0", "issued": "2025-04-01"})
    assert "版本 1.0 已存在" in twice.content.decode()
    page = client.get(f"/emergency/plans/{plan.pk}/").content.decode()
    assert "首次发布" in page and version.document.url in page
    assert _events(version) == ["create"] and "update" in _events(plan)
    edit = f"/emergency/plans/{plan.pk}/edit/"
    assert "突发环境事件应急预案" in client.get(edit).content.decode()  # the form starts from the plan
    blank = client_for(officer, HTTP_ACCEPT_LANGUAGE="en").post(edit, {"title": " ", "kind": "plan",
                                                                      "jurisdiction": tree["city"].pk})
    assert blank.status_code == 200 and "This field is required" in blank.content.decode()
    client.post(edit, {"title": "示范市突发环境事件应急预案", "kind": "plan", "jurisdiction": tree["city"].pk})
    plan.refresh_from_db()
    assert plan.title == "示范市突发环境事件应急预案" and plan.current_version == "1.0"
    assert history(plan)[0].changes["title"] == ["突发环境事件应急预案", "示范市突发环境事件应急预案"]


def test_plan_pages_stay_in_the_district(tree, officer, district_a_user, client_for):
    client = client_for(district_a_user)
    refused = client.post("/emergency/plans/new/", {"title": "乙区预案", "kind": "plan",
                                                    "jurisdiction": tree["district_b"].pk})
    assert refused.status_code == 200 and not EmergencyPlan.objects.exists()  # district B is not a choice
    client_for(officer).post("/emergency/plans/new/", {"title": "乙区预案", "kind": "plan",
                                                       "jurisdiction": tree["district_b"].pk})
    plan = EmergencyPlan.objects.get()
    assert client.get(f"/emergency/plans/{plan.pk}/").status_code == 404
    assert client.get(f"/emergency/plans/{plan.pk}/versions/new/").status_code == 404
    assert client.post(f"/emergency/plans/{plan.pk}/edit/", {"title": "x", "kind": "plan",
                                                              "jurisdiction": tree["district_a"].pk}).status_code == 404


def test_a_reduction_plan_is_created_edited_and_followed_up(tree, district_a_user, client_for):
    ent = enterprise(tree["grid_a"], name="甲区钢铁")
    client = client_for(district_a_user)
    form = {"supervised_object": ent.pk, "year": 2025, "measures": "重污染天气期间停用烧结机",
            "b_pm": "12.5", "t_pm": "30", "b_nox": "40"}
    half = client.post("/emergency/reduction-plans/new/", form)
    assert "基准排放量和减排目标须同时填写" in half.content.decode()
    too_much = client_for(district_a_user, HTTP_ACCEPT_LANGUAGE="en").post(
        "/emergency/reduction-plans/new/", {**form, "t_nox": "120"})
    assert "the reduction in (0, 100] %" in too_much.content.decode()
    assert not ReductionPlan.objects.exists()
    done = client.post("/emergency/reduction-plans/new/", {**form, "t_nox": "20"})
    plan = ReductionPlan.objects.get()
    assert done.status_code == 302 and done["Location"] == f"/emergency/reduction-plans/{plan.pk}/"
    assert sorted(plan.targets.values_list("pollutant", "baseline_t", "target_pct")) == [
        ("nox", 40.0, 20.0), ("pm", 12.5, 30.0)]
    again = client.post("/emergency/reduction-plans/new/", {**form, "t_nox": "20"})
    assert "该企业本年度已有一企一策方案" in again.content.decode()
    nox = plan.targets.get(pollutant="nox")
    edit = client.post(f"/emergency/reduction-plans/{plan.pk}/edit/", {
        "measures": "停用烧结机，物料错峰运输", "b_pm": "12.5", "t_pm": "35", "b_vocs": "8", "t_vocs": "25"})
    assert edit.status_code == 302
    plan.refresh_from_db()
    assert plan.measures == "停用烧结机，物料错峰运输"
    assert sorted(plan.targets.values_list("pollutant", "target_pct")) == [("pm", 35.0), ("vocs", 25.0)]
    assert _events(nox) == ["create", "delete"] and "update" in _events(plan)
    follow = client.post(f"/emergency/reduction-plans/{plan.pk}/follow-up/", {
        "date": "2025-06-30", "note": "烧结机已停用", "a_pm": "36", "a_vocs": "20"})
    assert follow.status_code == 302
    met = {t.pollutant: t.met for t in ReductionTarget.objects.filter(plan=plan)}
    assert met == {"pm": True, "vocs": False}  # 36 >= 35; 20 < 25
    page = client.get(f"/emergency/reduction-plans/{plan.pk}/").content.decode()
    assert "烧结机已停用" in page and "甲区钢铁" in page


def test_reduction_plans_of_another_district_are_out_of_reach(tree, officer, district_a_user, client_for):
    ent_b = enterprise(tree["grid_b"])
    form = {"supervised_object": ent_b.pk, "year": 2025, "measures": "停产", "b_pm": "1", "t_pm": "50"}
    refused = client_for(district_a_user).post("/emergency/reduction-plans/new/", form)
    assert refused.status_code == 200 and not ReductionPlan.objects.exists()
    client_for(officer).post("/emergency/reduction-plans/new/", form)
    plan = ReductionPlan.objects.get()
    for url in ("", "edit/", "follow-up/"):
        assert client_for(district_a_user).get(f"/emergency/reduction-plans/{plan.pk}/{url}").status_code == 404


def test_an_ozone_list_gets_sources_rounds_and_checks(tree, officer, district_a_user, client_for):
    station = enterprise(tree["grid_a"], name="甲区加油站")
    client = client_for(officer)
    made = client.post("/emergency/ozone/new/", {"name": "2025年臭氧管控清单", "jurisdiction": tree["city"].pk,
                                                 "start": "2025-05-01", "end": "2025-09-30"})
    ol = OzoneList.objects.get()
    assert made["Location"] == f"/emergency/ozone/{ol.pk}/"
    nameless = client.post(f"/emergency/ozone/{ol.pk}/entries/new/", {"kind": "car_repair", "requirement": "错峰喷涂"})
    assert "须填写污染源名称或选择企业" in nameless.content.decode()
    client.post(f"/emergency/ozone/{ol.pk}/entries/new/", {"kind": "filling_station", "supervised_object": station.pk,
                                                           "requirement": "油气回收正常运行"})
    client.post(f"/emergency/ozone/{ol.pk}/entries/new/", {"kind": "spray", "name": "乙区喷涂厂",
                                                           "jurisdiction": tree["grid_b"].pk, "requirement": "错峰"})
    entry = OzoneEntry.objects.get(kind="filling_station")
    assert (entry.name, entry.jurisdiction) == ("甲区加油站", tree["grid_a"])  # from the enterprise
    outside = client_for(officer, HTTP_ACCEPT_LANGUAGE="en").post(
        f"/emergency/ozone/{ol.pk}/rounds/new/", {"start": "2025-04-01", "end": "2025-05-31"})
    assert "A check round must fall inside the control period" in outside.content.decode()
    client.post(f"/emergency/ozone/{ol.pk}/rounds/new/", {"start": "2025-05-01", "end": "2025-06-30"})
    rnd = ol.rounds.get()
    assert rnd.number == 1
    late = client.post(f"/emergency/ozone/rounds/{rnd.pk}/check/", {"entry": entry.pk, "date": "2025-07-02",
                                                                    "compliant": "on"})
    assert "检查日期须在本轮期间且不晚于今天" in late.content.decode()
    done = client.post(f"/emergency/ozone/rounds/{rnd.pk}/check/", {"entry": entry.pk, "date": "2025-05-20",
                                                                    "compliant": "on"})
    assert done.status_code == 302 and OzoneCheck.objects.get().compliant
    assert _events(OzoneCheck.objects.get()) == ["create"] and _events(rnd) == ["create"]
    page = client.get(f"/emergency/ozone/{ol.pk}/").content.decode()
    assert "1 / 2" in page  # one of the list's two sources checked in round 1
    district = client_for(district_a_user)  # the city's list is not a district's to read or to add to
    assert district.get(f"/emergency/ozone/{ol.pk}/").status_code == 404
    assert district.get(f"/emergency/ozone/{ol.pk}/entries/new/").status_code == 404
    district.post("/emergency/ozone/new/", {"name": "甲区臭氧管控清单", "jurisdiction": tree["district_a"].pk,
                                            "start": "2025-05-01", "end": "2025-09-30"})
    own = OzoneList.objects.get(jurisdiction=tree["district_a"])
    refused = district.post(f"/emergency/ozone/{own.pk}/entries/new/", {
        "kind": "spray", "name": "乙区喷涂厂", "jurisdiction": tree["grid_b"].pk, "requirement": "错峰"})
    assert refused.status_code == 200 and not own.entries.exists()  # district B's grid is not a choice
