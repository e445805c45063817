"""Notifications go out after commit, never inside the transaction.

``notify(...)`` queues the message with ``transaction.on_commit``; if the
transaction rolls back, nothing is sent. Each configured notifier
(``settings.NOTIFIERS``: "log", "email") handles it; every attempt is kept in
``core.Notification``.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction

from .models import Notification
from .privacy import mask_contact

log = logging.getLogger("ecogov.notifications")


def _log_notifier(note: Notification) -> None:
    log.info("notify %s <%s>: %s", note.recipient, note.address, note.subject)


def _email_notifier(note: Notification) -> None:
    address = note.address or (note.recipient.email if note.recipient else "")
    if address:
        send_mail(note.subject, note.body, settings.DEFAULT_FROM_EMAIL, [address])


NOTIFIERS = {"log": _log_notifier, "email": _email_notifier}


def _deliver(*, recipient, address: str, subject: str, body: str, obj) -> None:
    """Send on every channel; the log keeps only a masked address (reporters' contacts are private)."""
    for channel in settings.NOTIFIERS:
        note = Notification(
            recipient=recipient,
            address=address,
            channel=channel,
            subject=subject[:255],
            body=body,
            content_type=ContentType.objects.get_for_model(type(obj)) if obj is not None else None,
            object_id=str(obj.pk) if obj is not None else "",
        )
        try:
            NOTIFIERS[channel](note)
            note.delivered = True
        except Exception as exc:  # a failed channel is recorded, never raised into the request
            note.error = repr(exc)
        note.address = mask_contact(address)
        note.save()


def notify(*, recipient=None, address: str = "", subject: str, body: str = "", obj=None) -> None:
    """Queue a notification to go out once the current transaction commits."""
    transaction.on_commit(
        lambda: _deliver(recipient=recipient, address=address, subject=subject, body=body, obj=obj)
    )
