"""The ledger's columns: one list for the page and its .xlsx export, and the import columns."""

from __future__ import annotations

from ecogov.core.excel import Column, cell_date

from .choices import ItemLevel, ItemState, PlanState, RectificationStatus, SourceKind

ITEM_COLUMNS = [
    Column("batch__code", "批次", "Batch"),
    Column("problem", "问题", "Problem"),
    Column("supervised_object__name", "责任单位", "Responsible unit",
           get=lambda r: r.supervised_object.name if r.supervised_object_id else r.unit_label),
    Column("supervised_object__uscc", "统一社会信用代码", "USCC"),
    Column("level", "层级", "Level", get=lambda r: ItemLevel.label(r.level)),
    Column("leader", "包案领导", "Responsible leader"),
    Column("source_inspection__date", "检查日期", "Inspected on"),
    Column("deadline", "整改期限", "Deadline"),
    Column("progress", "进度（%）", "Progress (%)"),
    Column("plan_state", "序时进度", "Against plan", get=lambda r: PlanState.label(r.plan_state)),
    Column("state", "流程状态", "State", get=lambda r: ItemState.label(r.state)),
    Column("status", "状态", "Status", get=lambda r: RectificationStatus.label(r.status)),
    Column("closed_date", "销号日期", "Closed on"),
]

BATCH_COLUMNS = [
    Column("code", "批次编号", "Batch code"),
    Column("title", "名称", "Title"),
    Column("source", "来源", "Source", get=lambda b: SourceKind.label(b.source)),
    Column("issuing_body", "交办单位", "Issuing body"),
    Column("received_date", "交办日期", "Received on"),
    Column("deadline", "销号期限", "Close-out deadline"),
]




def _int(value):
    return None if value in (None, "") else int(value)


def _text(value):
    return "" if value is None else str(value).strip()


IMPORT_COLUMNS = [
    Column("external_no", "问题编号", "Number", parse=_text, required=True, example="ZY2-001",
           help_zh="批次内唯一；再次导入同一编号即为更新"),
    Column("parent_no", "上级编号", "Parent number", parse=_text, example="",
           help_zh="任务或子任务填写其上级问题/任务的编号（须在本文件前面的行或已导入）"),
    Column("problem", "问题描述", "Problem", parse=_text, required=True, example="某小区餐饮油烟扰民"),
    Column("measures", "整改措施", "Measures", parse=_text, example="安装油烟净化设施并定期清洗"),
    Column("area", "责任区域代码", "Area code", parse=_text, required=True, example="360103",
           help_zh="区县或街道的行政区划代码"),
    Column("department", "责任部门代码", "Department code", parse=_text, example=""),
    Column("leader", "包案领导", "Responsible leader", parse=_text, example="王某某（副区长）"),
    Column("deadline", "整改时限", "Deadline", parse=cell_date, required=True, example="2026-06-30",
           help_zh="日期，格式 YYYY-MM-DD"),
    Column("weight", "权重", "Weight", parse=_int, example=1),
]
