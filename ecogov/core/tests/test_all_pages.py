"""Project-wide regression net: every staff page, public page and GET API route
of every domain app, as every role, on the demo city (DESIGN.md item 15).

Asserted for every request: never a 5xx. Anonymous users are sent to the login
page from staff pages and read public pages; district A and street A accounts
get 404 for objects of district B; the enterprise account gets 403/404/a
redirect for another enterprise's file; list pages' .xlsx exports answer a
workbook or 403; API errors have the ``{code, message, detail}`` shape and API
lists ``{count, items}``.

The demo city is loaded once per module (per xdist worker) with the apps' own
demo loaders on a reduced scale, inside a transaction rolled back at the end,
so other test modules never see it. Known defects are listed in ``KNOWN`` and
marked ``xfail(strict=True)``: the mark fails as soon as the defect is fixed.
"""

from __future__ import annotations

import html
import io
import json
import re
from types import SimpleNamespace
from urllib.parse import urljoin, urlsplit

import openpyxl
import pytest
from django.conf import settings
from django.db import connection, transaction
from django.shortcuts import resolve_url
from django.test import Client

from ecogov.testing import api_routes, pages

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_HREF = re.compile(r'href="([^"]*export=xlsx[^"]*)"')

#: (route name or API path, role, scope) -> reason: known defects (reported, not yet fixed).
KNOWN: dict[tuple[str, str, str], str] = {}

#: Public pages that do not answer 200 to a plain GET, by design.
PUBLIC_STATUS = {
    "portal:complaints_public:done": 302,  # only the browser that filed the complaint sees it; others go to "track"
    "open311:token_detail": 404,  # the token is made up (no Open311 client posted a request)
}

ROUTES = pages.routes()
STAFF = [r for r in ROUTES if not r.public and r.name not in pages.MISC]
PUBLIC = [r for r in ROUTES if r.public]
MISC = [r for r in ROUTES if r.name in pages.MISC]
API = api_routes.api_routes()
BY_NAME = {r.name: r for r in ROUTES}
API_BY_PATH = {r.path: r for r in API}


def _param(key: str, role: str, scope: str):
    reason = KNOWN.get((key, role, scope))
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(key, role, scope, id=f"{key}|{role}|{scope}", marks=marks)


def _cases(keys_with_params):
    out = []
    for key, has_params in keys_with_params:
        for role in pages.ROLES:
            out.append(_param(key, role, "in"))
            if has_params and role in pages.SCOPED_ROLES:
                out.append(_param(key, role, "out"))
    return out


@pytest.fixture(scope="module")
def city(django_db_setup, django_db_blocker):
    """The reduced demo city, loaded once and rolled back after the last test of this module."""
    with django_db_blocker.unblock(), transaction.atomic():
        pages.load_demo()
        # Fire the deferred foreign-key checks now: PostgreSQL would otherwise re-run them for
        # the whole city at the end of every test (Django checks constraints before each rollback).
        connection.check_constraints()
        yield pages.DemoCity.build()
        transaction.set_rollback(True)


