"""Core API schemas."""

from __future__ import annotations

from ninja import Schema


class JurisdictionOut(Schema):
    code: str
    name: str
    level: str
    parent_code: str | None = None
    path: str

    @staticmethod
    def resolve_parent_code(obj) -> str | None:
        return obj.parent.code if obj.parent_id else None


class MeOut(Schema):
    username: str
    full_name: str
    role: str
    role_label: str
    jurisdiction: JurisdictionOut | None = None
    enterprise_id: int | None = None
    is_superuser: bool
