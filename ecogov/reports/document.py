"""A briefing's content written into its type's Word template (docxtpl).

The template gives the page, the masthead and the imprint; the sections go in
as one sub-document written with the template's own styles, so a template
edited by staff changes every document of the type. Tables repeat their
header row on each page and keep each row on one page.
"""

from __future__ import annotations

import io
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docxtpl import DocxTemplate

from ecogov.core.briefing import FIELD, fill

from . import charts

NUMERALS = "一二三四五六七八九十"
NO_DATA = "本期暂无数据。"


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 23 -> 二十三 (up to 99)."""
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else NUMERALS[tens - 1]) + "十" + (NUMERALS[ones - 1] if ones else "")


class Styled:
    """Paragraphs of ``doc`` in a named style, each name looked up once: python-docx looks a name up
    (and the default style, over every style of the template) on each assignment, which cost
    about 1 s for a monthly briefing's 400 paragraphs and cells."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.ids: dict[str, str | None] = {}

    def style(self, paragraph, name: str | None):
        if name is not None:
            if name not in self.ids:
                self.ids[name] = self.doc.styles.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH)
            paragraph._p.style = self.ids[name]
        return paragraph

    def add_paragraph(self, text: str = "", style: str | None = None):
        return self.style(self.doc.add_paragraph(text), style)

    def add_table(self, rows: int, cols: int):
        return self.doc.add_table(rows=rows, cols=cols)


def _row_flags(row, *, header: bool) -> None:
    trpr = row._tr.get_or_add_trPr()
    for tag in (("w:tblHeader",) if header else ()) + ("w:cantSplit",):
        trpr.append(OxmlElement(tag))


def _table(body, tab: dict, n: int) -> None:
    body.add_paragraph(f"表{n}　{tab['title']}", style="Caption")
    header = tab["header"]
    table = body.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _row_flags(table.rows[0], header=True)
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        body.style(cell.paragraphs[0], "Table Text").add_run(str(text)).bold = True
    for values in tab["rows"]:
        row = table.add_row()
        _row_flags(row, header=False)
        for cell, value in zip(row.cells, values, strict=False):
            body.style(cell.paragraphs[0], "Table Text").add_run("" if value is None else str(value))


def _chart(body, chart: dict, n: int) -> None:
    p = body.add_paragraph(style="Table Text")
    p.add_run().add_picture(io.BytesIO(charts.render_png(chart)), width=Cm(15))
    body.add_paragraph(f"图{n}　{chart['title']}", style="Caption")


class Counter:
    def __init__(self) -> None:
        self.tables = self.charts = 0


def _compact(body, index: int, sec: dict) -> None:
    """The leader's one-page brief: one paragraph per section, its title run in, the headline figures."""
    p = body.add_paragraph()
    p.add_run(f"{chinese_number(index)}、{sec['title']}。").bold = True
    p.add_run(_headline(sec))


def _headline(sec: dict) -> str:
    """The first sentence of the section that carries a figure (the headline of the leader's brief)."""
    sentences = [part for para in sec["paragraphs"] for part in para.split("。") if part.strip()]
    with_figure = [part for part in sentences if FIELD.search(part)]
    if not with_figure:
        return NO_DATA
    return fill(with_figure[0], sec["figures"]) + "。"


def write_section(body, index: int, sec: dict, numbers: Counter, *, compact: bool = False) -> None:
    if compact:
        _compact(body, index, sec)
        return
    body.add_paragraph(f"{chinese_number(index)}、{sec['title']}", style="Heading 1")
    if sec.get("empty"):
        body.add_paragraph(NO_DATA + (sec.get("note") or ""))
        return
    for paragraph in sec["paragraphs"]:
        body.add_paragraph(fill(paragraph, sec["figures"]))
    for tab in sec["tables"]:
        numbers.tables += 1
        _table(body, tab, numbers.tables)
    for chart in sec["charts"]:
        numbers.charts += 1
        _chart(body, chart, numbers.charts)


def _data_notes(body, content: dict) -> None:
    """附：数据说明 — each section's period, as-of time and coverage."""
    body.add_paragraph("附：数据说明", style="Heading 2")
    for i, sec in enumerate(content["sections"], 1):
        as_of = (sec.get("as_of") or "—").replace("T", " ")[:16]
        cov = "—" if sec.get("coverage") is None else f"{sec['coverage'] * 100:.1f}%"
        body.add_paragraph(f"{i}. {sec['title']}：统计期 {content['period']['label']}，数据截至 {as_of}，"
                           f"数据完整率 {cov}。")


def render_docx(content: dict, template: bytes, meta: dict[str, Any]) -> bytes:
    """The .docx of ``content`` in ``template``; ``meta`` fills the masthead and imprint fields."""
    tpl = DocxTemplate(io.BytesIO(template))
    sub = tpl.new_subdoc()
    body = Styled(sub)
    numbers = Counter()
    compact = content.get("compact", False)
    sections = [s for s in content["sections"] if not (compact and s.get("empty"))]
    for i, sec in enumerate(sections, 1):
        write_section(body, i, sec, numbers, compact=compact)
    if not compact:
        _data_notes(body, content)
    context = {"title": content["title"], "period": content["period"]["label"],
               "jurisdiction": content["jurisdiction"]["name"], "foreword": content.get("foreword", ""),
               "body": sub, **meta}
    tpl.render(context, autoescape=True)
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()


def docx_text(data: bytes) -> str:
    """All the text of a .docx (paragraphs and table cells, in order), for tests and checks."""
    from docx import Document

    doc = Document(io.BytesIO(data))
    out = []
    for block in doc.element.body.iter(qn("w:p")):
        out.append("".join(t.text or "" for t in block.iter(qn("w:t"))))
    return "\n".join(out)
