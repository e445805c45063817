"""Domain errors raised in a page view become a proper page, not a 500.

API errors are handled by the NinjaAPI's exception handlers; this middleware
covers the server-rendered pages: a ``PermissionRefused`` answers 403, a
``NotFound`` 404, any other ``DomainError`` its own status, each with the
message in the request's language.
"""

from __future__ import annotations

from django.shortcuts import render

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