def _client(city, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        user = city.users.get(role)
        if user is None:
            pytest.skip(f"the demo city has no {role} account")
        client.force_login(user)
    return client


def _object(city, model, role: str, scope: str):
    """The object the route is tried with, and whether it surely lies inside ``role``'s scope."""
    if model is None:
        return None, False
    obj, sure = city.pick(model, role, inside=scope == "in")
    if obj is None:
        pytest.skip(f"the demo city has no {model.__name__} {'inside' if scope == 'in' else 'outside'} {role}'s scope")
    return obj, sure


def _describe(url: str, role: str, resp) -> str:
    return f"GET {url} as {role}: {resp.status_code} {resp.get('Location', '')}"


def _xlsx_text(content: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row)


def _check_exports(city, client, url: str, role: str, body: str, has_params: bool) -> None:
    """Every export link on the page answers a workbook (of the user's scope only) or 403;
    ``?export=xlsx`` on a list never a 5xx."""
    hrefs = {html.unescape(h) for h in EXPORT_HREF.findall(body)}
    for href in sorted(hrefs):
        full = urljoin(f"http://testserver{url}", href)
        target = urlsplit(full).path + "?" + urlsplit(full).query
        export = client.get(target)
        assert export.status_code in (200, 403), _describe(target, role, export)
        if export.status_code == 200:
            assert export["Content-Type"].startswith(XLSX), _describe(target, role, export)
            content = b"".join(export.streaming_content) if export.streaming else export.content
            assert content[:2] == b"PK", f"{target} as {role}: not an .xlsx file"
            if role in pages.SCOPED_ROLES:
                leaked = city.leaks(role, _xlsx_text(content))
                assert not leaked, f"{target} as {role} exports objects outside the scope: {leaked[:3]}"
    if not has_params and not hrefs:
        export = client.get(url + "?export=xlsx")
        assert export.status_code < 500, _describe(url + "?export=xlsx", role, export)


@pytest.mark.parametrize(("name", "role", "scope"), _cases((r.name, pages.scoped(pages.route_model(r))) for r in STAFF))
def test_staff_page(city, db, name, role, scope):
    route = BY_NAME[name]
    obj, sure = _object(city, pages.route_model(route), role, scope)
    url = pages.url_for(route, obj)
    client = _client(city, role)
    resp = client.get(url)
    assert resp.status_code < 500, _describe(url, role, resp)
    if role == "anonymous":
        login = resolve_url(settings.LOGIN_URL)
        assert resp.status_code == 302 and resp["Location"].startswith(login), _describe(url, role, resp)
        return
    if scope == "out":
        allowed = {302, 403, 404, 405} if role == "enterprise" else {404, 405}
        assert resp.status_code in allowed, _describe(url, role, resp) + f" for {obj!r} outside the scope"
        return
    if sure and not pages.uses_constants(route) and (role != "enterprise" or name.endswith("_detail")):
        assert resp.status_code != 404, _describe(url, role, resp) + f" for {obj!r} inside the scope"
    if resp.status_code == 200:
        body = resp.content.decode(errors="replace") if "html" in resp.get("Content-Type", "") else ""
        leaked = city.leaks(role, body)
        assert not leaked, _describe(url, role, resp) + f" shows objects outside the scope: {leaked[:3]}"
        _check_exports(city, client, url, role, body, bool(route.params))


@pytest.mark.parametrize(("name", "role", "scope"), _cases((r.name, False) for r in PUBLIC))
def test_public_page(city, db, name, role, scope):
    route = BY_NAME[name]
    model = pages.route_model(route)
    obj = city.public_object(model) if model is not None else None
    url = pages.url_for(route, obj)
    resp = _client(city, role).get(url)
    assert resp.status_code < 500, _describe(url, role, resp)
    if role == "anonymous":
        assert resp.status_code == PUBLIC_STATUS.get(name, 200), _describe(url, role, resp)


@pytest.mark.parametrize(("name", "role", "scope"), _cases((r.name, False) for r in MISC))
def test_account_page(city, db, name, role, scope):
    url = pages.url_for(BY_NAME[name], None)
    resp = _client(city, role).get(url)
    assert resp.status_code < 500, _describe(url, role, resp)


@pytest.mark.parametrize(("path", "role", "scope"), _cases((r.path, pages.scoped(api_routes.api_model(r))) for r in API))
def test_api_route(city, db, path, role, scope):
    route = API_BY_PATH[path]
    obj, sure = _object(city, api_routes.api_model(route), role, scope)
    url = api_routes.api_url(route, obj)
    resp = _client(city, role).get(url, HTTP_ACCEPT="application/json")
    assert resp.status_code < 500, _describe(url, role, resp) + f" {resp.content[:300]!r}"
    is_json = resp["Content-Type"].startswith("application/json")
    if resp.status_code >= 400:
        assert is_json, _describe(url, role, resp) + f" answered {resp['Content-Type']}"
        data = resp.json()
        assert isinstance(data, dict) and set(data) == api_routes.ERROR_KEYS, f"{url} as {role}: {data!r}"
    if role == "anonymous" and route.secured:
        assert resp.status_code == 401, _describe(url, role, resp)
        return
    if scope == "out":
        allowed = {403, 404} if role == "enterprise" else {404}
        assert resp.status_code in allowed, _describe(url, role, resp) + f" for {obj!r} outside the scope"
        return
    if sure:
        assert resp.status_code != 404, _describe(url, role, resp) + f" for {obj!r} inside the scope"
    if resp.status_code == 200 and is_json and route.secured:
        leaked = city.leaks(role, json.dumps(resp.json(), ensure_ascii=False))
        assert not leaked, _describe(url, role, resp) + f" answers objects outside the scope: {leaked[:3]}"
    if resp.status_code == 200 and route.is_list:
        data = resp.json()
        assert {"count", "items"} <= set(data), f"{url} as {role}: list without count/items: {list(data)[:5]}"


@pytest.mark.parametrize("role", pages.SCOPED_ROLES)
def test_leak_check_can_fail(city, db, role):
    """The admin's object list shows objects that the scoped role must not see: the leak check bites."""
    assert len(city.foreign_names(role)) > 20
    resp = _client(city, "admin").get(pages.url_for(BY_NAME["registry:object_list"], None))
    assert city.leaks(role, resp.content.decode())


GET_FORM = re.compile(r"<form\b[^>]*method=[\"']get[\"'][^>]*>(.*?)</form>", re.I | re.S)
FIELD_NAME = re.compile(r"<(?:input|select|textarea)\b[^>]*\bname=[\"']([^\"']+)[\"']", re.I)
#: Values a user can type into any filter field or the address bar.
GARBAGE = {"text": "x'\"<>%", "negative": "-1", "huge": "99999999999999999999", "date": "2026-13-45",
           "float": "1e400"}
#: Query parameters pages read without a form field (links, maps, htmx), tried on every page too.
COMMON_QUERY = ("year", "month", "date", "start", "end", "page", "q", "drawn", "lon", "lat", "category", "code")
#: (page or API path, GARBAGE key) -> reason: known 500s on junk query strings (reported, not yet fixed).
KNOWN_GARBAGE: dict[tuple[str, str], str] = {}


def _garbage_cases(keys):
    out = []
    for key in keys:
        for value in sorted(GARBAGE):
            reason = KNOWN_GARBAGE.get((key, value))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            out.append(pytest.param(key, value, id=f"{key}|{value}", marks=marks))
    return out


_FIELDS: dict[str, tuple[int, list[str]]] = {}


@pytest.mark.parametrize(("name", "value"), _garbage_cases(r.name for r in STAFF + PUBLIC if not r.params))
def test_list_filters_take_garbage(city, db, name, value):
    """Every filter field of every page, and ``page``, filled with junk: a 200 or a 4xx, never a 5xx."""
    url = pages.url_for(BY_NAME[name], None)
    role = "anonymous" if BY_NAME[name].public else "district_a"
    client = _client(city, role)
    if url not in _FIELDS:  # the page's own filter fields, read once per page
        resp = client.get(url)
        body = resp.content.decode(errors="replace") if resp.status_code == 200 else ""
        names = {f for form in GET_FORM.findall(body) for f in FIELD_NAME.findall(form)}
        _FIELDS[url] = (resp.status_code, sorted((set(COMMON_QUERY) | names) - {"csrfmiddlewaretoken", "export"}))
    status, fields = _FIELDS[url]
    if status != 200:
        pytest.skip(f"{url} answers {status} to {role}")
    query = {f: GARBAGE[value] for f in fields}
    resp = client.get(url, query)
    assert resp.status_code < 500, _describe(url, role, resp) + f" with {query}"


@pytest.mark.parametrize(("path", "value"), _garbage_cases(r.path for r in API if not r.params))
def test_api_query_takes_garbage(city, db, path, value):
    """Every query parameter of every parameterless GET route filled with junk: JSON, never a 5xx."""
    route = API_BY_PATH[path]
    query = {p: GARBAGE[value] for p in route.query}
    resp = _client(city, "district_a").get(route.path, query, HTTP_ACCEPT="application/json")
    assert resp.status_code < 500, _describe(path, "district_a", resp) + f" with {query}: {resp.content[:300]!r}"
    if resp.status_code >= 400:
        assert set(resp.json()) == api_routes.ERROR_KEYS, f"{path} with {query}: {resp.content[:300]!r}"


#: Identifiers no object has: a zero, one past every database integer, a code nobody uses.
MISSING = {"zero": 0, "huge": 99999999999999999999, "code": "no-such-code"}
KNOWN_MISSING: dict[tuple[str, str], str] = {}


def _missing_cases():
    out = []
    for route in STAFF + PUBLIC:
        model = pages.route_model(route)
        if model is None:
            continue
        kinds = ("zero", "huge") if any(p in ("pk", "target", "object_id") for p in route.params) else ("code",)
        for kind in kinds:
            reason = KNOWN_MISSING.get((route.name, kind))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            out.append(pytest.param(route.name, kind, id=f"{route.name}|{kind}", marks=marks))
    for route in API:
        if api_routes.api_model(route) is not None:
            kinds = ("zero", "huge") if "pk" in route.params else ("code",)
            for kind in kinds:
                reason = KNOWN_MISSING.get((route.path, kind))
                marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
                out.append(pytest.param(route.path, kind, id=f"{route.path}|{kind}", marks=marks))
    return out


@pytest.mark.parametrize(("key", "kind"), _missing_cases())
def test_missing_object(city, db, key, kind):
    """A URL naming an object that does not exist answers 404 (or 403/405/redirect), never a 5xx."""
    value = MISSING[kind]
    if key.startswith("/api/"):
        route = API_BY_PATH[key]
        fake = SimpleNamespace(pk=value, code=value)
        url = api_routes.api_url(route, fake)
    else:
        route = BY_NAME[key]
        fake = SimpleNamespace(pk=value, code=value, tracking_code=value, _meta=pages.route_model(route)._meta)
        url = pages.url_for(route, fake)
    resp = _client(city, "admin").get(url, HTTP_ACCEPT="application/json")
    assert resp.status_code < 500, _describe(url, "admin", resp) + f" {resp.content[:200]!r}"
    if key.startswith("/api/") and resp.status_code >= 400:
        assert set(resp.json()) == api_routes.ERROR_KEYS, f"{url}: {resp.content[:200]!r}"
