"""The JSON API under /api/: one NinjaAPI, every router the apps contribute
(``core.contrib.api_routers``) mounted at its prefix, one error shape for every error.

The OpenAPI schema tells the truth (``_complete``): every operation documents the
error answers any endpoint may give (400 unparseable body, 401/403, 404, 409,
413, 422 input refused, 429 throttled) in the one error shape; integer ids in paths
are positive 64-bit numbers; ``page``/``page_size`` and ``year``/``month`` query
parameters carry the bounds the server enforces. Database constraint violations
answer 409, numbers too large for a column 422, never a 500."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from ecogov.core import contrib
from ecogov.core.errors import DomainError, from_django
from ecogov.core.params import MAX_YEAR, MIN_YEAR

log = logging.getLogger("ecogov.api")

#: Error answers every operation may give (the one error shape, ``ErrorOut``).
DOCUMENTED_ERRORS = {
    "400": "Request body is not valid JSON",
    "401": "Authentication required",
    "403": "Permission denied",
    "404": "Not found (or outside the user's scope)",
    "409": "Conflict with the current state (illegal transition, duplicate, constraint)",
    "413": "Request or file too large",
    "422": "Input refused (bounds, formats, business rules)",
    "429": "Too many requests (throttled; see Retry-After)",
}
#: Bounds of query parameters that every endpoint reading them enforces (core.params, core.api_utils).
QUERY_BOUNDS = {
    "year": {"minimum": MIN_YEAR, "maximum": MAX_YEAR},
    "month": {"minimum": 1, "maximum": 12},
    "page": {"minimum": 1, "maximum": 1_000_000},
    "page_size": {"minimum": 1, "maximum": settings.API_MAX_PAGE_SIZE},
}
INT64_MAX = 2**63 - 1


def _error_schema(spec: dict) -> dict:
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("ErrorOut", {
        "title": "ErrorOut", "type": "object", "required": ["code", "message"],
        "properties": {"code": {"type": "string"}, "message": {"type": "string"}, "detail": {}},
    })
    return {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}


def _bound_parameter(param: dict) -> None:
    top = param.get("schema", {})
    # an optional parameter is ``anyOf: [integer, null]``: the bounds go on its integer branch
    for schema in [top, *top.get("anyOf", [])]:
        if schema.get("type") != "integer":
            continue
        if param.get("in") == "path":
            schema.setdefault("minimum", 1)
            schema.setdefault("maximum", INT64_MAX)
        elif param.get("in") == "query" and param.get("name") in QUERY_BOUNDS:
            for key, value in QUERY_BOUNDS[param["name"]].items():
                schema.setdefault(key, value)


def _properties(spec: dict, holder: dict | None) -> set[str]:
    """Property names of the JSON body a request or response ``holder`` documents (one ``$ref`` deep)."""
    schema = ((holder or {}).get("content", {}).get("application/json", {})).get("schema", {})
    if "$ref" in schema:
        schema = spec["components"]["schemas"].get(schema["$ref"].rsplit("/", 1)[-1], {})
    return set(schema.get("properties", {}))


def _link_from(spec: dict, response: dict, targets: list[tuple[str, dict]]) -> None:
    """Link ``response`` (an answer carrying the object's ``id``) to the operations on that object;
    a ``{"to": ...}`` move takes the first of the answer's ``allowed`` moves when it lists them."""
    answer = _properties(spec, response)
    if "id" not in answer:
        return
    links = response.setdefault("links", {})
    for _method, target in targets:
        link: dict = {"operationId": target["operationId"], "parameters": {"path.pk": "$response.body#/id"}}
        if "allowed" in answer and "to" in _properties(spec, target.get("requestBody")):
            link["requestBody"] = {"to": "$response.body#/allowed/0"}
        links.setdefault(target["operationId"].split("_api_", 1)[-1], link)


def _answer(op: dict, status: int) -> dict:
    responses = op.get("responses", {})
    return responses.get(status) or responses.get(str(status)) or {}


def _link_chains(spec: dict) -> None:
    """OpenAPI links for the create -> read -> act chains, read off the path layout: the 201 of
    ``POST <collection>`` links to every operation on ``<collection>/{pk}`` and below it, and the
    200 of ``GET <collection>/{pk}`` to the operations below it (a transition, a sub-resource).
    Stateful fuzzing follows them with the id the answer carries."""
    paths = spec.get("paths", {})
    for path, ops in paths.items():
        item = f"{path}/{{pk}}"
        below = [(m, op) for p, o in paths.items() if p == item or p.startswith(item + "/") for m, op in o.items()]
        if "post" in ops and below:
            _link_from(spec, _answer(ops["post"], 201), below)
        if path.endswith("/{pk}") and "get" in ops:
            under = [(m, op) for p, o in paths.items() if p.startswith(path + "/") for m, op in o.items()]
            _link_from(spec, _answer(ops["get"], 200), under + [(m, op) for m, op in ops.items() if m != "get"])


def _complete(spec: dict) -> dict:
    content = _error_schema(spec)
    for ops in spec.get("paths", {}).values():
        for op in ops.values():
            # ninja keys the operation's own responses by int: one key per status (an int and a str
            # of the same status are one duplicate key in the JSON, and the generic one would win)
            responses = op["responses"] = {str(k): v for k, v in op.get("responses", {}).items()}
            for status, description in DOCUMENTED_ERRORS.items():
                responses.setdefault(status, {"description": description, "content": content})
            for param in op.get("parameters", []):
                _bound_parameter(param)
    _link_chains(spec)
    return spec


class EcogovAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        return _complete(super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params))


api = EcogovAPI(
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
    if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
        return _error(request, 400, "bad_json", _("The request body is not valid JSON."))
    return _error(request, exc.status_code, "http_error", str(exc))


@api.exception_handler(IntegrityError)
def _integrity(request, exc):
    log.warning("API constraint violation: %s", exc)
    return _error(request, 409, "conflict", _("The change conflicts with stored data (a required value is "
                                                "missing or a unique value is taken); nothing was changed."))


@api.exception_handler(MultiPartParserError)
def _multipart(request, exc):
    return _error(request, 400, "bad_multipart", _("The uploaded form data could not be read."))


@api.exception_handler(OverflowError)
def _overflow(request, exc):
    return _error(request, 422, "out_of_range", _("A number in the request is too large."))


def not_found(request, exception=None):
    """The project's ``handler404``: JSON in the one error shape under /api/, the HTML page elsewhere."""
    if not request.path.startswith("/api/"):
        return page_not_found(request, exception)
    return JsonResponse({"code": "not_found", "message": _("Not found"), "detail": {"path": request.path}},
                        status=404, json_dumps_params={"ensure_ascii": False})


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
