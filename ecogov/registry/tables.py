"""Table columns (``core.excel.Column``): one list per table serves the on-screen
table, its .xlsx export (exactly the same columns) and the import template."""

from __future__ import annotations

from ecogov.core.excel import Column

from .choices import ManagementClass, ObjectStatus, PermitStatus, ReportFrequency, SupervisionClass


def _yes(value) -> str:
    return "是" if value else ""


def _flags(obj) -> str:
    names = [
        ("is_key_unit", "重点排污"),
        ("is_special", "特殊监管"),
        ("water_related", "涉水"),
        ("air_related", "涉气"),
        ("hw_producer", "危废产生"),
        ("hw_handler", "危废经营"),
        ("soil_key_unit", "土壤重点"),
    ]
    return "、".join(label for field, label in names if getattr(obj, field))


def _district(jurisdiction) -> str:
    node = jurisdiction.ancestor_at("district") if jurisdiction is not None else None
    return node.name if node else ""


def _report_state(report) -> str:
    from django.utils import timezone

    if report.submitted_date:
        return "已提交" if report.submitted_date <= report.due_date else "逾期提交"
    return "逾期未交" if report.due_date < timezone.localdate() else "未到期"


OBJECT_COLUMNS = [
    Column("uscc", "统一社会信用代码", "USCC"),
    Column("name", "名称", "Name"),
    Column("district", "区县", "District", get=lambda o: _district(o.jurisdiction)),
    Column("jurisdiction__name", "网格", "Grid cell"),
    Column("industry_name", "行业", "Industry", get=lambda o: f"{o.industry_code} {o.industry_name}".strip()),
    Column(
        "supervision_class", "监管类别", "Class", get=lambda o: SupervisionClass.label(o.supervision_class)
    ),
    Column("on_positive_list", "正面清单", "Positive list", get=lambda o: _yes(o.on_positive_list)),
    Column("flags", "标识", "Flags", get=_flags),
    Column("status", "状态", "Status", get=lambda o: ObjectStatus.label(o.status)),
]

PERMIT_COLUMNS = [
    Column("permit_no", "许可证编号", "Permit number"),
    Column("supervised_object__name", "排污单位", "Discharging unit"),
    Column("district", "区县", "District", get=lambda p: _district(p.supervised_object.jurisdiction)),
    Column(
        "management_class",
        "管理类别",
        "Management class",
        get=lambda p: ManagementClass.label(p.management_class),
    ),
    Column("valid_from", "有效期起", "Valid from"),
    Column("valid_to", "有效期止", "Valid to"),
    Column(
        "report_frequencies",
        "执行报告频次",
        "Report frequencies",
        get=lambda p: "、".join(ReportFrequency.label(f) for f in p.report_frequencies or []),
    ),
    Column("status", "状态", "Status", get=lambda p: PermitStatus.label(p.status)),
]

REGISTRATION_COLUMNS = [
    Column("registration_no", "登记编号", "Registration number"),
    Column("unit_name", "单位名称", "Unit"),
    Column("uscc", "统一社会信用代码", "USCC"),
    Column("district", "区县", "District", get=lambda r: _district(r.jurisdiction)),
    Column("industry_code", "行业代码", "Industry code"),
    Column("registered_date", "登记日期", "Registered on"),
    Column("valid_to", "有效期止", "Valid to"),
    Column("in_registry", "监管对象", "In registry", get=lambda r: _yes(r.supervised_object_id)),
]

REPORT_COLUMNS = [
    Column("permit__permit_no", "许可证编号", "Permit number"),
    Column("permit__supervised_object__name", "排污单位", "Discharging unit"),
    Column("frequency", "频次", "Frequency", get=lambda r: ReportFrequency.label(r.frequency)),
    Column("period", "报告期", "Period", get=lambda r: f"{r.period_start:%Y-%m-%d}~{r.period_end:%Y-%m-%d}"),
    Column("due_date", "截止日期", "Due date"),
    Column("submitted_date", "提交日期", "Submitted on"),
    Column("state", "状态", "State", get=_report_state),
]


def _bool_cell(value) -> bool:
    if value in (None, ""):
        return False
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("是", "y", "yes", "true", "1", "√", "✓"):
        return True
    if text in ("否", "n", "no", "false", "0"):
        return False
    raise ValueError(f"应填“是”或“否”：{value}")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _float(value):
    if value in (None, ""):
        return None
    return float(value)


def _class(value) -> str:
    text = _text(value).upper().rstrip("类")
    if text and text not in SupervisionClass.values():
        raise ValueError(f"监管类别应为 A、B 或 C：{value}")
    return text


#: Columns of the supervised-object import template (row 1 headers, row 2 example).
IMPORT_COLUMNS = [
    Column(
        "uscc",
        "统一社会信用代码",
        "USCC",
        parse=_text,
        required=True,
        example="91369902MA35XXXXXX",
        help_zh="18位，GB 32100-2015 校验；已存在的代码视为更新",
    ),
    Column("name", "名称", "Name", parse=_text, required=True, example="示范市清湖化工有限公司"),
    Column("address", "地址", "Address", parse=_text, example="示范市清湖区城关街道工业路1号"),
    Column(
        "grid",
        "网格代码",
        "Grid code",
        parse=_text,
        required=True,
        example="369902001001",
        help_zh="所属网格的行政区划代码",
    ),
    Column("lon", "经度", "Longitude", parse=_float, example=115.75),
    Column("lat", "纬度", "Latitude", parse=_float, example=28.55),
    Column(
        "datum",
        "坐标系",
        "Datum",
        parse=_text,
        example="WGS84",
        help_zh="WGS84 或 GCJ02（高德/腾讯地图坐标）",
    ),
    Column(
        "industry_code", "行业代码", "Industry code", parse=_text, example="2614", help_zh="GB/T 4754-2017"
    ),
    Column("industry_name", "行业名称", "Industry", parse=_text, example="有机化学原料制造"),
    Column("legal_representative", "法定代表人", "Legal representative", parse=_text),
    Column("contact_person", "联系人", "Contact person", parse=_text),
    Column("contact_phone", "联系电话", "Contact phone", parse=_text),
    Column(
        "supervision_class", "监管类别", "Supervision class", parse=_class, example="B", help_zh="A、B 或 C"
    ),
    Column("is_key_unit", "重点排污单位", "Key unit", parse=_bool_cell, example="否", help_zh="是/否"),
    Column("is_special", "特殊监管对象", "Special object", parse=_bool_cell, example="否"),
    Column("water_related", "涉水", "Water-related", parse=_bool_cell, example="是"),
    Column("air_related", "涉气", "Air-related", parse=_bool_cell, example="是"),
    Column("hw_producer", "危废产生单位", "HW producer", parse=_bool_cell, example="否"),
    Column("hw_handler", "危废经营单位", "HW handler", parse=_bool_cell, example="否"),
    Column("soil_key_unit", "土壤重点监管单位", "Soil key unit", parse=_bool_cell, example="否"),
]
