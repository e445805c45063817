"""Column lists: each serves the on-screen table and the .xlsx export."""

from __future__ import annotations

from ecogov.core.excel import Column

from .choices import Grade, PeerGroup, UnitKind, VetoConsequence
from .water import class_label

PARAM_NAMES = {"so2": "SO₂", "no2": "NO₂", "co": "CO", "o3": "O₃", "pm10": "PM10", "pm25": "PM2.5"}


def _yes(v) -> str:
    return "—" if v is None else ("达标" if v else "超标")


def _arrow(v) -> str:
    if v is None:
        return "—"
    return f"↑{v}" if v > 0 else (f"↓{-v}" if v < 0 else "→0")


def _num(v, digits: int = 1) -> str:
    return "—" if v is None else f"{v:.{digits}f}"


def _item(param: str, key: str):
    def get(r):
        item = r.items.get(param) or {}
        v = item.get(key)
        return "—" if v is None else (f"{v:g}")
    return get


def _item_ok(param: str):
    return lambda r: _yes((r.items.get(param) or {}).get("ok"))


def air_columns() -> list[Column]:
    cols = [
        Column("rank", "排名", "Rank"),
        Column("rank_change", "排名变化", "Rank change", get=lambda r: _arrow(r.rank_change)),
        Column("name", "名称", "Name"),
        Column("code", "编码", "Code"),
        Column("composite", "综合指数", "Composite index"),
    ]
    for p, label in PARAM_NAMES.items():
        if p in ("co", "o3"):
            pct = "95" if p == "co" else "90"
            cols.append(Column(f"{p}_pct", f"{label} 第{pct}百分位", f"{label} P{pct}", get=_item(p, "percentile")))
        else:
            cols.append(Column(f"{p}_mean", f"{label} 年均值", f"{label} mean", get=_item(p, "mean")))
            pct = "98" if p in ("so2", "no2") else "95"
            cols.append(Column(f"{p}_pct", f"{label} 第{pct}百分位", f"{label} P{pct}", get=_item(p, "percentile")))
        cols.append(Column(f"{p}_ok", f"{label} 达标", f"{label} met", get=_item_ok(p)))
    cols += [
        Column("compliant", "六项综合达标", "All six met", get=lambda r: _yes(r.compliant)),
        Column("good_ratio", "优良天数比例(%)", "Good-day ratio (%)", get=lambda r: _num(r.good_ratio)),
        Column("good_days", "优良天数/有效天数", "Good / valid days", get=lambda r: f"{r.good_days}/{r.valid_days}"),
        Column("heavy_days", "重污染天数", "Heavy-pollution days"),
        Column("capture", "数据有效率(%)", "Data capture (%)", get=lambda r: _num(r.capture)),
        Column("data_valid", "统计有效", "Statistics valid", get=lambda r: "是" if r.data_valid else "否"),
        Column("pm25_change", "PM2.5 同比(µg/m³)", "PM2.5 YoY (µg/m³)", get=lambda r: _num(r.change("pm25"))),
        Column("pm25_change_pct", "PM2.5 同比(%)", "PM2.5 YoY (%)", get=lambda r: _num(r.change("pm25_pct"))),
        Column("good_ratio_change", "优良比例同比(百分点)", "Good-day ratio YoY (points)",
               get=lambda r: _num(r.change("good_ratio"))),
        Column("composite_change_pct", "综合指数变化率(%)", "Composite change (%)",
               get=lambda r: _num(r.change("composite_pct"))),
    ]
    return cols


CITY_COLUMNS = [
    Column("rank", "排名", "Rank"),
    Column("rank_change", "排名变化", "Rank change", get=lambda r: _arrow(r["rank_change"])),
    Column("city", "城市", "City"),
    Column("composite", "综合指数", "Composite index"),
    Column("pm25", "PM2.5(µg/m³)", "PM2.5 (µg/m³)", get=lambda r: _num(r["pm25"], 0)),
    Column("good_ratio", "优良天数比例(%)", "Good-day ratio (%)", get=lambda r: _num(r["good_ratio"])),
    Column("rank_previous", "上年同期排名", "Rank a year before"),
    Column("source", "来源", "Source"),
]


SECTION_COLUMNS = [
    Column("code", "断面编码", "Code"),
    Column("name", "断面名称", "Section"),
    Column("level", "级别", "Level", get=lambda r: {"national": "国考", "provincial": "省考", "city": "市考"}.get(r.level, "")),
    Column("river", "河流/水体", "River / water body", get=lambda r: r.site.river),
    Column("n_samples", "监测次数", "Samples"),
    Column("class", "水质类别", "Class", get=lambda r: r.class_label),
    Column("target", "目标类别", "Target", get=lambda r: class_label(r.target)),
    Column("compliant", "是否达标", "Meets target", get=lambda r: _yes(r.compliant)),
    Column("main_pollutants", "主要污染物(超标倍数)", "Main pollutants (multiple)", get=lambda r: r.pollutants_text),
    Column("previous", "上年同期类别", "Class a year before", get=lambda r: r.previous_label),
]

SOURCE_COLUMNS = [
    Column("code", "水源地编码", "Code"),
    Column("name", "水源地名称", "Source"),
    Column("n_samples", "监测次数", "Samples"),
    Column("class", "水质类别", "Class", get=lambda r: r.class_label),
    Column("target", "目标类别", "Target", get=lambda r: class_label(r.target)),
    Column("compliant", "是否达标", "Compliant", get=lambda r: _yes(r.compliant)),
    Column("main_pollutants", "超标项目", "Items above Class III", get=lambda r: r.pollutants_text),
]


def _veto_text(row) -> str:
    v = row.get("veto")
    return "" if not v else f"{VetoConsequence.label(v['consequence'])}：{v['reason']}"


def scorecard_columns(indicator_keys: list[str], labels: dict[str, str]) -> list[Column]:
    cols = [
        Column("rank", "排名", "Rank"),
        Column("rank_change", "较上期", "Since last period", get=lambda r: _arrow(r.get("rank_change"))),
        Column("unit", "单位", "Unit"),
        Column("peer_group", "组别", "Peer group", get=lambda r: PeerGroup.label(r["peer_group"])),
        Column("score_before_veto", "否决前得分", "Score before veto", get=lambda r: _num(r["score_before_veto"], 2)),
        Column("score", "得分", "Score", get=lambda r: _num(r["score"], 2)),
        Column("grade", "等次", "Grade", get=lambda r: Grade.label(r["grade"]) if r["grade"] else "—"),
        Column("veto", "一票否决", "Veto", get=_veto_text),
    ]
    for key in indicator_keys:
        cols.append(Column(f"{key}__value", f"{labels.get(key, key)}(值)", f"{key} value",
                           get=lambda r, k=key: _cell(r, k, "value")))
        cols.append(Column(f"{key}__score", f"{labels.get(key, key)}(分)", f"{key} score",
                           get=lambda r, k=key: _cell(r, k, "score")))
    return cols


def _cell(row, key: str, what: str) -> str:
    ind = (row.get("indicators") or {}).get(key) or {}
    if ind.get("status") == "insufficient":
        return "数据不足" if what == "score" else _num(ind.get("value"), 2)
    return _num(ind.get(what), 2)


UNIT_KIND_LABEL = UnitKind.label
