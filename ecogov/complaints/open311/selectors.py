"""Open311 reads: the service requests a GET asks for, their first photos, a
posting client by its API key and a request by its token. Open311 is public:
nothing here is restricted to a user, and no personal data is read out."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from ecogov.core.models import ApiToken, Attachment

from ..choices import CLOSED_STATES
from ..models import Complaint, Open311Client

#: A GET without ids or dates lists the requests of the last 90 days.
DEFAULT_WINDOW = dt.timedelta(days=90)


def service_requests(*, ids: list[str], service_codes: list[str], start: dt.datetime | None,
                     end: dt.datetime | None, statuses: set[str]):
    """By tracking codes (``ids``), or filtered by service codes, received between ``start`` and ``end``
    (default: the last 90 days) and public status (``{"open"}``, ``{"closed"}``, both or none), newest first."""
    qs = Complaint.objects.select_related("category", "department", "jurisdiction", "merged_into").order_by(
        "-received_at", "-id")
    if ids:
        return qs.filter(tracking_code__in=ids)
    if service_codes:
        qs = qs.filter(category__code__in=service_codes)
    if start is None and end is None:
        start = timezone.now() - DEFAULT_WINDOW
    if start is not None:
        qs = qs.filter(received_at__gte=start)
    if end is not None:
        qs = qs.filter(received_at__lte=end)
    if statuses == {"open"}:
        qs = qs.exclude(status__in=CLOSED_STATES)
    elif statuses == {"closed"}:
        qs = qs.filter(status__in=CLOSED_STATES)
    return qs


def first_photos(complaints) -> dict[str, str]:
    """Complaint id -> URL of its first attachment, in one query (for those without a ``media_url``)."""
    ids = [str(c.pk) for c in complaints if not c.media_url]
    out: dict[str, str] = {}
    if ids:
        ct = ContentType.objects.get_for_model(Complaint)
        for att in Attachment.objects.filter(content_type=ct, object_id__in=ids).order_by("uploaded_at"):
            out.setdefault(att.object_id, att.file.url)
    return out


def client_for_key(key: str) -> Open311Client | None:
    """The active posting client whose API key this is (only the key's SHA-256 is stored), or None."""
    if not key:
        return None
    return Open311Client.objects.filter(key_hash=ApiToken.hash_key(key), active=True).first()


def by_token(token: str) -> Complaint | None:
    return Complaint.objects.filter(open311_token=token).first()
