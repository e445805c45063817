"""Public hot reads kept in Django's cache (local memory, or Redis when ``REDIS_URL`` is set).

``public_cached(name, request, stamp, build)`` returns ``build()``'s value, computed
once per *data version*: the key holds the app's ``stamp()`` (a cheap read that
changes whenever an ingest, a recomputation or a workflow step changes what the page
shows: newest ids, batch and warning times), the language, the path with its query
string and the current hour. New data therefore shows at once, with no explicit
invalidation from the writers; ``PUBLIC_CACHE_SECONDS`` bounds how long an entry
lives anyway. While one request rebuilds a
changed page, the others get the previous version instead of all rebuilding it.
A process asks ``stamp()`` at most once every ``STAMP_SECONDS``
(so new data shows within two seconds, and a surge costs no query). Only anonymous requests are cached: a signed-in user's scope may differ.
``public_page`` keeps the rendered HTML with a placeholder where the CSRF token goes
and puts each client's own token in on the way out; ``public_bytes`` keeps an
encoded API answer. Cookies and headers are never cached.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

_MISSING = object()
_TOKEN = "csrf-token-placeholder-7f3b9c"
STAMP_SECONDS = 2.0
_stamps: dict[Callable[[], str], tuple[float, str]] = {}


def static_stamp() -> str:
    """The stamp of a page that depends on no data (a blank form, the portal's index)."""
    return ""


def current_stamp(stamp: Callable[[], str]) -> str:
    """``stamp()``, asked again only when the value this process holds is older than ``STAMP_SECONDS``."""
    now = time.monotonic()
    held = _stamps.get(stamp)
    if held is None or now - held[0] > STAMP_SECONDS:
        held = (now, stamp())
        _stamps[stamp] = held
    return held[1]


def cacheable(request) -> bool:
    user = getattr(request, "user", None)
    return (request.method in ("GET", "HEAD") and not getattr(user, "is_authenticated", False)
            and "HTTP_AUTHORIZATION" not in request.META)


def public_key(name: str, request, stamp: str) -> str:
    hour = timezone.now().strftime("%Y%m%d%H")
    raw = f"{get_language()}|{request.get_full_path()}|{hour}|{stamp}"
    return f"public:{name}:{hashlib.sha256(raw.encode()).hexdigest()[:32]}"


def public_cached(name: str, request, stamp: Callable[[], str], build: Callable[[], Any]) -> Any:
    """``build()``, cached for anonymous GETs per data version (see the module docstring)."""
    if not cacheable(request) or settings.PUBLIC_CACHE_SECONDS <= 0:
        return build()
    key = public_key(name, request, current_stamp(stamp))
    value = cache.get(key, _MISSING)
    if value is not _MISSING:
        return value
    last = public_key(name, request, "last")  # the previous version, served while one request rebuilds
    if not cache.add(f"{key}:building", 1, timeout=30):
        value = cache.get(last, _MISSING)
        if value is not _MISSING:
            return value
    value = build()
    cache.set_many({key: value, last: value}, settings.PUBLIC_CACHE_SECONDS)
    cache.delete(f"{key}:building")
    return value


def public_page(request, name: str, template: str, stamp: Callable[[], str], build: Callable[[], dict]) -> HttpResponse:
    """The page ``template`` rendered with ``build()``, its HTML cached per data version."""
    if len(get_messages(request)):  # a pending message is shown once, to this client only
        return HttpResponse(render_to_string(template, build(), request))

    def render() -> str:
        return render_to_string(template, {**build(), "csrf_token": _TOKEN}, request)

    html = public_cached(name, request, stamp, render)
    return HttpResponse(html.replace(_TOKEN, get_token(request)))


def public_bytes(request, name: str, stamp: Callable[[], str], build: Callable[[], bytes],
                 content_type: str = "application/json; charset=utf-8") -> HttpResponse:
    """An encoded answer (``build()`` returns the body), cached per data version."""
    return HttpResponse(public_cached(name, request, stamp, build), content_type=content_type)
