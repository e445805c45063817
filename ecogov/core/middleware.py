"""Domain errors raised in a page view become a proper page, not a 500.

API errors are handled by the NinjaAPI's exception handlers; this middleware
covers the server-rendered pages: a ``PermissionRefused`` answers 403, a
``NotFound`` 404, any other ``DomainError`` its own status, each with the
message in the request's language.
"""

from __future__ import annotations

from django.shortcuts import render

from .errors import DomainError


class DomainErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DomainError) or request.path.startswith("/api/"):
            return None
        return render(request, "core/error.html", {"error": exception}, status=exception.status)
