"""Status choices in one place: value, Chinese label, English label, colour.

Every state, class and category renders the same way everywhere (pages, API,
exports) because every place reads it from a ``ChoiceSet`` subclass
(after NetBox ``utilities/choices.py``).

Example::

    class CaseStatus(ChoiceSet):
        FILED = ("filed", "立案", "Filed", "blue")

    CaseStatus.FILED            -> "filed"
    CaseStatus.choices()        -> [("filed", "立案"), ...]   (label in the active language)
    CaseStatus.label("filed")   -> "立案" or "Filed"
    CaseStatus.colour("filed")  -> "blue"
"""

from __future__ import annotations

from django.utils.functional import lazy
from django.utils.translation import get_language


def _is_english() -> bool:
    return (get_language() or "zh-hans").lower().startswith("en")


class ChoiceSetMeta(type):
    """Collects ``NAME = (value, zh, en, colour)`` tuples into a registry."""

    def __new__(mcs, name, bases, attrs):
        entries: dict[str, tuple[str, str, str]] = {}
        for base in bases:
            entries.update(getattr(base, "_entries", {}))
        for key, val in list(attrs.items()):
            if key.isupper() and isinstance(val, tuple) and len(val) in (3, 4):
                value, zh, en, *rest = val
                entries[value] = (zh, en, rest[0] if rest else "gray")
                attrs[key] = value
        attrs["_entries"] = entries
        return super().__new__(mcs, name, bases, attrs)


class ChoiceSet(metaclass=ChoiceSetMeta):
    """Base class; see the module docstring."""

    _entries: dict[str, tuple[str, str, str]] = {}

    @classmethod
    def values(cls) -> list[str]:
        return list(cls._entries)

    @classmethod
    def label(cls, value: str | None) -> str:
        if value not in cls._entries:
            return value or ""
        zh, en, _ = cls._entries[value]
        return en if _is_english() else zh

    @classmethod
    def label_zh(cls, value: str) -> str:
        return cls._entries[value][0] if value in cls._entries else value

    @classmethod
    def label_en(cls, value: str) -> str:
        return cls._entries[value][1] if value in cls._entries else value

    @classmethod
    def colour(cls, value: str | None) -> str:
        return cls._entries[value][2] if value in cls._entries else "gray"

    @classmethod
    def choices(cls) -> list[tuple[str, object]]:
        """Django ``choices`` whose labels follow the active language lazily."""
        lazy_label = lazy(cls.label, str)
        return [(value, lazy_label(value)) for value in cls._entries]

    @classmethod
    def max_length(cls) -> int:
        return max((len(v) for v in cls._entries), default=1)


class Role(ChoiceSet):
    LEADER = ("leader", "局领导", "Bureau leader", "purple")
    OFFICER = ("officer", "执法人员", "Bureau officer", "blue")
    DISTRICT = ("district", "区县工作人员", "District staff", "teal")
    STREET = ("street", "街镇/网格员", "Street / grid staff", "green")
    ENTERPRISE = ("enterprise", "企业用户", "Enterprise account", "orange")
    ADMIN = ("admin", "系统管理员", "Administrator", "red")


class JurisdictionLevel(ChoiceSet):
    CITY = ("city", "市", "City", "purple")
    DISTRICT = ("district", "区县", "District / county", "blue")
    STREET = ("street", "街道/乡镇", "Street / town", "teal")
    GRID = ("grid", "网格", "Grid cell", "green")


class AuditEvent(ChoiceSet):
    CREATE = ("create", "创建", "Created", "green")
    UPDATE = ("update", "修改", "Updated", "blue")
    TRANSITION = ("transition", "状态变更", "State change", "purple")
    DELETE = ("delete", "删除", "Deleted", "red")
    IMPORT = ("import", "导入", "Imported", "teal")
    ACTION = ("action", "操作", "Action", "gray")
    SECURITY = ("security", "安全", "Security", "red")
    LOGIN_FAILED = ("login_failed", "登录失败", "Failed sign-in", "orange")
