"""Bulk .xlsx import of hazardous-waste collection records (every row or none, the refused rows
named by row number and Chinese column header, a known manifest updated), the disposal-rate table
per district with its .xlsx export, and the pages and API that carry them."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from ecogov.core.excel import ImportFailed
from ecogov.core.models import AuditLog
from ecogov.testing import factories
from ecogov.thirdparty import selectors_waste, services_waste
from ecogov.thirdparty.models import CollectionPoint, CollectionRecord, WasteUnit

HEADER = ["联单编号", "产生单位", "收集点编号", "利用处置单位", "废物代码", "数量（吨）", "收集日期"]


def xlsx(*rows, header=HEADER) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture
def units(tree):
    a, b = tree["district_a"], tree["district_b"]
    inside = WasteUnit.objects.create(name="市内处置中心", role="handler", jurisdiction=a, licence_no="示危废经字001号")
    return {
        "prod_a": WasteUnit.objects.create(name="甲产废", role="producer", jurisdiction=tree["street_a"]),
        "prod_b": WasteUnit.objects.create(name="乙产废", role="producer", jurisdiction=b),
        "inside": inside,
        "outside": WasteUnit.objects.create(name="邻市处置公司", role="handler", jurisdiction=a, in_city=False),
        "point": CollectionPoint.objects.create(code="SJD-01", name="甲收集点", jurisdiction=a, operator=inside,
                                                units_served=300),
    }


GOOD = (
    ("M1", "甲产废", "SJD-01", "市内处置中心", "HW08 900-249-08", 3, dt.datetime(2026, 3, 1)),
    ("M2", "甲产废", None, "邻市处置公司", "HW49 900-041-49", "1.000", "2026-03-02"),
    ("M3", "乙产废", "", "示危废经字001号", "HW12 900-252-12", 6.0, "2026/03/05"),  # handler by licence number
)


def test_import_stores_every_row_and_the_rates_come_from_them(units, officer):
    result = services_waste.collections_import(actor=officer, data=xlsx(*GOOD))
    assert (result.created, result.updated) == (3, 0)
    m1, m2, m3 = (CollectionRecord.objects.get(manifest_no=n) for n in ("M1", "M2", "M3"))
    assert (m1.point, m1.handler, m1.tonnes, m1.collected_on) == (units["point"], units["inside"], Decimal(3),
                                                                  dt.date(2026, 3, 1))
    assert m2.point is None and m3.handler == units["inside"] and m3.collected_on == dt.date(2026, 3, 5)
    # each record is audited as created by the import
    assert AuditLog.objects.filter(event="create", note="Excel 导入", object_repr__in=["M1", "M2", "M3"]).count() == 3
    # by hand: district A (甲) 3 t in the city + 1 t outside = 75.0 %; district B (乙) 6 of 6 t = 100.0 %;
    # total 9 of 10 t = 90.0 %
    table = {r["area"]: (r["records"], r["tonnes"], r["in_city"], r["outside"], r["rate"])
             for r in selectors_waste.disposal_table(officer, year=2026)}
    assert table == {"甲区": (2, Decimal(4), Decimal(3), Decimal(1), Decimal("75.0")),
                     "乙区": (1, Decimal(6), Decimal(6), Decimal(0), Decimal("100.0")),
                     "合计": (3, Decimal(10), Decimal(9), Decimal(1), Decimal("90.0"))}
    assert selectors_waste.disposal_table(officer, year=2025) == []


def test_a_bad_row_refuses_the_whole_file_and_names_the_chinese_column(units, officer):
    data = xlsx(
        GOOD[0],
        ("M2", "无此单位", None, "邻市处置公司", "HW49", 1, "2026-03-02"),       # unknown producer
        ("M3", "乙产废", None, "市内处置中心", "HW12", "abc", "2026-03-05"),      # tonnes not a number
        ("M4", "乙产废", None, "市内处置中心", "HW12", -2, "2026-03-05"),         # tonnes not positive
        ("M5", "乙产废", None, "甲产废", "HW12", 1, "2026-03-05"),                # a producer is no handler
        ("M6", "乙产废", "SJD-99", "市内处置中心", "HW12", 1, "2026-13-05"),      # no such point, bad date
        ("M1", "甲产废", None, "市内处置中心", "HW08", 1, "2026-03-06"),          # manifest twice in the file
        ("M8", "", None, "市内处置中心", "HW08", 1, "2026-03-06"),               # producer missing
    )
    with pytest.raises(ImportFailed) as exc:
        services_waste.collections_import(actor=officer, data=data)
    by_row: dict[int, set[str]] = {}
    for e in exc.value.errors:
        by_row.setdefault(e.row, set()).add(e.field)
    assert by_row == {3: {"产生单位"}, 4: {"数量（吨）"}, 5: {"数量（吨）"}, 6: {"利用处置单位"},
                      7: {"收集日期"}, 8: {"联单编号"}, 9: {"产生单位"}}
    assert not CollectionRecord.objects.exists()  # row 2 was good, but nothing is written
    assert exc.value.detail["rows"][0]["row"] == 3


def test_missing_required_columns_and_an_empty_file_are_refused(units, officer):
    with pytest.raises(Exception, match="数量"):
        services_waste.collections_import(actor=officer, data=xlsx(GOOD[0][:5], header=HEADER[:5]))
    with pytest.raises(Exception, match="没有数据行"):
        services_waste.collections_import(actor=officer, data=xlsx())
    with pytest.raises(Exception, match="xlsx"):
        services_waste.collections_import(actor=officer, data=b"not a workbook")


def test_a_known_manifest_is_updated_and_audited(units, officer):
    services_waste.collections_import(actor=officer, data=xlsx(*GOOD))
    corrected = ("M2", "甲产废", "SJD-01", "市内处置中心", "HW49 900-041-49", "1.500", "2026-03-02")
    result = services_waste.collections_import(actor=officer, data=xlsx(corrected, ("M4", "乙产废", None,
                                                                                    "邻市处置公司", "HW08", 2,
                                                                                    "2026-04-01")))
    assert (result.created, result.updated) == (1, 1)
    m2 = CollectionRecord.objects.get(manifest_no="M2")
    assert (m2.tonnes, m2.handler, m2.point) == (Decimal("1.5"), units["inside"], units["point"])
    change = AuditLog.objects.get(event="update", object_repr="M2")
    assert change.changes["tonnes"] == ["1.000", "1.500"]
    assert CollectionRecord.objects.count() == 4


def test_a_district_officer_imports_only_for_producers_of_the_district(units, officer, tree):
    services_waste.collections_import(actor=officer, data=xlsx(GOOD[2]))  # 乙区's record
    district_a = factories.user("district", tree["district_a"])
    with pytest.raises(ImportFailed) as exc:
        services_waste.collections_import(actor=district_a, data=xlsx(GOOD[0], ("M9", "乙产废", None, "市内处置中心",
                                                                               "HW08", 1, "2026-03-01")))
    assert [(e.row, e.field) for e in exc.value.errors] == [(3, "产生单位")]
    # nor update another district's manifest
    with pytest.raises(ImportFailed) as exc:
        services_waste.collections_import(actor=district_a, data=xlsx(("M3", "甲产废", None, "市内处置中心", "HW12",
                                                                       1, "2026-03-05")))
    assert [e.row for e in exc.value.errors] == [2]
    assert CollectionRecord.objects.get(manifest_no="M3").producer == units["prod_b"]
    services_waste.collections_import(actor=district_a, data=xlsx(GOOD[0], GOOD[1]))
    assert [r["area"] for r in selectors_waste.disposal_table(district_a)] == ["甲区", "合计"]
    assert selectors_waste.disposal_table(district_a)[-1]["rate"] == Decimal("75.0")


def test_import_page_template_rate_table_and_api(units, officer, client_for, tree):
    c = client_for(officer)
    assert c.get("/thirdparty/waste/records/import/").status_code == 200
    template = c.get("/thirdparty/waste/records/template/")
    assert template.status_code == 200
    sheet = load_workbook(io.BytesIO(template.content)).worksheets[0]
    assert [cell.value for cell in sheet[1]] == HEADER
    bad = SimpleUploadedFile("r.xlsx", xlsx(GOOD[0], ("M2", "甲产废", None, "邻市处置公司", "HW49", "x", "2026-03-02")))
    resp = c.post("/thirdparty/waste/records/import/", {"file": bad})
    body = resp.content.decode()
    assert resp.status_code == 200 and 'id="import-errors"' in body and "数量（吨）" in body
    assert not CollectionRecord.objects.exists()
    resp = c.post("/thirdparty/waste/records/import/", {"file": SimpleUploadedFile("r.xlsx", xlsx(*GOOD))})
    assert resp.status_code == 302 and CollectionRecord.objects.count() == 3
    page = c.get("/thirdparty/waste/rates/?year=2026")
    assert page.status_code == 200 and "<td>合计</td>" in page.content.decode() and "<td>75</td>" in page.content.decode()
    export = c.get("/thirdparty/waste/rates/?year=2026&export=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxml")
    rows = list(load_workbook(io.BytesIO(export.content)).worksheets[0].iter_rows(values_only=True))
    assert rows[0] == ("区域", "联单数", "收集量（吨）", "市内处置量（吨）", "市外处置量（吨）", "市内处置率（%）")
    assert rows[1:] == [("甲区", 2, 4.0, 3.0, 1.0, 75.0), ("乙区", 1, 6.0, 6.0, 0.0, 100.0),
                        ("合计", 3, 10.0, 9.0, 1.0, 90.0)]
    records = c.get("/thirdparty/waste/records/?export=xlsx")
    assert len(list(load_workbook(io.BytesIO(records.content)).worksheets[0].iter_rows())) == 4
    assert c.get("/thirdparty/waste/rates/?year=abc").status_code == 422  # a bad year is refused, not ignored
    # the API: the same import (a correction of M1 is an update) and the same table
    resp = c.post("/api/thirdparty/waste/records/import",
                  {"file": SimpleUploadedFile("r.xlsx", xlsx(("M1", "甲产废", "SJD-01", "市内处置中心", "HW08", 2,
                                                               "2026-03-01")))})
    assert resp.status_code == 200 and resp.json() == {"created": 0, "updated": 1}
    resp = c.post("/api/thirdparty/waste/records/import",
                  {"file": SimpleUploadedFile("r.xlsx", xlsx(("M7", "无此单位", None, "市内处置中心", "HW08", 2,
                                                               "2026-03-01")))})
    assert resp.status_code == 422 and resp.json()["detail"]["rows"] == [
        {"row": 2, "field": "产生单位", "message": resp.json()["detail"]["rows"][0]["message"]}]
    rates = c.get("/api/thirdparty/waste/rates?year=2026").json()
    # M1 corrected to 2 t: district A 2 t in + 1 t out = 66.7 %; total 8 of 9 t = 88.9 %
    assert [(r["area"], r["tonnes"], r["rate"]) for r in rates] == [("甲区", 3.0, 66.7), ("乙区", 6.0, 100.0),
                                                                   ("合计", 9.0, 88.9)]
    district_b = client_for(factories.user("district", tree["district_b"]))
    assert [r["area"] for r in district_b.get("/api/thirdparty/waste/rates").json()] == ["乙区", "合计"]
