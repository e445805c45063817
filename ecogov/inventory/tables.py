"""Table columns (``core.excel.Column``): the on-screen tables, their .xlsx exports and the
import template, one list each."""

from __future__ import annotations

import json

from ecogov.core.excel import Column

from .choices import BareClass, CheckOutcome, CoverState, DustLevel, SourceKind, SourceState


def _ancestor(jurisdiction, level: str) -> str:
    node = jurisdiction.ancestor_at(level) if jurisdiction is not None else None
    return node.name if node else ""


def _yes_no(value) -> str:
    return "" if value is None else ("是" if value else "否")


SOURCE_COLUMNS = [
    Column("code", "编号", "Code"),
    Column("kind", "类型", "Kind", get=lambda s: SourceKind.label(s.kind)),
    Column("name", "名称", "Name"),
    Column("district", "区县", "District", get=lambda s: _ancestor(s.jurisdiction, "district")),
    Column("street", "街道", "Street", get=lambda s: _ancestor(s.jurisdiction, "street")),
    Column("grid", "网格", "Grid cell", get=lambda s: _ancestor(s.jurisdiction, "grid")),
    Column("holder", "责任主体", "Responsible holder"),
    Column("dust_level", "积尘等级", "Dust level", get=lambda s: DustLevel.label(s.dust_level)),
    Column("cover_state", "覆盖情况", "Cover state", get=lambda s: CoverState.label(s.cover_state)),
    Column("has_purifier", "油烟净化器", "Fume purifier", get=lambda s: _yes_no(s.has_purifier)),
    Column("state", "状态", "State", get=lambda s: SourceState.label(s.state)),
    Column("last_checked", "最近检查", "Last checked"),
]

CHECK_COLUMNS = [
    Column("date", "检查日期", "Date"),
    Column("source__code", "编号", "Code"),
    Column("source__name", "名称", "Source"),
    Column("kind", "类型", "Kind", get=lambda c: SourceKind.label(c.source.kind)),
    Column("outcome", "结果", "Outcome", get=lambda c: CheckOutcome.label(c.outcome)),
    Column("findings", "发现问题", "Findings"),
    Column("checked_by", "检查人", "Checked by", get=lambda c: str(c.checked_by or "")),
    Column("ledger_ref", "整改事项", "Ledger item"),
]


def _choice(choice_set):
    """Parse a cell holding a choice's value or its Chinese or English label."""
    table = {}
    for value in choice_set.values():
        zh, en, _ = choice_set._entries[value]
        table.update({value.lower(): value, zh: value, en.lower(): value})

    def parse(raw):
        if raw in (None, ""):
            return ""
        key = str(raw).strip()
        found = table.get(key) or table.get(key.lower())
        if found is None:
            raise ValueError(f"无法识别“{key}” / unknown value {key!r}")
        return found

    return parse


def _bool(raw):
    if raw in (None, ""):
        return None
    key = str(raw).strip().lower()
    if key in ("是", "有", "yes", "y", "true", "1"):
        return True
    if key in ("否", "无", "no", "n", "false", "0"):
        return False
    raise ValueError(f"应为“是”或“否” / expected yes or no, got {raw!r}")


def _float(raw):
    return None if raw in (None, "") else float(raw)


def _text(raw):
    return "" if raw is None else str(raw).strip()


def _geojson(raw):
    if raw in (None, ""):
        return None
    try:
        return json.loads(raw) if isinstance(raw, str) else raw
    except json.JSONDecodeError as exc:
        raise ValueError("位置应为 GeoJSON 文本 / the location must be GeoJSON text") from exc


def _date(raw):
    import datetime as dt

    if raw in (None, ""):
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    return dt.date.fromisoformat(str(raw).strip()[:10])


IMPORT_COLUMNS = [
    Column("code", "编号", "Code", parse=_text, required=True, example="GD-0001"),
    Column("kind", "类型", "Kind", parse=_choice(SourceKind), required=True, example="建筑工地",
           help_zh="建筑工地/道路扬尘/裸地/餐饮油烟/加油站/汽修喷漆/交通拥堵路段/污水排放控制区/入河排污口"),
    Column("name", "名称", "Name", parse=_text, required=True, example="洪都片区安置房项目"),
    Column("jurisdiction", "网格代码", "Grid code", parse=_text, required=True, example="360104001001",
           help_zh="街道或网格的行政代码"),
    Column("lon", "经度", "Longitude", parse=_float, example=115.9, help_zh="点位；线、面用“位置GeoJSON”列"),
    Column("lat", "纬度", "Latitude", parse=_float, example=28.64),
    Column("geometry", "位置GeoJSON", "Location GeoJSON", parse=_geojson,
           help_zh='如 {"type":"LineString","coordinates":[[115.90,28.64],[115.91,28.64]]}'),
    Column("datum", "坐标系", "Datum", parse=_text, example="WGS-84", help_zh="WGS-84（默认）或 GCJ-02"),
    Column("address", "地址", "Address", parse=_text),
    Column("holder", "责任主体", "Responsible holder", parse=_text, help_zh="工地填扬尘治理责任单位"),
    Column("holder_phone", "联系电话", "Holder phone", parse=_text),
    Column("dust_level", "积尘等级", "Dust level", parse=_choice(DustLevel), help_zh="轻度/中度/重度"),
    Column("cover_state", "覆盖情况", "Cover state", parse=_choice(CoverState), help_zh="已覆盖/部分覆盖/未覆盖"),
    Column("bare_class", "裸地类别", "Bare-land class", parse=_choice(BareClass), help_zh="一类/二类/三类"),
    Column("has_purifier", "油烟净化器", "Fume purifier", parse=_bool, help_zh="是/否"),
    Column("state", "状态", "State", parse=_choice(SourceState), help_zh="正常/存在问题/已停用"),
    Column("last_checked", "最近检查", "Last checked", parse=_date),
]


def _user(u) -> str:
    return str(u or "")


RUN_COLUMNS = [
    Column("date", "日期", "Date"),
    Column("vehicle", "车辆/班组", "Vehicle or team"),
    Column("n_readings", "读数", "Readings"),
    Column("n_roads", "道路", "Roads"),
    Column("n_matched", "匹配读数", "Matched readings"),
    Column("n_unmatched", "未匹配读数", "Unmatched readings"),
    Column("datum", "原坐标系", "Input datum"),
    Column("imported_by", "导入人", "Imported by", get=lambda r: _user(r.imported_by)),
]

RUN_ROAD_COLUMNS = [
    Column("source__code", "编号", "Code"),
    Column("source__name", "道路", "Road"),
    Column("n_readings", "读数", "Readings"),
    Column("mean_pm10", "PM10均值(µg/m³)", "Mean PM10 (µg/m³)"),
    Column("mean_pm25", "PM2.5均值(µg/m³)", "Mean PM2.5 (µg/m³)"),
    Column("dust_level", "积尘等级", "Dust level", get=lambda r: DustLevel.label(r.dust_level)),
    Column("applied", "已更新道路", "Set on the road", get=lambda r: _yes_no(r.applied)),
]
