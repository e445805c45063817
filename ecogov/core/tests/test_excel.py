"""Excel import is all or nothing; the export writes the on-screen columns."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from ecogov.core.errors import ValidationFailed, field_error
from ecogov.core.excel import Column, ImportFailed, export_xlsx, import_rows, read_xlsx, template_xlsx
from ecogov.core.models import Department

COLUMNS = [
    Column("code", "编码", "Code", required=True, example="D1"),
    Column("name", "名称", "Name", required=True, example="大气环境科"),
]


def _xlsx(rows):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _handler(tree):
    def handle(row):
        if not row.get("name"):
            raise field_error("name", "名称必填", "name is required")
        _, created = Department.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "jurisdiction": tree["city"]}
        )
        return created

    return handle


def test_good_file_imports_every_row_and_counts_updates(tree):
    Department.objects.create(code="D2", name="旧名", jurisdiction=tree["city"])
    rows = read_xlsx(_xlsx([["编码", "Name"], ["D1", "甲"], ["D2", "乙"]]), COLUMNS)
    result = import_rows(rows, _handler(tree))
    assert (result.created, result.updated) == (1, 1)
    assert Department.objects.get(code="D2").name == "乙"


def test_file_with_bad_rows_writes_nothing_and_names_each_row(tree):
    rows = read_xlsx(_xlsx([["编码", "名称"], ["D1", "甲"], ["D2", None], ["D3", "丙"], ["D4", ""]]), COLUMNS)
    with pytest.raises(ImportFailed) as err:
        import_rows(rows, _handler(tree))
    assert [(e["row"], e["field"]) for e in err.value.detail["rows"]] == [(3, "name"), (5, "name")]
    assert not Department.objects.exists()


def test_missing_required_column_is_refused(db):
    with pytest.raises(ValidationFailed) as err:
        read_xlsx(_xlsx([["编码"], ["D1"]]), COLUMNS)
    assert err.value.code == "missing_columns" and "名称" in err.value.message_zh


def test_not_an_xlsx(db):
    with pytest.raises(ValidationFailed):
        read_xlsx(b"not a spreadsheet", COLUMNS)


def test_export_and_template_columns(tree):
    Department.objects.create(code="D1", name="甲", jurisdiction=tree["city"])
    wb = load_workbook(io.BytesIO(export_xlsx(COLUMNS, Department.objects.all())))
    assert [list(r) for r in wb.active.iter_rows(values_only=True)] == [["编码", "名称"], ["D1", "甲"]]
    tpl = load_workbook(io.BytesIO(template_xlsx(COLUMNS)))
    assert [c.value for c in tpl.active[1]] == ["编码", "名称"]
    assert [c.value for c in tpl.active[2]] == ["D1", "大气环境科"]


def test_on_screen_numbers_are_readable():
    from decimal import Decimal

    from ecogov.core.templatetags.core_tags import display_number

    assert display_number(14000.0) == "14,000"
    assert display_number(Decimal("512000.00")) == "512,000"
    assert display_number(Decimal("1234.5")) == "1,234.5"
    assert display_number(0.05) == 0.05 and display_number(2640) == 2640 and display_number(None) == ""
