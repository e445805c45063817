"""GeoReport v2 payloads: the fields of a service, a service definition and a
service request (never personal data), and their XML form."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from django.utils import timezone

from ..choices import ComplaintStatus, public_status
from ..models import Complaint, ComplaintCategory

# XML: the element name of each item of a list-valued key
ITEM_TAGS = {"services": "service", "service_requests": "request", "attributes": "attribute", "values": "value",
             "endpoints": "endpoint", "formats": "format", "errors": "error"}


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


def _iso(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return dt.datetime.combine(value, dt.time(23, 59, 59), tzinfo=timezone.get_current_timezone()).isoformat()


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


def request_payload(c: Complaint, request, photos: dict[str, str]) -> dict:
    """The GeoReport v2 fields of one service request (no personal data); ``photos``: id -> first photo URL."""
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
