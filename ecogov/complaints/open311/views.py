"""Open311 GeoReport v2 endpoints: each parses its query or form, calls one
selector or service and answers JSON or XML; every refusal is the spec's
``[{"code", "description"}]`` with its HTTP status."""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from ecogov.core.errors import DomainError

from .. import selectors as complaint_selectors
from ..models import ComplaintCategory
from ..ratelimit import RateLimited, check_rate
from . import selectors, services
from .payloads import definition_payload, request_payload, service_payload, to_xml

SPEC = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-01T00:00:00+08:00"
DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE = 50, 1000


class Open311Error(Exception):
    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status, self.description = status, description


def respond(fmt: str, root: str, payload, status: int = 200) -> HttpResponse:
    if fmt == "xml":
        return HttpResponse(to_xml(root, payload), content_type="text/xml; charset=utf-8", status=status)
    return JsonResponse(payload, safe=False, status=status, json_dumps_params={"ensure_ascii": False})


def error(fmt: str, status: int, description: str) -> HttpResponse:
    return respond(fmt, "errors", [{"code": status, "description": description}], status=status)


def handle_errors(view):
    def wrapped(request, *args, fmt="json", **kwargs):
        try:
            return view(request, *args, fmt=fmt, **kwargs)
        except Open311Error as exc:
            return error(fmt, exc.status, exc.description)
        except RateLimited as exc:
            return error(fmt, 429, exc.message)
        except DomainError as exc:
            return error(fmt, 400, exc.message)
    wrapped.__name__ = view.__name__
    return wrapped


# --- parsing --------------------------------------------------------------------------------------

def _page(request) -> tuple[int, int]:
    try:
        page = int(request.GET.get("page", 1))
        size = int(request.GET.get("page_size", DEFAULT_PAGE_SIZE))
    except ValueError as exc:
        raise Open311Error(400, "page and page_size must be integers") from exc
    if page < 1 or size < 1 or size > MAX_PAGE_SIZE:
        raise Open311Error(400, f"page must be >= 1 and page_size between 1 and {MAX_PAGE_SIZE}")
    return page, size


def _date(name: str, value: str):
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise Open311Error(400, f"{name} must be a W3C date-time, e.g. 2026-01-31T00:00:00+08:00") from exc
    return parsed if parsed.tzinfo else timezone.make_aware(parsed)


def _query(request) -> dict:
    """The filters of GET requests: ids, or service_code, start_date/end_date and status."""
    get = request.GET
    ids = [i.strip().upper() for i in get.get("service_request_id", "").split(",") if i.strip()]
    if ids:
        return {"ids": ids, "service_codes": [], "start": None, "end": None, "statuses": set()}
    end = _date("end_date", get["end_date"]) if get.get("end_date") else None
    start = _date("start_date", get["start_date"]) if get.get("start_date") else None
    statuses = {s.strip() for s in get.get("status", "").split(",") if s.strip()}
    if statuses - {"open", "closed"}:
        raise Open311Error(400, "status must be open, closed or both")
    codes = get["service_code"].split(",") if get.get("service_code") else []
    return {"ids": [], "service_codes": codes, "start": start, "end": end, "statuses": statuses}


def _attributes(cat: ComplaintCategory, post) -> dict:
    out = {}
    for a in cat.attributes.all():
        values = post.getlist(f"attribute[{a.code}]")
        value = values if a.datatype == "multivaluelist" else (values[0] if values else "")
        if a.required and not value:
            raise Open311Error(400, f"attribute[{a.code}] is required")
        keys = {str(v.get("key")) for v in a.values or []}
        if value and keys and any(v not in keys for v in (value if isinstance(value, list) else [value])):
            raise Open311Error(400, f"attribute[{a.code}] must be one of {', '.join(sorted(keys))}")
        if value:
            out[a.code] = value
    return out


# --- endpoints ------------------------------------------------------------------------------------

@handle_errors
def discovery(request, fmt="json"):
    base = request.build_absolute_uri(reverse("open311:discovery", kwargs={"fmt": fmt})).rsplit("/", 1)[0] + "/"
    return respond(fmt, "discovery", {
        "changeset": CHANGESET,
        "contact": "12369 环保举报热线 / 12369 environmental hotline",
        "key_service": "向市生态环境局信息中心申请 API key / Ask the bureau's information centre for an API key",
        "endpoints": [{"specification": SPEC, "url": base, "changeset": CHANGESET, "type": "production",
                       "formats": ["application/json", "text/xml"]}],
    })


@handle_errors
def services_list(request, fmt="json"):
    return respond(fmt, "services", [service_payload(c) for c in complaint_selectors.leaf_categories()])


def _category(code: str) -> ComplaintCategory | None:
    return complaint_selectors.categories().filter(code=code).prefetch_related("attributes").first()


@handle_errors
def service_definition(request, code: str, fmt="json"):
    cat = _category(code)
    if cat is None:
        raise Open311Error(404, f"service_code {code} not found")
    return respond(fmt, "service_definition", definition_payload(cat))


@csrf_exempt
@handle_errors
def requests_view(request, fmt="json"):
    if request.method == "POST":
        return post_request(request, fmt)
    if request.method != "GET":
        raise Open311Error(405, "GET or POST only")
    page, size = _page(request)
    rows = list(selectors.service_requests(**_query(request))[(page - 1) * size: page * size])
    photos = selectors.first_photos(rows)
    return respond(fmt, "service_requests", [request_payload(c, request, photos) for c in rows])


@handle_errors
def request_detail(request, request_id: str, fmt="json"):
    c = complaint_selectors.get_by_tracking_code(request_id)
    if c is None:
        raise Open311Error(404, f"service_request_id {request_id} not found")
    return respond(fmt, "service_requests", [request_payload(c, request, selectors.first_photos([c]))])


@handle_errors
def token_detail(request, token: str, fmt="json"):
    c = selectors.by_token(token)
    if c is None:
        raise Open311Error(404, f"token {token} not found")
    return respond(fmt, "service_requests", [{"service_request_id": c.tracking_code, "token": token}])


def post_request(request, fmt):
    post = request.POST
    client = selectors.client_for_key(post.get("api_key", ""))
    if client is None:
        raise Open311Error(403, "api_key is missing or not valid")
    check_rate(request, "open311", ident=f"client{client.pk}")
    cat = _category(post.get("service_code", ""))
    if cat is None:
        raise Open311Error(404 if post.get("service_code") else 400, "service_code is missing or not found")
    if not (post.get("lat") and post.get("long")) and not post.get("address_string") and not post.get("address_id"):
        raise Open311Error(400, "a location is required: lat and long, address_string or address_id")
    name = " ".join(p for p in (post.get("last_name", ""), post.get("first_name", "")) if p).strip()
    c, token = services.request_submit(
        client=client, category=cat, description=post.get("description", ""), lon=post.get("long"),
        lat=post.get("lat"), datum=post.get("datum", "wgs84"), address=post.get("address_string", ""), name=name,
        phone=post.get("phone", ""), email=post.get("email", ""), attributes=_attributes(cat, post),
        media_url=post.get("media_url", ""),
    )
    return respond(fmt, "service_requests", [{
        "service_request_id": c.tracking_code, "token": token,
        "service_notice": f"我们将在 {c.acceptance_due} 前告知是否受理", "account_id": None,
    }], status=201)
