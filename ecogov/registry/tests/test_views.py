"""Registry pages: lists with filters and exports, the source's file page,
forms with validation, Excel import, jurisdiction isolation."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from ecogov.core.models import AuditLog
from ecogov.registry.models import ClassChange, SupervisedObject
from ecogov.registry.tables import IMPORT_COLUMNS, OBJECT_COLUMNS

from .helpers import make_permit, new_uscc, xlsx


def sheet_rows(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True))


def test_object_list_page_filters_and_search(client_for, officer, obj_a, obj_b):
    c = client_for(officer)
    page = c.get("/registry/").content.decode()
    assert obj_a.name in page and obj_b.name in page and "监管类别" in page
    assert "监管对象 2 家：A 类 1 家、B 类 1 家、C 类 0 家；正面清单 1 家" in page
    page = c.get("/registry/?supervision_class=B").content.decode()
    assert obj_b.name in page and obj_a.name not in page
    page = c.get("/registry/?q=化工").content.decode()
    assert obj_a.name in page and obj_b.name not in page


def test_export_has_exactly_the_on_screen_columns(client_for, officer, obj_a, obj_b):
    r = client_for(officer).get("/registry/?supervision_class=A&export=xlsx")
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = sheet_rows(r.content)
    assert list(rows[0]) == [col.header_zh for col in OBJECT_COLUMNS]
    assert len(rows) == 2 and rows[1][0] == obj_a.uscc and rows[1][5] == "A类"


def test_district_account_is_isolated_in_the_ui(client_for, district_a_user, obj_a, obj_b):
    c = client_for(district_a_user)
    assert c.get(f"/registry/objects/{obj_b.pk}/").status_code == 404
    assert c.get(f"/registry/objects/{obj_b.pk}/edit/").status_code == 404
    assert (
        c.post(
            f"/registry/objects/{obj_b.pk}/class/", {"new_class": "A", "effective_date": "2026-01-01"}
        ).status_code
        == 404
    )
    assert obj_b.name not in c.get("/registry/").content.decode()
    exported = sheet_rows(c.get("/registry/?export=xlsx").content)
    assert [r[0] for r in exported[1:]] == [obj_a.uscc]
    make_permit(obj_b)
    assert obj_b.uscc not in c.get("/registry/permits/").content.decode()
    assert len(sheet_rows(c.get("/registry/permits/?export=xlsx").content)) == 1


def test_file_page_tabs_and_history(client_for, officer, obj_a):
    make_permit(obj_a, permit_no="PERMIT-XYZ")
    c = client_for(officer)
    page = c.get(f"/registry/objects/{obj_a.pk}/").content.decode()
    for label in (
        "基本信息",
        "排污许可",
        "执行报告",
        "承诺书",
        "分类历史",
        "正面清单",
        "清洁生产",
        "历史记录",
    ):
        assert label in page
    assert "PERMIT-XYZ" in c.get(f"/registry/objects/{obj_a.pk}/?tab=permits").content.decode()
    c.post(
        f"/registry/objects/{obj_a.pk}/class/",
        {"new_class": "B", "effective_date": "2026-06-01", "reason": "复核"},
    )
    assert ClassChange.objects.get().new_class == "B"
    history = c.get(f"/registry/objects/{obj_a.pk}/").content.decode()
    assert 'hx-get="/history/' in history
    ct_url = history.split('hx-get="')[1].split('"')[0]
    assert "监管类别</span>: A类 → B类" in c.get(ct_url, HTTP_HX_REQUEST="true").content.decode()


def test_create_form_validates_and_saves(client_for, officer, tree):
    c = client_for(officer)
    data = {
        "uscc": "91369902MA35000012",
        "name": "表单企业",
        "jurisdiction": tree["grid_a"].pk,
        "status": "active",
        "datum": "wgs84",
    }
    page = c.post("/registry/objects/new/", data).content.decode()
    assert "校验码错误" in page and not SupervisedObject.objects.exists()
    data["uscc"] = "91369902MA35000011"
    r = c.post("/registry/objects/new/", data)
    obj = SupervisedObject.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/registry/objects/{obj.pk}/"
    r = c.post(f"/registry/objects/{obj.pk}/edit/", {**data, "name": "改名企业"})
    assert r.status_code == 302
    assert AuditLog.objects.for_object(obj).first().changes == {"name": ["表单企业", "改名企业"]}


def test_english_switch(client_for, officer, obj_a):
    page = client_for(officer, HTTP_ACCEPT_LANGUAGE="en").get("/registry/").content.decode()
    assert "Supervision class" in page or "Class" in page


def _import(c, data: bytes):
    return c.post("/registry/objects/import/", {"file": SimpleUploadedFile("o.xlsx", data)}).content.decode()


def test_import_template_downloads(client_for, officer):
    rows = sheet_rows(client_for(officer).get("/registry/objects/import/template.xlsx").content)
    assert list(rows[0]) == [col.header_zh for col in IMPORT_COLUMNS]


def test_import_good_file(client_for, officer, tree):
    header = [col.header_zh for col in IMPORT_COLUMNS]
    row = {col.key: "" for col in IMPORT_COLUMNS}
    rows = []
    for n, grid in enumerate(("369902001001", "369903001001")):
        row.update(
            uscc=new_uscc(),
            name=f"导入企业{n}",
            grid=grid,
            supervision_class="B",
            water_related="是",
            lon=115.2 + n * 0.5,
            lat=28.5,
            datum="WGS84",
        )
        rows.append([row[col.key] for col in IMPORT_COLUMNS])
    page = _import(client_for(officer), xlsx(header, rows))
    assert "已导入" in page or "Imported" in page
    objs = SupervisedObject.objects.order_by("name")
    assert [o.name for o in objs] == ["导入企业0", "导入企业1"]
    assert all(o.supervision_class == "B" and o.water_related for o in objs)
    assert ClassChange.objects.count() == 2


def test_import_with_bad_rows_writes_nothing(client_for, officer, tree):
    header = [col.header_zh for col in IMPORT_COLUMNS[:4]] + ["监管类别"]
    rows = [
        [new_uscc(), "好企业", "", "369902001001", "A"],  # row 2: good
        ["91369902MA35000012", "坏代码", "", "369902001001", "A"],  # row 3: wrong check character
        [new_uscc(), "", "", "369902001001", "A"],  # row 4: no name
        [new_uscc(), "没有网格", "", "000000000000", "A"],  # row 5: unknown grid
        [new_uscc(), "坏类别", "", "369902001001", "E"],  # row 6: bad class
    ]
    page = _import(client_for(officer), xlsx(header, rows))
    assert "未写入任何数据" in page
    table = page.split('id="import-errors"')[1]
    for number in (3, 4, 5, 6):
        assert f"<td>{number}</td>" in table
    assert "<td>2</td>" not in table and "校验码错误" in table
    assert not SupervisedObject.objects.exists() and not AuditLog.objects.exists()


def test_import_update_of_an_object_outside_the_district_is_refused(client_for, district_a_user, obj_b):
    header = [col.header_zh for col in IMPORT_COLUMNS[:4]]
    page = _import(client_for(district_a_user), xlsx(header, [[obj_b.uscc, "改名", "", "369902001001"]]))
    assert "<td>2</td>" in page.split('id="import-errors"')[1]
    assert SupervisedObject.objects.get(pk=obj_b.pk).name == obj_b.name


def test_other_lists_and_rates_page(client_for, officer, obj_a):
    c = client_for(officer)
    for url in (
        "/registry/permits/",
        "/registry/registrations/",
        "/registry/reports/",
        "/registry/reports/rates/",
        "/registry/objects/import/",
        "/registry/reports/rates/?district=369902&frequency=quarterly",
    ):
        assert c.get(url).status_code == 200, url


def test_enterprise_records_its_report_submission(tree, client_for, make_user, obj_a, obj_b):
    from ecogov.registry import services
    from ecogov.registry.models import ExecutionReport

    report = services.execution_report_generate(permit=make_permit(obj_a), year=2025, actor=None)[0]
    other = services.execution_report_generate(permit=make_permit(obj_b), year=2025, actor=None)[0]
    c = client_for(make_user("enterprise", tree["grid_a"], enterprise=obj_a))
    page = c.get(f"/registry/objects/{obj_a.pk}/?tab=reports").content.decode()
    assert f"/registry/reports/{report.pk}/submit/" in page and "编辑" not in page
    r = c.post(f"/registry/reports/{report.pk}/submit/", {"submitted_date": "2026-01-05"})
    assert (
        r.status_code == 302
        and ExecutionReport.objects.get(pk=report.pk).submitted_date.isoformat() == "2026-01-05"
    )
    assert (
        c.post(f"/registry/reports/{other.pk}/submit/", {"submitted_date": "2026-01-05"}).status_code == 404
    )
    assert c.get(f"/registry/objects/{obj_b.pk}/").status_code == 404


def test_commitment_and_cp_audit_forms(client_for, officer, obj_a, settings, tmp_path):
    from ecogov.registry.models import CleanerProductionAudit, Commitment

    settings.MEDIA_ROOT = tmp_path
    c = client_for(officer)
    pdf = SimpleUploadedFile("承诺书.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    c.post(f"/registry/objects/{obj_a.pk}/commitments/", {"signed_date": "2026-03-01", "file": pdf})
    commitment = Commitment.objects.get()
    assert commitment.file.name.endswith(".pdf") and AuditLog.objects.for_object(commitment).exists()
    c.post(
        f"/registry/objects/{obj_a.pk}/cp-audits/",
        {"year": 2025, "low_cost_measures": 12, "high_cost_measures": 2},
    )
    assert CleanerProductionAudit.objects.get().low_cost_measures == 12
    page = c.get(f"/registry/objects/{obj_a.pk}/?tab=cp").content.decode()
    assert "<td>12</td>" in page


def test_permit_form_and_report_generation(client_for, officer, obj_a):
    from ecogov.registry.models import ExecutionReport, Permit

    c = client_for(officer)
    data = {
        "permit_no": "913699P",
        "management_class": "key",
        "issued_date": "2024-01-01",
        "valid_from": "2024-01-01",
        "valid_to": "2028-12-31",
        "status": "valid",
        "report_frequencies": ["annual", "quarterly"],
        "annual_due": "01-15",
        "semiannual_due": "07-15",
        "quarterly_due_days": 15,
        "monthly_due_days": 15,
    }
    c.post(f"/registry/objects/{obj_a.pk}/permits/", {**data, "annual_due": "1月15日"})
    assert not Permit.objects.exists()
    c.post(f"/registry/objects/{obj_a.pk}/permits/", data)
    permit = Permit.objects.get()
    assert permit.report_frequencies == ["annual", "quarterly"]
    page = c.get(f"/registry/objects/{obj_a.pk}/?tab=permits").content.decode()
    assert "年报、季报" in page and "年报次年 01-15 前" in page
    c.post(f"/registry/permits/{permit.pk}/reports/", {"year": 2025})
    assert ExecutionReport.objects.filter(permit=permit).count() == 4


@pytest.mark.parametrize(
    "url", ["/registry/", "/registry/permits/", "/registry/registrations/", "/registry/reports/"]
)
def test_every_list_and_export_hides_the_other_district(url, client_for, district_a_user, obj_a, obj_b):
    from ecogov.registry import services

    for obj in (obj_a, obj_b):
        permit = make_permit(obj)
        services.execution_report_generate(permit=permit, year=2025, actor=None)
        services.registration_create(
            data={
                "supervised_object": obj,
                "registration_no": f"R-{obj.pk}",
                "registered_date": "2024-01-01",
            },
            actor=None,
        )
    c = client_for(district_a_user)
    page = c.get(url).content.decode()
    assert obj_b.name not in page and obj_b.uscc not in page
    assert obj_a.uscc in page or obj_a.name in page
    rows = sheet_rows(c.get(f"{url}?export=xlsx").content)
    flat = " ".join(str(v) for row in rows for v in row)
    assert len(rows) > 1 and obj_b.uscc not in flat and obj_b.name not in flat


@pytest.mark.parametrize("url", ["objects", "permits", "registrations", "reports"])
def test_every_api_list_hides_the_other_district(url, client_for, district_a_user, officer, obj_a, obj_b):
    from ecogov.registry import services

    for obj in (obj_a, obj_b):
        services.execution_report_generate(permit=make_permit(obj), year=2025, actor=None)
        services.registration_create(
            data={
                "supervised_object": obj,
                "registration_no": f"R-{obj.pk}",
                "registered_date": "2024-01-01",
            },
            actor=None,
        )
    mine = client_for(district_a_user).get(f"/api/registry/{url}").json()["count"]
    everyone = client_for(officer).get(f"/api/registry/{url}").json()["count"]
    assert mine * 2 == everyone and mine > 0
