"""Table columns: one list per table serves the page and its .xlsx export."""

from __future__ import annotations

from ecogov.core.excel import Column

from .choices import BatchStatus, StationKind


def _reading(attr):
    return lambda x: getattr(x.reading, attr) if x.reading is not None else None


LATEST_COLUMNS = [
    Column("station__code", "编码", "Code"),
    Column("station__name", "站点", "Station"),
    Column("kind", "类型", "Kind", get=lambda x: StationKind.label(x.station.kind)),
    Column("district", "辖区", "Jurisdiction", get=lambda x: str(x.station.jurisdiction or x.station.area)),
    Column("time", "时间", "Hour ending", get=lambda x: x.reading.time.strftime("%Y-%m-%d %H:%M") if x.reading else ""),
    Column("aqi", "AQI", "AQI"),
    Column("category", "类别", "Category"),
    Column("primary", "首要污染物", "Primary pollutant"),
    Column("pm25", "PM2.5", "PM2.5", get=_reading("pm25")),
    Column("pm10", "PM10", "PM10", get=_reading("pm10")),
    Column("o3", "O3", "O3", get=_reading("o3")),
    Column("no2", "NO2", "NO2", get=_reading("no2")),
    Column("so2", "SO2", "SO2", get=_reading("so2")),
    Column("co", "CO", "CO", get=_reading("co")),
]

BATCH_COLUMNS = [
    Column("id", "编号", "No."),
    Column("source", "来源", "Source"),
    Column("reference", "文件/引用", "File or reference"),
    Column("status", "状态", "Status", get=lambda b: BatchStatus.label(b.status)),
    Column("started", "开始时间", "Started", get=lambda b: b.started.strftime("%Y-%m-%d %H:%M:%S")),
    Column("rows_total", "读取行数", "Rows read"),
    Column("rows_created", "新增", "Created"),
    Column("rows_updated", "更新", "Updated"),
    Column("rows_unchanged", "未变", "Unchanged"),
    Column("rows_rejected", "拒收", "Rejected"),
    Column("items_invalid", "无效值", "Invalid values"),
]

SECTION_COLUMNS = [
    Column("site__code", "编码", "Code"),
    Column("site__name", "断面", "Section"),
    Column("level", "级别", "Level", get=lambda r: r.site.get_level_display()),
    Column("site__river", "河流/湖库", "Water body"),
    Column("class_label", "水质类别", "Class"),
    Column("target", "目标", "Target", get=lambda r: f"{r.target}"),
    Column("compliant", "达标", "Meets target", get=lambda r: "—" if r.compliant is None else ("是" if r.compliant else "否")),
]
