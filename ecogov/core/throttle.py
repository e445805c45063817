"""Login and API-token abuse: failures counted per account and per client address, a
temporary lockout past a limit, lifted by time or by an administrator (``ecogov unlock``).

Every failure that was checked (a wrong password, an unknown, revoked or orphaned API token, a
wrong second-factor code) writes a ``login_failed`` audit row; attempts refused because of a
lockout do not (the lockout row already tells). A bearer token of a locked account is refused
like its password: a locked account is suspect until the lock is lifted.

Counters live in the ``throttle`` cache: Redis when ``REDIS_URL`` is set, else a table
in the database (Django's database cache), so every web worker sees the same counts
(a per-process memory cache would let each worker allow its own quota). A lockout
writes a ``security`` audit row and notifies every active administrator.

Limits (settings): ``LOGIN_FAILURE_LIMIT`` failures of one account, or
``LOGIN_IP_FAILURE_LIMIT`` failures (logins and bad API tokens) from one address,
within ``LOGIN_FAILURE_WINDOW`` seconds lock it for ``LOGIN_LOCKOUT_SECONDS``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.dispatch import receiver

from .errors import DomainError


class LockedOut(DomainError):
    status = 429


def _cache():
    return caches["throttle"]


def client_address(request) -> str:
    if request is None:
        return "unknown"
    if getattr(settings, "TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _subject_keys(username: str | None, address: str) -> list[tuple[str, str, int]]:
    keys = [("ip", address, settings.LOGIN_IP_FAILURE_LIMIT)]
    if username:
        keys.insert(0, ("user", username.strip().lower()[:150], settings.LOGIN_FAILURE_LIMIT))
    return keys


def _lock_key(kind: str, value: str) -> str:
    return f"lock:{kind}:{value}"


def locked(username: str | None, address: str) -> str | None:
    """``"user"`` or ``"ip"`` when that subject is locked out now, else ``None``."""
    for kind, value, _limit in _subject_keys(username, address):
        if _cache().get(_lock_key(kind, value)):
            return kind
    return None


def refuse_if_locked(username: str | None, address: str) -> None:
    kind = locked(username, address)
    if kind is not None:
        minutes = max(1, settings.LOGIN_LOCKOUT_SECONDS // 60)
        raise LockedOut(
            "locked_out",
            f"登录失败次数过多，{'该账户' if kind == 'user' else '该网络地址'}已被临时锁定 {minutes} 分钟；"
            "如需提前解锁请联系系统管理员。",
            f"Too many failed attempts: this {'account' if kind == 'user' else 'address'} is locked for "
            f"{minutes} minutes; an administrator can lift the lock earlier.",
            detail={"locked": kind, "seconds": settings.LOGIN_LOCKOUT_SECONDS},
        )


def _count(key: str) -> int:
    cache = _cache()
    if cache.add(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW)
        return 1


def record_failure(username: str | None, address: str, *, what: str = "login") -> None:
    """Audit one failure, count it for the account and the address; lock each that reaches its limit."""
    if locked(username, address):
        return  # refused by the lockout, not checked: the lockout row tells
    _audit_failure(username, address, what)
    for kind, value, limit in _subject_keys(username, address):
        if _count(f"fail:{kind}:{value}") >= limit and _cache().add(
                _lock_key(kind, value), 1, timeout=settings.LOGIN_LOCKOUT_SECONDS):
            _alert(kind, value, address, what)


def record_success(username: str) -> None:
    _cache().delete(f"fail:user:{username.strip().lower()}")


def unlock(*, username: str | None = None, address: str | None = None) -> None:
    """Lift a lockout (an administrator's action)."""
    for kind, value in (("user", (username or "").strip().lower()), ("ip", address or "")):
        if value:
            _cache().delete_many([_lock_key(kind, value), f"fail:{kind}:{value}"])


_FAILURE_NOTES = {"login": "wrong password", "token": "bad API token", "otp": "wrong second-factor code"}


def _audit_failure(username: str | None, address: str, what: str) -> None:
    from .models import AuditLog, User

    user = User.objects.filter(username__iexact=username.strip()).first() if username else None
    AuditLog.objects.create(
        actor=None, actor_label=f"anonymous ({address})"[:150], content_type=ContentType.objects.get_for_model(User),
        object_id=str(user.pk) if user else "", object_repr=(username or "").strip()[:255],
        event="login_failed", changes={"failure": [None, what]},
        note=f"{_FAILURE_NOTES.get(what, what)} for {(username or '-').strip()[:150]} from {address}")


def _alert(kind: str, value: str, address: str, what: str) -> None:
    from .models import AuditLog, User
    from .notifications import notify

    user = User.objects.filter(username__iexact=value).first() if kind == "user" else None
    subject = (f"账户 {value} 因登录失败次数过多被临时锁定" if kind == "user"
               else f"网络地址 {value} 因登录或令牌失败次数过多被临时锁定")
    with transaction.atomic():
        AuditLog.objects.create(
            actor=None, actor_label=f"system ({address})", content_type=ContentType.objects.get_for_model(User),
            object_id=str(user.pk) if user else "", object_repr=value[:255], event="security",
            changes={"locked": [None, kind], "failures": [None, what]},
            note=f"lockout {kind} {value} from {address} after repeated {what} failures")
        for admin in User.objects.filter(role="admin", is_active=True) | User.objects.filter(
                is_superuser=True, is_active=True):
            notify(recipient=admin, address=admin.email, subject=subject,
                   body=f"{subject}（来源地址 {address}，{settings.LOGIN_LOCKOUT_SECONDS // 60} 分钟后自动解除；"
                        f"管理员可用 ecogov unlock 提前解除）")


@receiver(user_login_failed)
def _on_login_failed(sender, credentials, request=None, **kwargs):
    record_failure(credentials.get("username"), client_address(request))


@receiver(user_logged_in)
def _on_logged_in(sender, request, user, **kwargs):
    record_success(user.get_username())


class LockoutBackend(ModelBackend):
    """First authentication backend: refuses every attempt on a locked account or address
    (so the admin login and any other path honour the lockout too)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if locked(username, client_address(request)):
            raise PermissionDenied("locked out")
        return None
