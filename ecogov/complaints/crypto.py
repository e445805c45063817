"""Personal data encrypted at rest (Fernet) and masked per role.

``EncryptedTextField`` stores ``Fernet(key).encrypt(text)`` in the database and
gives back the plain text in Python. The key is ``settings.FIELD_ENCRYPTION_KEY``
(a urlsafe-base64 32-byte Fernet key) or, when that is empty, derived from
``SECRET_KEY`` with SHA-256. Encrypted values cannot be searched or sorted.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import models

#: The explicit permission to see a reporter's identity and contact in full (the handling staff and
#: leaders). Even they see it masked on lists, exports and API answers; they reveal one complaint on its
#: page or through the API, with a reason, and each reveal is audited (``services.reporter_reveal``).
PERSONAL_DATA_ROLES = frozenset({"admin", "leader", "officer"})
PREFIX = "fernet:"


@lru_cache(maxsize=4)
def _fernet(key: str, secret: str) -> Fernet:
    if key:
        return Fernet(key.encode() if isinstance(key, str) else key)
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(secret.encode()).digest()))


def fernet() -> Fernet:
    return _fernet(settings.FIELD_ENCRYPTION_KEY or "", settings.SECRET_KEY)


def encrypt(text: str) -> str:
    if not text:
        return ""
    return PREFIX + fernet().encrypt(text.encode()).decode()


def decrypt(value: str | None) -> str:
    if not value:
        return ""
    if not value.startswith(PREFIX):
        return value  # a legacy plain value: readable, re-encrypted on the next save
    try:
        return fernet().decrypt(value[len(PREFIX):].encode()).decode()
    except InvalidToken:
        return "<?>"  # wrong key: never crash a page, never show cipher text


class EncryptedTextField(models.TextField):
    """A text field stored Fernet-encrypted; not searchable."""

    def from_db_value(self, value, expression, connection):
        return decrypt(value)

    def to_python(self, value):
        return decrypt(value) if isinstance(value, str) else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value) if value else ""


def may_see_personal_data(user) -> bool:
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and (user.is_superuser or getattr(user, "role", None) in PERSONAL_DATA_ROLES)
    )


def create_audited_private(*, actor, obj, note: str = ""):
    """``core.audit.create_audited`` whose audit row never holds the plain text of encrypted fields."""
    from ecogov.core.audit import audit_record, diff, snapshot, validate

    validate(obj)
    obj.save()
    snap = snapshot(obj)
    for f in obj._meta.concrete_fields:
        if isinstance(f, EncryptedTextField) and snap.get(f.name):
            snap[f.name] = "***"
    audit_record(actor=actor, obj=obj, event="create", changes=diff({}, snap), note=note)
    return obj
