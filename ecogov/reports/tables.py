"""The archive's columns: one list for the page and its .xlsx export."""

from __future__ import annotations

from ecogov.core.excel import Column

from .choices import BriefingStatus, DocKind

BRIEFING_COLUMNS = [
    Column("title", "标题", "Title"),
    Column("kind", "类型", "Type", get=lambda r: DocKind.label(r.kind)),
    Column("period_code", "统计期", "Period"),
    Column("jurisdiction__name", "区域", "Jurisdiction"),
    Column("number", "期号", "Number", get=lambda r: r.number_label),
    Column("year", "年度", "Year"),
    Column("version", "版本", "Version"),
    Column("status", "状态", "Status", get=lambda r: BriefingStatus.label(r.status)),
    Column("issued_date", "印发日期", "Issued on"),
    Column("issuing_office", "印发机关", "Issuing office"),
    Column("docx_sha256", "Word 文件 SHA-256", "Word file SHA-256"),
    Column("pdf_sha256", "PDF 文件 SHA-256", "PDF file SHA-256"),
]
