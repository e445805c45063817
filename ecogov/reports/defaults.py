"""The document types as a fresh install has them (staff edit them on the type's page)."""

from __future__ import annotations

from .choices import DocKind

OFFICE = "市生态环境局办公室"

DEFAULTS: dict[str, dict] = {
    DocKind.MONTHLY: {"name": "生态环境工作简报", "issuing_office": OFFICE, "copy_to": "市委办公室，市政府办公室"},
    DocKind.QUARTERLY: {"name": "生态环境工作季度总结", "issuing_office": OFFICE, "copy_to": "市委办公室，市政府办公室"},
    DocKind.ANNUAL: {"name": "生态环境工作年度总结", "issuing_office": OFFICE, "copy_to": "市委办公室，市政府办公室"},
    DocKind.LEADER: {"name": "生态环境工作要情", "issuing_office": OFFICE, "copy_to": "局领导班子成员"},
    DocKind.RECTIFICATION: {"name": "生态环境问题整改工作通报", "issuing_office": OFFICE,
                            "copy_to": "各县（区）人民政府，市直有关单位"},
    DocKind.PUBLIC: {"name": "生态环境状况公报", "issuing_office": "市生态环境局", "copy_to": ""},
}
