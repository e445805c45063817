"""Open311 GeoReport v2 at /open311/v2/ (http://wiki.open311.org/GeoReport_v2).

Discovery, services (the leaf categories), service definitions (their
attributes), POST and GET service requests, one request by id, and tokens; every
answer as ``.json`` or ``.xml``. The service_request_id is the tracking code.
Public status is "open" or "closed" (``choices.public_status``); reporter
identity and contact are never published. Paging: ``page`` and ``page_size``
(default 50, at most 1000). Errors are ``[{"code", "description"}]``.
"""

from __future__ import annotations

import datetime as dt
import secrets
import xml.etree.ElementTree as ET

from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from ecogov.core.errors import DomainError
from ecogov.core.models import ApiToken

from . import selectors, services
from .choices import CLOSED_STATES, Channel, ComplaintStatus, public_status
from .models import Complaint, ComplaintCategory, Open311Client
from .ratelimit import RateLimited, check_rate

SPEC = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-01T00:00:00+08:00"
DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE = 50, 1000
# XML: the element name of each item of a list-valued key
ITEM_TAGS = {"services": "service", "service_requests": "request", "attributes": "attribute", "values": "value",
             "endpoints": "endpoint", "formats": "format", "errors": "error"}


class Open311Error(Exception):
    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status, self.description = status, description


def _xml_value(parent: ET.Element, tag: str, value) -> None:
    el = ET.SubElement(parent, tag)
    if isinstance(value, list):
        for item in value:
            _xml_value(el, ITEM_TAGS.get(tag, "item"), item)
    elif isinstance(value, dict):
        for k, v in value.items():
            _xml_value(el, k, v)
    elif isinstance(value, bool):
        el.text = "true" if value else "false"
    elif value is not None:
        el.text = str(value)


def to_xml(root: str, payload) -> bytes:
    """``payload`` (a list of dicts, or a dict) as GeoReport XML under ``root``."""
    top = ET.Element(root)
    items = payload if isinstance(payload, list) else None
    if items is None:
        for k, v in payload.items():
            _xml_value(top, k, v)
    else:
        for item in items:
            _xml_value(top, ITEM_TAGS.get(root, "item"), item)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(top, encoding="utf-8")


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


