"""The monthly bulletin (月通报) as .docx: completion rate by batch and by unit, the
behind-schedule list and the red list. Built from selectors' rows; no queries here."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document

from ecogov.core.word import add_grid_table

from .choices import SourceKind


def _table(doc, header: list[str], rows: list[list]) -> None:
    add_grid_table(doc, header, rows, empty="—")


def _rate(value) -> str:
    return "—" if value is None else f"{value:.1f}%"


def build(*, month: dt.date, overview: list[dict], behind: list, red: list) -> bytes:
    doc = Document()
    doc.add_heading(f"生态环境问题整改情况月通报（{month:%Y年%m月}）", level=1)
    received = sum(o["received"] for o in overview)
    closed = sum(o["closed"] for o in overview)
    doc.add_paragraph(f"截至{month:%Y年%m月}底，纳入整改台账的问题共{received}个，已销号{closed}个。")
    doc.add_heading("一、各批次整改完成情况", level=2)
    _table(doc, ["批次", "来源", "交办问题", "已销号", "按期销号", "完成率", "滞后", "逾期"],
           [[o["batch"].code + " " + o["batch"].title, SourceKind.label_zh(o["batch"].source), o["received"],
             o["closed"], o["on_time"], _rate(o["rate"]), o["behind"], o["overdue"]] for o in overview])
    doc.add_heading("二、各责任单位整改完成情况", level=2)
    _table(doc, ["批次", "责任单位", "交办问题", "已销号", "完成率"],
           [[o["batch"].code, u["unit"], u["received"], u["closed"], _rate(u["rate"])]
            for o in overview for u in o["units"]])
    doc.add_heading("三、滞后序时进度的问题", level=2)
    _table(doc, ["问题", "责任单位", "包案领导", "期限", "进度"],
           [[i.problem[:60], i.unit_label, i.leader, i.deadline, f"{i.progress}%"] for i in behind])
    doc.add_heading("四、通报（红榜）", level=2)
    _table(doc, ["问题", "责任单位", "包案领导", "期限", "列入日期"],
           [[e.item.problem[:60], e.item.unit_label, e.item.leader, e.item.deadline, e.date] for e in red])
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
