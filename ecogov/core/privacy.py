"""Masking of personal data on pages, exports, public listings and logs."""

from __future__ import annotations


def mask_name(name: str) -> str:
    """张三丰 -> 张**; Li Lei -> L*****: keep the first character (the surname)."""
    name = (name or "").strip()
    return name[0] + "*" * max(1, len(name) - 1) if name else ""


def mask_phone(phone: str) -> str:
    """13812345678 -> 138****5678; short numbers keep only the last two digits."""
    if not phone:
        return ""
    if len(phone) >= 7:
        return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
    return "*" * (len(phone) - 2) + phone[-2:]


def mask_email(email: str) -> str:
    """zhang@example.cn -> z****@example.cn."""
    if not email or "@" not in email:
        return mask_name(email)
    local, domain = email.split("@", 1)
    return local[0] + "*" * max(1, len(local) - 1) + "@" + domain


def mask_contact(address: str) -> str:
    """An e-mail address or a phone number, masked by its kind."""
    return mask_email(address) if "@" in (address or "") else mask_phone(address)