def _iso(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return dt.datetime.combine(value, dt.time(23, 59, 59), tzinfo=timezone.get_current_timezone()).isoformat()


# --- payloads -------------------------------------------------------------------------------------

def service_payload(cat: ComplaintCategory) -> dict:
    return {
        "service_code": cat.code, "service_name": cat.name, "description": cat.description or str(cat),
        "metadata": len(cat.attributes.all()) > 0, "type": "realtime", "keywords": cat.keywords,
        "group": cat.parent.name if cat.parent_id else cat.name,
    }


def definition_payload(cat: ComplaintCategory) -> dict:
    return {"service_code": cat.code, "attributes": [
        {"variable": a.variable, "code": a.code, "datatype": a.datatype, "required": a.required,
         "datatype_description": a.datatype_description or None, "order": a.order, "description": a.description,
         "values": [{"key": v.get("key"), "name": v.get("name")} for v in a.values or []]}
        for a in cat.attributes.all()
    ]}


def status_notes(c: Complaint) -> str:
    if c.status == ComplaintStatus.CLOSED:
        return c.reply
    if c.status == ComplaintStatus.NOT_ACCEPTED:
        return f"不属本局职责，请向{c.redirect_body}反映。"
    if c.status == ComplaintStatus.MERGED and c.merged_into_id:
        return f"已与 {c.merged_into.tracking_code} 合并办理"
    return ComplaintStatus.label_zh(c.status)


def first_photos(complaints) -> dict[str, str]:
    """Complaint id -> URL of its first attachment, in one query."""
    from django.contrib.contenttypes.models import ContentType

    from ecogov.core.models import Attachment

    ids = [str(c.pk) for c in complaints if not c.media_url]
    out: dict[str, str] = {}
    if ids:
        ct = ContentType.objects.get_for_model(Complaint)
        for att in Attachment.objects.filter(content_type=ct, object_id__in=ids).order_by("uploaded_at"):
            out.setdefault(att.object_id, att.file.url)
    return out


def request_payload(c: Complaint, request, photos: dict[str, str] | None = None) -> dict:
    """The GeoReport v2 fields of one service request (no personal data)."""
    photos = first_photos([c]) if photos is None else photos
    media = c.media_url or (request.build_absolute_uri(photos[str(c.pk)]) if str(c.pk) in photos else None)
    return {
        "service_request_id": c.tracking_code,
        "status": public_status(c.status),
        "status_notes": status_notes(c),
        "service_name": c.category.name,
        "service_code": c.category.code,
        "description": c.description,
        "agency_responsible": c.department.name if c.department_id else c.jurisdiction.name,
        "service_notice": f"受理告知期限 {c.acceptance_due}" if c.status == ComplaintStatus.RECEIVED else "",
        "requested_datetime": _iso(c.received_at),
        "updated_datetime": _iso(c.updated),
        "expected_datetime": _iso(c.finish_due or c.acceptance_due),
        "address": c.address,
        "address_id": None,
        "zipcode": None,
        "lat": c.lat,
        "long": c.lon,
        "media_url": media,
    }


# --- views ----------------------------------------------------------------------------------------

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
    return respond(fmt, "services", [service_payload(c) for c in selectors.leaf_categories()])


@handle_errors
def service_definition(request, code: str, fmt="json"):
    cat = selectors.categories().filter(code=code).prefetch_related("attributes").first()
    if cat is None:
        raise Open311Error(404, f"service_code {code} not found")
    return respond(fmt, "service_definition", definition_payload(cat))


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


def query_requests(request):
    """GET requests: by ids, or filtered by service_code, start_date/end_date (default: last 90 days), status."""
    qs = Complaint.objects.select_related("category", "department", "jurisdiction", "merged_into").order_by(
        "-received_at", "-id")
    ids = [i.strip().upper() for i in request.GET.get("service_request_id", "").split(",") if i.strip()]
    if ids:
        return qs.filter(tracking_code__in=ids)
    if request.GET.get("service_code"):
        qs = qs.filter(category__code__in=request.GET["service_code"].split(","))
    end = _date("end_date", request.GET["end_date"]) if request.GET.get("end_date") else None
    start = _date("start_date", request.GET["start_date"]) if request.GET.get("start_date") else None
    if start is None and end is None:
        start = timezone.now() - dt.timedelta(days=90)
    if start is not None:
        qs = qs.filter(received_at__gte=start)
    if end is not None:
        qs = qs.filter(received_at__lte=end)
    wanted = {s.strip() for s in request.GET.get("status", "").split(",") if s.strip()}
    if wanted - {"open", "closed"}:
        raise Open311Error(400, "status must be open, closed or both")
    if wanted == {"open"}:
        qs = qs.exclude(status__in=CLOSED_STATES)
    elif wanted == {"closed"}:
        qs = qs.filter(status__in=CLOSED_STATES)
    return qs


@csrf_exempt
@handle_errors
def requests_view(request, fmt="json"):
    if request.method == "POST":
        return post_request(request, fmt)
    if request.method != "GET":
        raise Open311Error(405, "GET or POST only")
    page, size = _page(request)
    rows = list(query_requests(request)[(page - 1) * size: page * size])
    photos = first_photos(rows)
    return respond(fmt, "service_requests", [request_payload(c, request, photos) for c in rows])


@handle_errors
def request_detail(request, request_id: str, fmt="json"):
    c = selectors.get_by_tracking_code(request_id)
    if c is None:
        raise Open311Error(404, f"service_request_id {request_id} not found")
    return respond(fmt, "service_requests", [request_payload(c, request)])


@handle_errors
def token_detail(request, token: str, fmt="json"):
    c = Complaint.objects.filter(open311_token=token).first()
    if c is None:
        raise Open311Error(404, f"token {token} not found")
    return respond(fmt, "service_requests", [{"service_request_id": c.tracking_code, "token": token}])


def client_for_key(key: str) -> Open311Client:
    client = Open311Client.objects.filter(key_hash=ApiToken.hash_key(key or ""), active=True).first() if key else None
    if client is None:
        raise Open311Error(403, "api_key is missing or not valid")
    return client


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


def post_request(request, fmt):
    client = client_for_key(request.POST.get("api_key", ""))
    check_rate(request, "open311", ident=f"client{client.pk}")
    post = request.POST
    cat = selectors.categories().filter(code=post.get("service_code", "")).prefetch_related("attributes").first()
    if cat is None:
        raise Open311Error(404 if post.get("service_code") else 400, "service_code is missing or not found")
    if not (post.get("lat") and post.get("long")) and not post.get("address_string") and not post.get("address_id"):
        raise Open311Error(400, "a location is required: lat and long, address_string or address_id")
    name = " ".join(p for p in (post.get("last_name", ""), post.get("first_name", "")) if p).strip()
    token = secrets.token_hex(8)
    with transaction.atomic():
        c = services.complaint_submit(
            category=cat, description=post.get("description", ""), channel=Channel.OPEN311, lon=post.get("long"),
            lat=post.get("lat"), datum=post.get("datum", "wgs84"), address=post.get("address_string", ""),
            anonymous=not (name or post.get("phone") or post.get("email")), reporter_name=name,
            reporter_phone=post.get("phone", ""), reporter_email=post.get("email", ""), open311_client=client,
            open311_token=token, attributes=_attributes(cat, post), media_url=post.get("media_url", ""), actor=None,
        )
    return respond(fmt, "service_requests", [{
        "service_request_id": c.tracking_code, "token": token,
        "service_notice": f"我们将在 {c.acceptance_due} 前告知是否受理", "account_id": None,
    }], status=201)


def client_create(*, name: str, contact: str = "") -> tuple[Open311Client, str]:
    """A new posting client and its API key (shown once; only its SHA-256 is kept)."""
    key = secrets.token_urlsafe(24)
    return Open311Client.objects.create(name=name, contact=contact, key_hash=ApiToken.hash_key(key)), key
