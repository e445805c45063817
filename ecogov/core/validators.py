"""Validators for Chinese identifiers, each raising a Django ``ValidationError``
with a bilingual message that names the field."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# GB 32100-2015 §4.2: the code's character set (no I, O, Z, S, V).
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# GB 32100-2015 Table 3: weights of positions 1..17 (3**i mod 31).
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_char(first17: str) -> str:
    """The 18th (check) character of a unified social credit code, GB 32100-2015 §4.3.

    C18 = 31 - (sum(Ci * Wi) mod 31), with 31 written as 0.
    """
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def uscc_problem(code: str) -> tuple[str, str] | None:
    """``None`` when ``code`` is a valid USCC, else (Chinese, English) reasons."""
    code = (code or "").strip().upper()
    if len(code) != 18:
        return (f"统一社会信用代码应为18位，实为{len(code)}位", f"must be 18 characters, got {len(code)}")
    bad = sorted({c for c in code if c not in USCC_CHARSET})
    if bad:
        return (f"含有不允许的字符：{''.join(bad)}", f"contains characters not allowed: {''.join(bad)}")
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        return (f"校验码错误（应为{expected}）", f"wrong check character (expected {expected})")
    return None


def validate_uscc(value: str) -> None:
    """Django field validator for 统一社会信用代码 (GB 32100-2015)."""
    problem = uscc_problem(value)
    if problem:
        raise ValidationError(
            _("Unified social credit code: %(reason)s"),
            code="uscc",
            params={"reason": problem[1] if _english() else problem[0]},
        )


def _english() -> bool:
    from django.utils.translation import get_language

    return (get_language() or "").lower().startswith("en")


def validate_lon(value: float) -> None:
    if not -180 <= value <= 180:
        raise ValidationError(_("Longitude must be between -180 and 180"), code="lon")


def validate_lat(value: float) -> None:
    if not -90 <= value <= 90:
        raise ValidationError(_("Latitude must be between -90 and 90"), code="lat")


class CharacterClassesValidator:
    """Password policy: at least ``min_classes`` of upper-case letters, lower-case letters,
    digits and other characters (an AUTH_PASSWORD_VALIDATORS entry)."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        classes = [any(c.isupper() for c in password), any(c.islower() for c in password),
                   any(c.isdigit() for c in password), any(not c.isalnum() for c in password)]
        if sum(classes) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return _("The password must contain at least %(n)d of: upper-case letters, lower-case letters, "
                 "digits, other characters.") % {"n": self.min_classes}
