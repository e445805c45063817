"""Domain errors raised in a page view become a proper page, not a 500.

API errors are handled by the NinjaAPI's exception handlers; this middleware
covers the server-rendered pages: a ``PermissionRefused`` answers 403, a
``NotFound`` 404, any other ``DomainError`` its own status, each with the
message in the request's language.

Also the session guards: sign-out after inactivity (``SessionIdleMiddleware``) and the
second factor (``SecondFactorMiddleware``, see ``core/otp.py``).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import contrib
from .errors import DomainError, PermissionRefused


class DomainErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DomainError) or request.path.startswith("/api/"):
            return None
        return render(request, "core/error.html", {"error": exception}, status=exception.status)


class EnterpriseScopeMiddleware:
    """Enterprise accounts see only their own file: the staff modules (URL modules contributed with
    ``staff_only=True``) answer 403 for them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        match = getattr(request, "resolver_match", None)
        if user is None or not user.is_authenticated or getattr(user, "role", None) != "enterprise" or match is None:
            return None
        if match.namespaces and match.namespaces[0] in contrib.staff_only_namespaces():
            return render(request, "core/error.html", {"error": PermissionRefused()}, status=403)
        return None


#: The session key holding the time (Unix seconds) of the account's last request.
LAST_SEEN = "ecogov_last_seen"


class SessionIdleMiddleware:
    """Sign out an account idle for more than ``SESSION_IDLE_SECONDS`` (0 keeps sessions until their
    cookie expires). The time of the last request is kept in the session, rewritten at most every
    tenth of the limit (a minute at most), so that a busy session is not written on every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        idle = settings.SESSION_IDLE_SECONDS
        user = getattr(request, "user", None)
        if idle > 0 and user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get(LAST_SEEN)
            if isinstance(last, int) and now - last > idle:
                logout(request)
                if not request.path.startswith("/api/"):
                    messages.info(request, _("You were signed out after %(minutes)d minutes without activity; "
                                             "please sign in again.") % {"minutes": max(1, idle // 60)})
            elif not isinstance(last, int) or now - last >= min(60, idle // 10):
                request.session[LAST_SEEN] = now
        return self.get_response(request)


class SecondFactorMiddleware:
    """After django-otp's ``OTPMiddleware``: a session of an account that has a second factor but was
    not verified by it (signed in some other way) is signed out; an account whose role requires the
    second factor and has none yet sees only the enrolment page until it has one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from . import otp

        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or otp.is_verified(request):
            return self.get_response(request)
        if otp.has_device(user):
            logout(request)  # the API then answers 401, a page sends to the sign-in
            if request.path.startswith("/api/"):
                return self.get_response(request)
            return redirect_to_login(request.get_full_path())
        if otp.required_for(user) and not self._exempt(request.path):
            if request.path.startswith("/api/"):
                error = DomainError("second_factor_required", "您的角色必须先启用二次验证。",
                                    "Your role must enable the second factor first.", status=403)
                return JsonResponse(error.as_dict(), status=403)
            return redirect("core:otp_setup")
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        allowed = (reverse("core:otp_setup"), reverse("core:logout"), reverse("set_language"))
        return path in allowed or path.startswith("/" + settings.STATIC_URL.lstrip("/"))


def _nul_in(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_nul_in(k) or _nul_in(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_nul_in(v) for v in value)
    return False


def _carries_nul(request) -> bool:
    if any("\x00" in v for values in request.GET.lists() for v in [values[0], *values[1]]):
        return True
    ctype = request.content_type or ""
    if ctype == "application/json" and b"\\u0000" in request.body:
        import json

        try:
            return _nul_in(json.loads(request.body))
        except ValueError:
            return False  # not JSON: the API answers that itself
    if ctype == "application/x-www-form-urlencoded":
        return any("\x00" in v for values in request.POST.lists() for v in values[1])
    return False


class NulCharacterMiddleware:
    """PostgreSQL text cannot hold U+0000: a request carrying it in its query, form or JSON body is
    refused before any view sees it (422 in the API's error shape, 400 for a page), in the request's
    language, instead of failing in the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _carries_nul(request):
            message = _("Text must not contain the NUL character (U+0000).")
            if request.path.startswith("/api/"):
                return JsonResponse({"code": "nul_character", "message": message, "detail": None}, status=422)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
