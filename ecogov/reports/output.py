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
