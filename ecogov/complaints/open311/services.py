"""Open311 writes: posting clients (an API key shown once) and the service
requests they post, registered as complaints of the "open311" channel."""

from __future__ import annotations

import secrets

from django.db import transaction

from ecogov.core.models import ApiToken

from .. import services as complaint_services
from ..choices import Channel
from ..models import Complaint, ComplaintCategory, Open311Client


def client_create(*, name: str, contact: str = "") -> tuple[Open311Client, str]:
    """A new posting client and its API key (shown once; only its SHA-256 is kept)."""
    key = secrets.token_urlsafe(24)
    return Open311Client.objects.create(name=name, contact=contact, key_hash=ApiToken.hash_key(key)), key


@transaction.atomic
def request_submit(*, client: Open311Client, category: ComplaintCategory, description: str, lon, lat,
                   datum: str, address: str, name: str, phone: str, email: str, attributes: dict,
                   media_url: str) -> tuple[Complaint, str]:
    """Register a posted service request as a complaint; returns it with its token (for ``tokens/<token>``).

    The reporter is anonymous when the request names nobody and gives no contact.
    """
    token = secrets.token_hex(8)
    complaint = complaint_services.complaint_submit(
        category=category, description=description, channel=Channel.OPEN311, lon=lon, lat=lat, datum=datum,
        address=address, anonymous=not (name or phone or email), reporter_name=name, reporter_phone=phone,
        reporter_email=email, open311_client=client, open311_token=token, attributes=attributes,
        media_url=media_url, actor=None,
    )
    return complaint, token
