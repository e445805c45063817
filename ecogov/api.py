"""The JSON API under /api/: one NinjaAPI, every router the apps contribute
(``core.contrib.api_routers``) mounted at its prefix, one error shape for every error."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from ecogov.core import contrib
from ecogov.core.errors import DomainError, from_django

log = logging.getLogger("ecogov.api")

api = NinjaAPI(
    title="ecogov API",
    version="1",
    description="生态环境治理平台接口 / Environmental governance platform API. "
    "Errors always answer {code, message, detail}; messages follow Accept-Language (zh-Hans default).",
    urls_namespace="api",
    docs_url="/docs",
)


def _error(request, status: int, code: str, message: str, detail=None):
    return api.create_response(request, {"code": code, "message": message, "detail": detail}, status=status)


@api.exception_handler(DomainError)
def _domain_error(request, exc: DomainError):
    return _error(request, exc.status, exc.code, exc.message, exc.detail)


@api.exception_handler(DjangoValidationError)
def _django_validation(request, exc):
    err = from_django(exc)
    return _error(request, err.status, err.code, err.message, err.detail)


@api.exception_handler(NinjaValidationError)
def _validation(request, exc: NinjaValidationError):
    fields = [".".join(str(p) for p in e.get("loc", ())) for e in exc.errors]
    return _error(request, 422, "validation_error", _("Invalid input: %s") % ", ".join(fields), exc.errors)


@api.exception_handler(AuthenticationError)
def _auth(request, exc):
    return _error(request, 401, "not_authenticated", _("Authentication required"))


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _error(request, 404, "not_found", _("Not found"))


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return _error(request, 403, "permission_denied", _("You do not have permission for this action"))


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return _error(request, exc.status_code, "http_error", str(exc))


@api.exception_handler(Exception)
def _server_error(request, exc):
    if settings.DEBUG:
        raise exc
    log.exception("API error")
    return _error(request, 500, "server_error", _("Internal error; nothing was changed"))


def _mount_routers() -> None:
    for item in contrib.api_routers:
        api.add_router(item.prefix, contrib.resolve(item.router))


_mount_routers()
