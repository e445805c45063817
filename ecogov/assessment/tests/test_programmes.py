"""Basin compensation on a hand-worked year, the exam paper's gap report, the project register's
progress against plan, totals and all-or-nothing import."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from ecogov.assessment import programmes, services_programmes
from ecogov.assessment.models import (
    CompensationAgreement,
    EcoIndicator,
    EcoIndicatorValue,
    Programme,
    Project,
)
from ecogov.core.errors import DomainError
from ecogov.core.excel import ImportFailed
from ecogov.monitoring.models import WaterSample, WaterSection


def test_settle_per_month_and_per_step_hand_worked():
    rows = [{"klass": 2, "target": 3}, {"klass": 3, "target": 3}, {"klass": 5, "target": 3}, {"klass": None, "target": 3}]
    # per month: two months met (downstream pays 2 x 100), one missed (upstream pays 80), one without data
    r = programmes.settle(rows, {"kind": "per_month", "met": 100, "missed": 80})
    assert (r["to_upstream"], r["to_downstream"], r["net_to_upstream"]) == (200, 80, 120)
    assert [x["payer"] for x in r["rows"]] == ["downstream", "downstream", "upstream", ""]
    # per class step: class V against III is two steps x 50 = 100
    r = programmes.settle(rows, {"kind": "per_step", "met": 100, "step": 50})
    assert r["rows"][2]["amount"] == Decimal(100) and r["to_downstream"] == 100


def test_demo_agreement_reproduces_the_seeds_109_million():
    from ecogov.assessment.demo_programmes import AGREEMENT_RULE

    # the default demo year to date: 3 boundary sections x 11 months, 31 section-months meet the target
    # and 2 miss it -> 31 x 340 (downstream pays) + 2 x 180 (upstream pays) = 10,540 + 360 = 10,900
    # CNY 10k, the seed's 1.09亿元 paid out
    rows = [{"klass": 2, "target": 3}] * 31 + [{"klass": 4, "target": 3}] * 2
    r = programmes.settle(rows, AGREEMENT_RULE)
    assert (r["to_upstream"], r["to_downstream"], r["paid_total"]) == (10_540, 360, 10_900)
    assert r["net_to_upstream"] == 10_180


def test_compensation_from_the_monthly_class_of_boundary_sections(tree, admin_user):
    s = WaterSection.objects.create(code="B1", name="界河断面", level="provincial", river="界河", water_body_kind="river",
                                    target_class=3, jurisdiction=tree["district_a"])
    # 2025: January NH3-N 0.4 (II, met), February two samples 1.2 and 1.6 -> mean 1.4 (IV, missed), March none
    WaterSample.objects.bulk_create([
        WaterSample(section=s, date=dt.date(2025, 1, 10), values={"nh3n": 0.4, "do": 7}),
        WaterSample(section=s, date=dt.date(2025, 2, 5), values={"nh3n": 1.2, "do": 7}),
        WaterSample(section=s, date=dt.date(2025, 2, 20), values={"nh3n": 1.6, "do": 7}),
    ])
    a = CompensationAgreement.objects.create(name="界河协议", upstream=tree["district_a"], downstream=tree["district_b"],
                                             valid_from=dt.date(2025, 1, 1), valid_to=dt.date(2025, 3, 31),
                                             sections=["B1"], rule={"kind": "per_month", "met": 100, "missed": 80})
    res = programmes.compensation(admin_user, a, 2025)
    assert [(r["month"], r["klass"], r["payer"]) for r in res["rows"]] == [
        ("2025-01", 2, "downstream"), ("2025-02", 4, "upstream"), ("2025-03", None, "")]
    assert (res["to_upstream"], res["to_downstream"], res["net_to_upstream"]) == (100, 80, 20)
    assert res["paid_total"] == 180


def test_exam_paper_met_not_met_and_no_data(admin_user):
    a = EcoIndicator.objects.create(code="F", name="森林覆盖率", category="生态空间", unit="%", target=60)
    b = EcoIndicator.objects.create(code="G", name="农村生活污水治理率", category="生态人居", unit="%", target=50)
    EcoIndicator.objects.create(code="H", name="生物多样性观测站点", category="生态空间", target=5)
    EcoIndicator.objects.create(code="P", name="PM2.5", category="质量", target=35, direction="lower", computed="pm25")
    services_programmes.eco_value_set(indicator=a, year=2025, value=67.25, evidence="公报", actor=admin_user)
    services_programmes.eco_value_set(indicator=b, year=2025, value=42, evidence="公报", actor=admin_user)
    rows = {r["code"]: r for r in programmes.exam_paper(admin_user, year=2025)}
    assert rows["F"]["status"] == "met" and rows["G"]["status"] == "not_met" and rows["H"]["status"] == "no_data"
    assert rows["P"]["status"] == "no_data"  # computed from air data, of which there is none
    assert programmes.status_of(30, 35, "lower") == "met" and programmes.status_of(36, 35, "lower") == "not_met"
    assert EcoIndicatorValue.objects.get(indicator=a).evidence == "公报"
    with pytest.raises(DomainError):
        services_programmes.eco_value_set(indicator=EcoIndicator.objects.get(code="P"), year=2025, value=1,
                                          evidence="", actor=admin_user)


def _project(programme, tree, code, progress, planned, actual, milestones=()):
    return Project.objects.create(programme=programme, code=code, name=code, category="水", jurisdiction=tree["district_a"],
                                  year=2025, planned_investment=planned, actual_investment=actual,
                                  start=dt.date(2025, 1, 1), deadline=dt.date(2025, 12, 31), progress=progress,
                                  milestones=list(milestones))


def test_progress_against_plan_and_totals(tree, admin_user):
    p = Programme.objects.create(name="重点项目", year_start=2025, year_end=2025)
    ms = [{"name": "开工", "due": "2025-03-31", "share": 30}, {"name": "主体", "due": "2025-08-31", "share": 40},
          {"name": "验收", "due": "2025-12-31", "share": 30}]
    _project(p, tree, "P1", 20, 1000, 250, ms)  # on 2025-06-30 30 % expected: behind
    _project(p, tree, "P2", 80, 500, 400, ms)  # >= next target 70 %: ahead
    _project(p, tree, "P3", 100, 300, 300)
    rows = {r["code"]: r for r in programmes.project_rows(admin_user, today=dt.date(2025, 6, 30))}
    assert rows["P1"]["expected"] == 30 and rows["P1"]["state"] == "behind"
    assert rows["P2"]["state"] == "ahead" and rows["P3"]["state"] == "done"
    assert rows["P1"]["investment_rate"] == 25.0
    total = programmes.totals(list(rows.values()), "programme")[0]
    assert (total["projects"], total["planned"], total["actual"], total["done"], total["behind"]) == (
        3, Decimal(1800), Decimal(950), 1, 1)


def _xlsx(rows) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append([c.header_zh for c in services_programmes.IMPORT_COLUMNS])
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("p.xlsx", buf.getvalue())


def test_project_import_is_all_or_nothing(tree, admin_user):
    Programme.objects.create(name="雨污分流改造", year_start=2025, year_end=2027)
    good = ["YW-1", "老城片区第1期", "雨污分流改造", "水", "369902", 2025, 1200, 300, "2025-03-01", "2025-12-31", 25]
    bad = ["YW-2", "河东片区第1期", "不存在的计划", "水", "369902", 2025, -5, 0, "2025-03-01", "2025-01-01", 120]
    with pytest.raises(ImportFailed) as exc:
        services_programmes.projects_import(file=_xlsx([good, bad]), actor=admin_user)
    assert Project.objects.count() == 0
    assert {e.row for e in exc.value.errors} == {3}
    result = services_programmes.projects_import(file=_xlsx([good]), actor=admin_user)
    assert result.created == 1 and Project.objects.get(code="YW-1").planned_investment == 1200
    again = services_programmes.projects_import(file=_xlsx([good]), actor=admin_user)
    assert again.updated == 1 and Project.objects.count() == 1


def test_pages(tree, admin_user, client_for):
    client = client_for(admin_user)
    for url in ("/assessment/eco-indicators/?year=2025", "/assessment/projects/", "/assessment/compensation/",
                "/assessment/projects/import/", "/api/assessment/projects", "/api/assessment/compensation",
                "/api/assessment/eco-indicators?year=2025"):
        assert client.get(url).status_code == 200, url
    assert client.get("/assessment/projects/?export=xlsx")["Content-Type"].startswith("application/vnd")


def test_forms_enter_a_value_and_record_a_veto_event(tree, admin_user, client_for):
    from ecogov.assessment.models import Unit, VetoEvent

    client = client_for(admin_user)
    ind = EcoIndicator.objects.create(code="F", name="森林覆盖率", category="生态空间", unit="%", target=60)
    r = client.post(f"/assessment/eco-indicators/{ind.pk}/value/", {"year": 2025, "value": 67.25, "evidence": "公报"})
    assert r.status_code == 302 and EcoIndicatorValue.objects.get(indicator=ind, year=2025).value == 67.25
    unit = Unit.objects.create(name="甲区", kind="district", peer_group="urban", jurisdiction=tree["district_a"])
    data = {"unit": unit.pk, "year": 2025, "condition": "major_accident", "date": "2025-07-01",
            "description": "较大突发环境事件", "evidence": ""}
    r = client.post("/assessment/scorecards/vetoes/new/", data)
    assert r.status_code == 200 and VetoEvent.objects.count() == 0  # evidence is required
    r = client.post("/assessment/scorecards/vetoes/new/", {**data, "evidence": "调查报告"})
    assert r.status_code == 302 and VetoEvent.objects.get().evidence == "调查报告"
    assert client.get("/assessment/scorecards/vetoes/").status_code == 200


def test_exam_values_import_all_or_nothing(admin_user):
    EcoIndicator.objects.create(code="EC06", name="森林覆盖率", category="生态空间", unit="%", target=60)
    EcoIndicator.objects.create(code="EC01", name="优良天数比例", category="质量", target=90, computed="air_good_ratio")

    def book(rows):
        wb = Workbook()
        ws = wb.active
        ws.append([c.header_zh for c in services_programmes.ECO_IMPORT_COLUMNS])
        for r in rows:
            ws.append(r)
        buf = io.BytesIO()
        wb.save(buf)
        return SimpleUploadedFile("e.xlsx", buf.getvalue())

    with pytest.raises(ImportFailed) as exc:  # row 3: a computed indicator; row 4: unknown code
        services_programmes.eco_values_import(file=book([["EC06", 2025, 67.25, "公报"], ["EC01", 2025, 95, ""],
                                                          ["EC99", 2025, 1, ""]]), actor=admin_user)
    assert {e.row for e in exc.value.errors} == {3, 4} and EcoIndicatorValue.objects.count() == 0
    res = services_programmes.eco_values_import(file=book([["EC06", 2025, 67.25, "公报"]]), actor=admin_user)
    assert res.created == 1 and EcoIndicatorValue.objects.get().value == 67.25


def test_pollution_control_programme_7117_projects_by_the_seeds_categories(tree, admin_user, client_for):
    from openpyxl import load_workbook

    from ecogov.assessment import demo_pollution

    programme = Programme.objects.create(name="7117项污染防治工程", year_start=2025, year_end=2025)
    Project.objects.bulk_create(demo_pollution.projects(programme, [tree["district_a"], tree["district_b"]], 2025),
                                batch_size=1000)
    rows = programmes.project_rows(admin_user, year=2025, today=dt.date(2025, 11, 20))
    by_category = {t["key"]: t["projects"] for t in programmes.totals(rows, "category")}
    # the seed: 539 foundries + 137 car-repair shops + 306 VOCs = 982 (air); 4,423 phosphorus enterprises
    # + 186 villages = 4,609 (water); 75 + 58 + 92 = 225 (soil); 982 + 4,609 + 225 = 5,816 named,
    # 7,117 - 5,816 = 1,301 other
    assert by_category == {"铸造企业整治": 539, "汽修企业整治": 137, "重点企业VOCs治理": 306, "涉磷企业规范化整治": 4423,
                           "行政村生活污水治理": 186, "土壤重点监管单位隐患排查回头看": 75, "土壤与地下水周边监测": 58,
                           "土壤污染状况调查报告评审": 92, "其他污染防治工程": 1301}
    assert programmes.totals(rows, "programme")[0]["projects"] == 7117
    client = client_for(admin_user)
    # 50 per page: 7,117 / 50 -> 143 pages, the last with 17 rows
    last = client.get("/assessment/projects/?year=2025&page=143").content.decode()
    assert last.count("PC-0") == 17
    assert client.get("/assessment/projects/?year=2025").content.decode().count("PC-0") == 50
    api = client.get("/api/assessment/projects?year=2025&page_size=100").json()
    assert api["count"] == 7117 and len(api["items"]) == 100
    assert client.get("/api/assessment/projects?page_size=501").status_code == 422
    export = load_workbook(io.BytesIO(client.get("/assessment/projects/?year=2025&export=xlsx").content), read_only=True)
    codes = [r[0] for r in export.active.iter_rows(values_only=True) if str(r[0]).startswith("PC-")]
    assert len(codes) == len(set(codes)) == 7117  # the export writes every row (streamed, same columns)
