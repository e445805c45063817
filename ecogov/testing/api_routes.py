"""Every GET route of the JSON API, read from its OpenAPI schema, with the
object that fills its path parameters (see ``ecogov.testing.pages``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.apps import apps

from .pages import guess_model

#: Path template -> model label, where the segment before the parameter does not name the model.
API_MODELS: dict[str, str] = {
    "/api/supervision/public/plans/{code}/results": "supervision.InspectionPlan",
}
#: Path parameters that are not taken from an object.
API_CONSTANTS = {"kind": "stations"}
ERROR_KEYS = {"code", "message", "detail"}


@dataclass(frozen=True)
class ApiRoute:
    path: str  # template, e.g. /api/registry/objects/{pk}
    secured: bool
    is_list: bool
    params: tuple[str, ...]
    query: tuple[str, ...] = ()

    @property
    def app(self) -> str:
        return self.path.split("/")[2]


def _schema_props(schema: dict, components: dict) -> set[str]:
    ref = schema.get("$ref")
    if ref:
        schema = components.get(ref.rsplit("/", 1)[-1], {})
    return set(schema.get("properties", {}))


def api_routes() -> list[ApiRoute]:
    from ecogov.api import api

    schema = api.get_openapi_schema()
    components = schema.get("components", {}).get("schemas", {})
    out = []
    for path, ops in schema["paths"].items():
        op = ops.get("get")
        if op is None:
            continue
        ok = op.get("responses", {}).get(200, op.get("responses", {}).get("200", {}))
        body = ok.get("content", {}).get("application/json", {}).get("schema", {})
        params = tuple(p["name"] for p in op.get("parameters", []) if p["in"] == "path")
        query = tuple(p["name"] for p in op.get("parameters", []) if p["in"] == "query")
        out.append(ApiRoute(path, bool(op.get("security")), {"count", "items"} <= _schema_props(body, components),
                            params, query))
    return out


def api_model(route: ApiRoute):
    """The model whose object fills the route's path parameters, or None."""
    if not set(route.params) - set(API_CONSTANTS):
        return None
    if route.path in API_MODELS:
        return apps.get_model(API_MODELS[route.path])
    before = route.path.split("{", 1)[0]
    model = guess_model(route.app, before)
    if model is None:
        raise LookupError(f"cannot fill {route.path}: add it to ecogov.testing.api_routes.API_MODELS")
    return model


def api_url(route: ApiRoute, obj) -> str:
    def fill(match):
        name = match.group(1)
        if name in API_CONSTANTS:
            return API_CONSTANTS[name]
        return str(getattr(obj, name))

    return re.sub(r"\{(\w+)\}", fill, route.path)
