"""The optional second factor: a TOTP code (RFC 6238, any authenticator app) through django-otp.

Who may enrol: the roles in ``OTP_ROLES`` (leaders and administrators by default) and
superusers. Who must: the roles in ``OTP_REQUIRED_ROLES`` (none by default); such an account
that has no device yet is sent to the enrolment page before any other page
(``SecondFactorMiddleware``).

Sign-in with a device is two steps: the password (``LoginView``) keeps the account as
*pending* in the session, without signing it in; the code (``LoginCodeView``) then signs it in
and marks the session verified. A wrong code is a failed sign-in (audited, counted against the
account and the address, locking both like wrong passwords). A session made without the code
(the Django admin's own login, for instance) is signed out by the middleware.

Enrolment keeps the new secret in the session until a code computed from it is confirmed;
only then is the device stored (with a ``security`` audit row), so opening the page writes
nothing. Removing the device needs a current code and is audited too.
"""

from __future__ import annotations

import secrets
import time
from base64 import b32encode
from binascii import unhexlify
from typing import Any

from django.conf import settings
from django.db import transaction
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from .audit import audit_record
from .errors import DomainError, PermissionRefused

PENDING_LOGIN = "ecogov_otp_pending"
PENDING_SECRET = "ecogov_otp_secret"
#: Seconds between the password and the code of one sign-in.
PENDING_SECONDS = 300


def may_enrol(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.role in settings.OTP_ROLES))


def required_for(user) -> bool:
    """True when this account may not work without a second factor."""
    roles = set(settings.OTP_REQUIRED_ROLES)
    return bool(user.is_authenticated and (user.role in roles or (user.is_superuser and "admin" in roles)))


def device_for(user) -> TOTPDevice | None:
    """The account's confirmed device, if it has one."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_verified(request) -> bool:
    return bool(request.session.get(DEVICE_ID_SESSION_KEY))


# --- sign-in: the pending account between the password and the code


def begin_login(request, user, *, next_url: str) -> None:
    request.session[PENDING_LOGIN] = {"user": user.pk, "backend": user.backend, "next": next_url,
                                      "at": int(time.time())}


def pending_login(request) -> tuple[dict[str, Any] | None, Any]:
    """The pending sign-in of this session (or ``None`` once too old) and its active account."""
    from django.contrib.auth import get_user_model

    pending = request.session.get(PENDING_LOGIN)
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None, None
    return pending, get_user_model()._default_manager.filter(pk=pending["user"], is_active=True).first()


def finish_login(request, user, device: TOTPDevice) -> None:
    """Sign the user in (a new session key) and mark the session verified by ``device``."""
    from django.contrib.auth import login

    request.session.pop(PENDING_LOGIN, None)
    login(request, user, backend=user.backend)
    otp_login(request, device)


# --- enrolment


def new_secret(request) -> str:
    """The secret (hex) being enrolled in this session; a new random one the first time."""
    key = request.session.get(PENDING_SECRET)
    if not key:
        key = secrets.token_hex(20)
        request.session[PENDING_SECRET] = key
    return key


def secret_base32(key_hex: str) -> str:
    return b32encode(unhexlify(key_hex)).decode()


def provisioning_uri(user, key_hex: str) -> str:
    return TOTPDevice(user=user, key=key_hex, name="ecogov").config_url


def qr_svg(uri: str) -> str:
    """The provisioning URI as an inline SVG QR code (scan it with the authenticator app)."""
    import segno

    return segno.make(uri, error="m").svg_inline(scale=4, border=2)


def _account(user):
    """The account as a model instance (``request.user`` is a lazy wrapper), for its audit row."""
    from django.contrib.auth import get_user_model

    model = get_user_model()
    return user if type(user) is model else model._default_manager.get(pk=user.pk)


def _bad_code() -> DomainError:
    return DomainError("otp_wrong_code", "验证码错误或已过期，请输入验证器应用中当前显示的 6 位数字。",
                       "Wrong or expired code: enter the 6 digits your authenticator app shows now.")


@transaction.atomic
def device_enrol(*, request, user, code: str) -> TOTPDevice:
    """Store the device whose secret is pending in this session once ``code`` matches it."""
    if not may_enrol(user):
        raise PermissionRefused()
    if has_device(user):
        raise DomainError("otp_enrolled", "已启用二次验证。", "The second factor is already enabled.")
    key = request.session.get(PENDING_SECRET)
    totp = TOTP(unhexlify(key)) if key else None
    if totp is None or not code.strip().isdigit() or not totp.verify(int(code), tolerance=1):
        raise _bad_code()
    device = TOTPDevice.objects.create(user=user, name="authenticator", key=key, confirmed=True,
                                       last_t=totp.t(), drift=totp.drift)
    audit_record(actor=user, obj=_account(user), event="security", changes={"second_factor": [None, "totp"]},
                 note="second factor (TOTP) enrolled")
    request.session.pop(PENDING_SECRET, None)
    otp_login(request, device)
    return device


@transaction.atomic
def device_remove(*, user, code: str) -> None:
    """Remove the account's device; the current code proves the holder has it."""
    if required_for(user):
        raise DomainError("otp_required", "您的角色必须使用二次验证，不能停用。",
                          "Your role requires the second factor; it cannot be turned off.", status=403)
    device = device_for(user)
    if device is None:
        raise DomainError("otp_not_enrolled", "尚未启用二次验证。", "The second factor is not enabled.")
    if not device.verify_token(code.strip()):
        raise _bad_code()
    device.delete()
    audit_record(actor=user, obj=_account(user), event="security", changes={"second_factor": ["totp", None]},
                 note="second factor (TOTP) removed")


@transaction.atomic
def password_changed(*, user) -> None:
    """The audit row of a password change (the change itself is Django's form)."""
    audit_record(actor=user, obj=_account(user), event="security", changes={"password": [None, "changed"]},
                 note="password changed")
