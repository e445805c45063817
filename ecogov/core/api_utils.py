"""Shared pieces of the JSON API: authentication, pagination, the error schema
and the "load the object for this user or 404" helper."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination
from ninja.security import HttpBearer, django_auth

from .errors import NotFound, ValidationFailed
from .models import ApiToken


class ErrorOut(Schema):
    code: str
    message: str
    detail: Any = None


#: The error responses every endpoint may give, for the OpenAPI schema: ``response={200: X, **ERRORS}``.
ERRORS = {code: ErrorOut for code in (400, 401, 403, 404, 409, 413, 422)}


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <key>`` for API clients (see ``ecogov token create``)."""

    def authenticate(self, request, token: str):
        from . import throttle

        address = throttle.client_address(request)
        throttle.refuse_if_locked(None, address)
        row = ApiToken.objects.select_related("user", "user__jurisdiction").filter(
            key_hash=ApiToken.hash_key(token)).first()
        if row is None or row.revoked or not row.user.is_active:
            # a revoked token or one of a deactivated account counts against that account too
            throttle.record_failure(row.user.username if row else None, address, what="token")
            return None
        throttle.refuse_if_locked(row.user.username, address)
        ApiToken.objects.filter(pk=row.pk).update(last_used=timezone.now())
        request.user = row.user
        return row.user


#: Staff endpoints accept a bearer token or the browser session.
STAFF_AUTH = [TokenAuth(), django_auth]


class Pagination(PageNumberPagination):
    """``?page=N&page_size=M`` -> ``{"count": N, "items": [...]}``.

    A page size above ``API_MAX_PAGE_SIZE`` is refused with a clear message
    instead of being silently cut.
    """

    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1)

    def __init__(self, **kwargs):
        kwargs.setdefault("page_size", settings.NINJA_PAGINATION_PER_PAGE)
        kwargs.setdefault("max_page_size", settings.API_MAX_PAGE_SIZE)
        super().__init__(**kwargs)

    def _get_page_size(self, requested_page_size):
        if requested_page_size is not None and requested_page_size > self.max_page_size:
            raise ValidationFailed(
                "page_too_large",
                f"每页最多 {self.max_page_size} 条，请求了 {requested_page_size} 条",
                f"page_size may be at most {self.max_page_size}, got {requested_page_size}",
                detail={"max_page_size": self.max_page_size},
            )
        return super()._get_page_size(requested_page_size)


def get_for_user(model, user, action: str = "view", **lookup):
    """The object matching ``lookup`` inside ``user``'s scope, else ``NotFound``.

    Out-of-scope objects answer 404, not 403, so their existence is not revealed.
    """
    try:
        obj = model.objects.for_user(user, action).filter(**lookup).first()
    except (ValueError, TypeError, OverflowError):  # an id that is not a number, or too large for the column
        obj = None
    if obj is None:
        meta = model._meta
        raise NotFound(str(meta.verbose_name), meta.model_name or "object", detail=lookup)
    return obj
