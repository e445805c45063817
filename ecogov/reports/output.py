"""A briefing's files: its .docx from the type's template, its PDF, and their SHA-256."""

from __future__ import annotations

import hashlib

from . import document, template_docx


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def template_bytes(btype) -> bytes:
    """The type's uploaded template, else the default one."""
    if btype.template:
        with btype.template.open("rb") as fh:
            return fh.read()
    return template_docx.default_template()


def date_zh(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def meta(briefing) -> dict:
    """The masthead and imprint fields of ``briefing`` (a draft says so in place of its number)."""
    btype = briefing.btype
    return {
        "masthead": btype.name,
        "number_label": briefing.number_label or "（草稿）",
        "issuing_office": briefing.issuing_office or btype.issuing_office,
        "issued_date": date_zh(briefing.issued_date),
        "copy_to": btype.copy_to or "",
    }


def render_docx(briefing) -> bytes:
    return document.render_docx(briefing.content, template_bytes(briefing.btype), meta(briefing))


def standalone(btype, content: dict, formats: tuple[str, ...] = ("docx", "pdf")) -> dict[str, bytes]:
    """The files of a briefing that is not stored (the command line): a draft with today's date."""
    from django.utils import timezone

    from .pdf import docx_to_pdf

    meta = {"masthead": btype.name, "number_label": "（草稿）", "issuing_office": btype.issuing_office,
            "issued_date": date_zh(timezone.localdate()), "copy_to": btype.copy_to or ""}
    docx = document.render_docx(content, template_bytes(btype), meta)
    out = {"docx": docx} if "docx" in formats else {}
    if "pdf" in formats:
        out["pdf"] = docx_to_pdf(docx)
    return out
