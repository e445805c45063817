"""Column lists shared by the pages and their .xlsx exports (staff and public)."""

from __future__ import annotations

from ecogov.core.excel import Column
from ecogov.core.privacy import mask_name

from .choices import CaseStatus, Circumstance, TransferReceiver, TransferStatus

CASE_COLUMNS = [
    Column("case_no", "案件编号", "Case number"),
    Column("supervised_object__name", "当事人", "Party"),
    Column("opened_date", "线索日期", "Opened"),
    Column("filed_date", "立案日期", "Filed"),
    Column("status", "状态", "Status", get=lambda c: CaseStatus.label(c.status)),
    Column("decision_date", "决定日期", "Decided"),
    Column("amount", "罚款（元）", "Fine (CNY)", get=lambda c: float(c.amount) if c.amount is not None else None),
    Column("handler", "承办人", "Handler", get=lambda c: str(c.handler or "")),
]

def public_decision_columns(authority: str) -> list[Column]:
    """The published fields of a decision; ``authority`` is the deciding bureau's name
    (``selectors.penalty_authority``)."""
    return [
        Column("decision_no", "行政处罚决定书文号", "Decision number"),
        Column("supervised_object__name", "被处罚单位", "Party"),
        Column("supervised_object__uscc", "统一社会信用代码", "USCC"),
        Column("legal_rep", "法定代表人", "Legal representative",
               get=lambda c: mask_name(c.supervised_object.legal_representative)),
        Column("facts", "主要违法事实", "Facts"),
        Column("legal_basis", "处罚依据", "Legal basis"),
        Column("amount", "处罚内容（罚款，元）", "Fine (CNY)", get=lambda c: float(c.amount or 0)),
        Column("decision_date", "处罚决定日期", "Decision date"),
        Column("authority", "处罚机关", "Authority", get=lambda c: authority),
    ]


YELLOW_CARD_COLUMNS = [
    Column("supervised_object__name", "企业名称", "Enterprise"),
    Column("supervised_object__uscc", "统一社会信用代码", "USCC"),
    Column("issued_date", "警示日期", "Issued"),
    Column("valid_from", "警示期起", "From"),
    Column("valid_to", "警示期止", "To"),
    Column("reason", "警示原因", "Reason"),
]

TRANSFER_COLUMNS = [
    Column("case__case_no", "案件编号", "Case"),
    Column("case__supervised_object__name", "当事人", "Party"),
    Column("receiver", "接收机关类型", "Receiver", get=lambda t: TransferReceiver.label(t.receiver)),
    Column("receiver_name", "接收机关", "Receiving body"),
    Column("transfer_date", "移送日期", "Transferred"),
    Column("status", "状态", "Status", get=lambda t: TransferStatus.label(t.status)),
]

OVERDUE_COLUMNS = [
    Column("case_no", "案件编号", "Case number", get=lambda r: r.case.case_no),
    Column("party", "当事人", "Party", get=lambda r: r.case.supervised_object.name),
    Column("status", "状态", "Status", get=lambda r: CaseStatus.label(r.case.status)),
    Column("late", "逾期环节", "Overdue steps", get=lambda r: "；".join(f"{d.label}：{d.due:%Y-%m-%d}" for d in r.late)),
]

DISCRETION_COLUMNS = [
    Column("code", "编码", "Code"),
    Column("violation", "违法行为", "Violation"),
    Column("legal_basis", "法律依据", "Legal basis"),
    Column("circumstance", "情节", "Circumstance", get=lambda r: Circumstance.label(r.circumstance)),
    Column("min_amount", "罚款下限（元）", "Minimum (CNY)", get=lambda r: float(r.min_amount)),
    Column("max_amount", "罚款上限（元）", "Maximum (CNY)", get=lambda r: float(r.max_amount)),
    Column("reasoning", "裁量理由", "Reasoning"),
]
