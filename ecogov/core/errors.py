"""One error hierarchy, mapped to one JSON shape ``{"code", "message", "detail"}``.

Every domain error carries a Chinese and an English message; the API and the
UI show the one that matches the request's language (zh-Hans by default).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language


class DomainError(Exception):
    """A refused operation, with a stable code and bilingual messages."""

    status = 400

    def __init__(self, code: str, message_zh: str, message_en: str, detail: Any = None, status: int | None = None):
        super().__init__(message_en)
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en
        self.detail = detail
        if status is not None:
            self.status = status

    @property
    def message(self) -> str:
        lang = (get_language() or "zh-hans").lower()
        return self.message_en if lang.startswith("en") else self.message_zh

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "detail": self.detail}

    def __str__(self) -> str:
        return f"{self.message_zh} / {self.message_en}"


class ValidationFailed(DomainError):
    """Input that breaks a rule; ``detail`` maps field names to messages."""

    status = 422


class NotFound(DomainError):
    status = 404

    def __init__(self, what_zh: str = "对象", what_en: str = "object", detail: Any = None):
        super().__init__("not_found", f"{what_zh}不存在或无权访问", f"{what_en} not found", detail)


class PermissionRefused(DomainError):
    status = 403

    def __init__(self, detail: Any = None):
        super().__init__("permission_denied", "无权执行此操作", "You do not have permission for this action", detail)


class IllegalTransition(DomainError):
    status = 409


class Conflict(DomainError):
    status = 409


def field_error(field: str, message_zh: str, message_en: str, code: str = "invalid") -> ValidationFailed:
    """A validation error naming one field, e.g. ``field_error("uscc", "校验码错误", "wrong check character")``."""
    lang_msg = {"zh": message_zh, "en": message_en}
    return ValidationFailed(
        code,
        f"{field}: {message_zh}",
        f"{field}: {message_en}",
        detail={"field": field, "errors": {field: lang_msg}},
    )


def from_django(exc) -> ValidationFailed:
    """Turn a Django ``ValidationError`` into a ``ValidationFailed`` naming each field.

    Django messages are lazily translated, so they come out in the request's language;
    both message slots carry the same text.
    """
    from django.utils.translation import override

    def render(lang: str) -> dict[str, list[str]]:
        with override(lang):
            if hasattr(exc, "message_dict"):
                return {k: [str(m) for m in v] for k, v in exc.message_dict.items()}
            return {"__all__": [str(m) for m in exc.messages]}

    zh, en = render("zh-hans"), render("en")

    def flat(d: dict[str, list[str]]) -> str:
        return "; ".join(f"{k}: {' '.join(v)}" if k != "__all__" else " ".join(v) for k, v in d.items())

    return ValidationFailed("validation_error", flat(zh), flat(en), detail={"errors": zh, "errors_en": en})
