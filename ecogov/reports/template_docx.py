"""The default Word template of each document type, built with python-docx.

Staff download it from the type's page, edit it in Word or WPS (masthead,
fonts, margins, imprint) and upload it back; the engine then renders the
uploaded one. The template is a docxtpl (Jinja) document with these fields:

``{{ masthead }}`` (the red issuing-organ mark), ``{{ number_label }}`` (第N期),
``{{ issuing_office }}``, ``{{ issued_date }}``, ``{{ title }}``, ``{{ period }}``,
``{{ jurisdiction }}``, ``{{ foreword }}`` (editor's note, may be empty),
``{{p body }}`` (the sections, written with the template's own styles
"Heading 1", "Heading 2", "Normal", "Caption", "Table Text" and "Table Grid")
and ``{{ copy_to }}``.
"""

from __future__ import annotations

import io
from functools import cache

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from . import layout


def set_font(target, role: str, size: float, *, bold: bool = False, colour: str | None = None) -> None:
    """Font of a style or run: the document font of ``role`` for Latin and East Asian text."""
    name = layout.FONTS[role][0]
    target.font.name = name
    target.font.size = Pt(size)
    target.font.bold = bold
    target.font.color.rgb = RGBColor.from_string(colour or "000000")
    rpr = target.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)  # a theme font would win over the named one
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _paragraph_format(style, *, indent: bool, align=WD_ALIGN_PARAGRAPH.JUSTIFY, pitch: float | None = None) -> None:
    pf = style.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.alignment = align
    pf.first_line_indent = Pt(2 * layout.BODY_PT) if indent else Pt(0)
    if pitch:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(pitch)


def _styles(doc) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    set_font(normal, "body", layout.BODY_PT)
    _paragraph_format(normal, indent=True, pitch=layout.LINE_PITCH_PT)
    title = styles["Title"]
    set_font(title, "title", layout.TITLE_PT)
    _paragraph_format(title, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, pitch=36)
    title.paragraph_format.space_before = Pt(layout.LINE_PITCH_PT)
    title.paragraph_format.space_after = Pt(layout.LINE_PITCH_PT)
    ppr = title.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)
    for name, role in (("Heading 1", "h1"), ("Heading 2", "h2")):
        style = styles[name]
        set_font(style, role, layout.BODY_PT)
        _paragraph_format(style, indent=True, pitch=layout.LINE_PITCH_PT)
        style.paragraph_format.keep_with_next = True
    caption = styles["Caption"]
    set_font(caption, "h1", layout.TABLE_PT)
    _paragraph_format(caption, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.space_before = Pt(6)
    table_text = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    set_font(table_text, "body", layout.TABLE_PT)
    _paragraph_format(table_text, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)


def _page(doc) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(layout.PAGE_MM[0]), Mm(layout.PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(layout.MARGINS_MM["top"]), Mm(layout.MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(layout.MARGINS_MM["left"]), Mm(layout.MARGINS_MM["right"])
    section.footer_distance = Mm(20)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.paragraph_format.first_line_indent = Pt(0)
    for text in ("— ", None, " —"):
        run = footer.add_run(text or "")
        set_font(run, "page", layout.PAGE_NO_PT)
        if text is None:
            _page_field(run)


def _page_field(run) -> None:
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def _border(paragraph, side: str, colour: str, size: int = 12) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.append(borders)
    el = OxmlElement(f"w:{side}")
    for k, v in (("val", "single"), ("sz", str(size)), ("space", "4"), ("color", colour)):
        el.set(qn(f"w:{k}"), v)
    borders.append(el)


def _line(doc, text: str, role: str, size: float, *, align=WD_ALIGN_PARAGRAPH.CENTER, colour=None, style=None):
    p = doc.add_paragraph(style=style)
    p.alignment = align
    p.paragraph_format.first_line_indent = Pt(0)
    run = p.add_run(text)
    set_font(run, role, size, colour=colour)
    return p


def _masthead(doc) -> None:
    _line(doc, "{{ masthead }}", "title", 32, colour=layout.RED)
    _line(doc, "{{ number_label }}", "body", layout.BODY_PT)
    p = _line(doc, "{{ issuing_office }}\t{{ issued_date }}", "body", layout.BODY_PT, align=WD_ALIGN_PARAGRAPH.LEFT)
    p.paragraph_format.tab_stops.add_tab_stop(Mm(layout.TYPE_AREA_MM[0]), WD_TAB_ALIGNMENT.RIGHT)
    _border(p, "bottom", layout.RED, 18)


def _imprint(doc) -> None:
    """版记: copies to, then the issuing office and the date of printing, between two lines."""
    p = _line(doc, "抄送：{{ copy_to }}", "body", 14, align=WD_ALIGN_PARAGRAPH.LEFT)
    p.paragraph_format.space_before = Pt(layout.LINE_PITCH_PT)
    p.paragraph_format.keep_with_next = True
    _border(p, "top", "000000", 8)
    q = _line(doc, "{{ issuing_office }}\t{{ issued_date }}印发", "body", 14, align=WD_ALIGN_PARAGRAPH.LEFT)
    q.paragraph_format.tab_stops.add_tab_stop(Mm(layout.TYPE_AREA_MM[0]), WD_TAB_ALIGNMENT.RIGHT)
    _border(q, "bottom", "000000", 8)


@cache
def default_template() -> bytes:
    """The default template (every type starts from it; the masthead text comes from the type)."""
    doc = Document()
    _styles(doc)
    _page(doc)
    _masthead(doc)
    doc.add_paragraph("{{ title }}", style="Title")
    doc.add_paragraph("{%p if foreword %}")
    note = doc.add_paragraph()
    set_font(note.add_run("编者按：{{ foreword }}"), "h2", layout.BODY_PT)
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{{p body }}")
    _imprint(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
