"""Third-party columns: each on-screen table and its .xlsx export are the same list; the import
columns are the upload template's."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from ecogov.core.excel import Column

from .choices import (
    FraudKind,
    HitStatus,
    SourceStatus,
    StationKind,
    TestMethod,
    TestResult,
    TruckViolationKind,
)


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _when(value) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    text = _text(value).replace("T", " ")
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M"):
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise ValueError(f"时间格式应为 YYYY-MM-DD HH:MM:SS / expected YYYY-MM-DD HH:MM:SS, got {text!r}")


def _choice(choice_set):
    def parse(value) -> str:
        text = _text(value)
        for v in choice_set.values():
            if text.lower() in (v, choice_set.label_zh(v), choice_set.label_en(v).lower()):
                return v
        raise ValueError(f"不认识的取值 / unknown value {text!r}")
    return parse


def _date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value).replace("/", "-").split(" ")[0]
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"日期格式应为 YYYY-MM-DD / expected YYYY-MM-DD, got {text!r}") from None


def _decimal(value) -> Decimal:
    text = _text(value).replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"应为数字 / expected a number, got {text!r}") from None
    if not number.is_finite():
        raise ValueError(f"应为数字 / expected a number, got {text!r}")
    return number


def _curve(value) -> list[float]:
    text = _text(value)
    if not text:
        return []
    return [float(x) for x in text.replace(",", ";").replace(" ", ";").split(";") if x]


STATION_COLUMNS = [
    Column("code", "机构编号", "Code"),
    Column("name", "名称", "Name"),
    Column("kind", "类别", "Kind", get=lambda s: StationKind.label(s.kind)),
    Column("jurisdiction", "辖区", "Jurisdiction", get=lambda s: s.jurisdiction.name),
    Column("lines", "检测线", "Lines", get=lambda s: getattr(s, "line_count", 0)),
    Column("records", "检测记录", "Test records", get=lambda s: getattr(s, "record_count", 0)),
    Column("hits", "预警数", "Indicator hits", get=lambda s: getattr(s, "hit_count", 0)),
    Column("punished", "因造假受处罚", "Punished for fraud",
           get=lambda s: "是" if getattr(s, "punished_count", 0) else ""),
]

RECORD_COLUMNS = [
    Column("record_no", "检测报告编号", "Record number"),
    Column("station", "机构", "Station", get=lambda r: r.station.name),
    Column("plate", "号牌", "Plate"),
    Column("method", "检测方法", "Method", get=lambda r: TestMethod.label(r.method)),
    Column("started_at", "开始时间", "Started", get=lambda r: r.started_at.replace(tzinfo=None)),
    Column("seconds", "用时（秒）", "Seconds", get=lambda r: r.seconds),
    Column("result", "结果", "Result", get=lambda r: TestResult.label(r.result)),
]

HIT_COLUMNS = [
    Column("found_on", "发现日期", "Found on"),
    Column("kind", "预警指标", "Indicator", get=lambda h: FraudKind.label(h.kind)),
    Column("station", "机构", "Station", get=lambda h: h.station.name),
    Column("record", "检测报告编号", "Record", get=lambda h: h.record.record_no),
    Column("plate", "号牌", "Plate", get=lambda h: h.record.plate),
    Column("detail", "情况", "Detail"),
    Column("status", "状态", "Status", get=lambda h: HitStatus.label(h.status)),
    Column("case_no", "处罚案件", "Penalty case"),
]

IMPORT_COLUMNS = [
    Column("station", "机构编号", "Station code", parse=_text, required=True, example="JC-001"),
    Column("line", "检测线", "Line", parse=_text, example="1"),
    Column("record_no", "检测报告编号", "Record number", parse=_text, required=True, example="R20260101001"),
    Column("plate", "号牌", "Plate", parse=_text, required=True, example="示A12345"),
    Column("method", "检测方法", "Method", parse=_choice(TestMethod), required=True, example="稳态工况法"),
    Column("started_at", "开始时间", "Started at", parse=_when, required=True, example="2026-01-05 09:00:00"),
    Column("ended_at", "结束时间", "Ended at", parse=_when, required=True, example="2026-01-05 09:03:00"),
    Column("result", "结果", "Result", parse=_choice(TestResult), required=True, example="合格"),
    Column("curve", "逐秒数据", "Readings per second", parse=_curve, example="0.12;0.13;0.15",
           help_zh="以分号分隔的逐秒读数"),
]


POINT_COLUMNS = [
    Column("code", "编号", "Code"),
    Column("name", "收集点", "Collection point"),
    Column("jurisdiction", "辖区", "Jurisdiction", get=lambda p: p.jurisdiction.name),
    Column("operator", "运营单位", "Operator", get=lambda p: p.operator.name),
    Column("units_served", "服务单位数", "Units served"),
    Column("tonnes", "收集量（吨）", "Tonnes collected", get=lambda p: p.tonnes or 0),
]

COLLECTION_COLUMNS = [
    Column("manifest_no", "联单编号", "Manifest"),
    Column("collected_on", "收集日期", "Collected on"),
    Column("producer", "产生单位", "Producer", get=lambda r: r.producer.name),
    Column("point", "收集点", "Collection point", get=lambda r: r.point.name if r.point else ""),
    Column("waste_code", "废物代码", "Waste code"),
    Column("tonnes", "数量（吨）", "Tonnes"),
    Column("handler", "利用处置单位", "Handler", get=lambda r: r.handler.name),
    Column("in_city", "市内处置", "In the city", get=lambda r: "是" if r.handler.in_city else "否"),
]

#: The bulk import of collection records (one transfer manifest per row); a manifest number already
#: recorded updates that record. Units are named as registered (a handler also by its licence number).
COLLECTION_IMPORT_COLUMNS = [
    Column("manifest_no", "联单编号", "Manifest number", parse=_text, required=True, example="LD2026000001"),
    Column("producer", "产生单位", "Producer", parse=_text, required=True, example="示范区产废单位01"),
    Column("point", "收集点编号", "Collection point code", parse=_text, example="SJD-01",
           help_zh="经小微收集点收集时填写收集点编号，直接转移的留空"),
    Column("handler", "利用处置单位", "Handler", parse=_text, required=True, example="示范市危险废物处置中心1号",
           help_zh="持证经营单位名称或危险废物经营许可证编号"),
    Column("waste_code", "废物代码", "Waste code", parse=_text, required=True, example="HW08 900-249-08"),
    Column("tonnes", "数量（吨）", "Tonnes", parse=_decimal, required=True, example="1.250"),
    Column("collected_on", "收集日期", "Collected on", parse=_date, required=True, example="2026-03-01"),
]

#: The in-city disposal rate per district (and the city) for the collection records in scope.
RATE_COLUMNS = [
    Column("area", "区域", "Area"),
    Column("records", "联单数", "Manifests"),
    Column("tonnes", "收集量（吨）", "Tonnes collected", get=lambda r: float(r["tonnes"])),
    Column("in_city", "市内处置量（吨）", "Tonnes handled in the city", get=lambda r: float(r["in_city"])),
    Column("outside", "市外处置量（吨）", "Tonnes handled outside the city", get=lambda r: float(r["outside"])),
    Column("rate", "市内处置率（%）", "In-city disposal rate (%)",
           get=lambda r: "" if r["rate"] is None else float(r["rate"])),
]

SOURCE_COLUMNS = [
    Column("code", "放射源编码", "Source code"),
    Column("holder", "持有单位", "Holding unit"),
    Column("nuclide", "核素", "Nuclide"),
    Column("category", "类别", "Category"),
    Column("status", "状态", "Status", get=lambda s: SourceStatus.label(s.status)),
    Column("stored_on", "送贮日期", "Sent to storage on"),
    Column("storage", "贮存单位", "Storage facility"),
]


DUTY_COLUMNS = [
    Column("letter_no", "责任书编号", "Letter"),
    Column("site", "工地", "Construction site", get=lambda d: d.site.name),
    Column("signed_on", "签订日期", "Signed on"),
    Column("responsible_person", "责任人", "Responsible person"),
    Column("inspector", "挂点人员", "Assigned inspector", get=lambda d: d.inspector.full_name if d.inspector else ""),
    Column("inspections", "检查次数", "Inspections", get=lambda d: getattr(d, "inspection_count", 0)),
    Column("stops", "会审停工", "Stop orders", get=lambda d: getattr(d, "stop_count", 0)),
]

TRUCK_COLUMNS = [
    Column("plate", "号牌", "Plate"),
    Column("company", "运输企业", "Transport company"),
    Column("sealed", "密闭改装", "Sealed", get=lambda t: "是" if t.sealed else "否"),
    Column("gps_device", "GPS终端", "GPS terminal"),
    Column("violations", "违规次数", "Violations", get=lambda t: getattr(t, "violation_count", 0)),
]

TRUCK_VIOLATION_COLUMNS = [
    Column("at", "时间", "At", get=lambda v: v.at.replace(tzinfo=None)),
    Column("truck", "号牌", "Plate", get=lambda v: v.truck.plate),
    Column("kind", "违规类型", "Violation", get=lambda v: TruckViolationKind.label(v.kind)),
    Column("detail", "情况", "Detail"),
    Column("lon", "经度", "Longitude"),
    Column("lat", "纬度", "Latitude"),
]
