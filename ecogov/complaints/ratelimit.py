"""Abuse limits on public intake: a fixed-window counter per client IP in Django's cache.

Limits are ``(count, seconds)`` and may be set in settings as
``COMPLAINTS_RATE_LIMITS = {"submit": (5, 3600), ...}``; the default cache
(local memory) is enough for one process, Redis for several.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

from ecogov.core.errors import DomainError

DEFAULT_LIMITS = {
    "submit": (5, 3600),  # complaints per IP per hour (web form and Open311)
    "track": (60, 600),  # tracking look-ups per IP per 10 minutes
    "register": (10, 3600),  # open-day registrations per IP per hour
    "open311": (600, 3600),  # Open311 POSTs per API key per hour
}


class RateLimited(DomainError):
    status = 429


def client_ip(request) -> str:
    if getattr(settings, "COMPLAINTS_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def limit_for(scope: str) -> tuple[int, int]:
    return {**DEFAULT_LIMITS, **getattr(settings, "COMPLAINTS_RATE_LIMITS", {})}[scope]


def check_rate(request, scope: str, ident: str | None = None) -> None:
    """Count one hit for this client (its IP, or ``ident``); raise ``RateLimited`` (HTTP 429) past the limit."""
    count, seconds = limit_for(scope)
    key = f"complaints:rl:{scope}:{ident or client_ip(request)}"
    if cache.add(key, 1, timeout=seconds):
        hits = 1
    else:
        try:
            hits = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=seconds)
            hits = 1
    if hits > count:
        minutes = max(1, seconds // 60)
        raise RateLimited(
            "rate_limited",
            f"提交过于频繁：同一网络每 {minutes} 分钟最多 {count} 次，请稍后再试或拨打 12369 热线。",
            f"Too many requests: at most {count} per {minutes} minutes from one network. "
            "Please try again later or call the 12369 hotline.",
            detail={"limit": count, "window_seconds": seconds},
        )
