"""Core reads: jurisdictions in scope, history rows, home-page cards."""

from __future__ import annotations

import importlib
import importlib.util

from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from .errors import NotFound
from .models import AuditLog, Jurisdiction


def jurisdictions_for(user, level: str | None = None):
    qs = Jurisdiction.objects.for_user(user)
    return qs.filter(level=level) if level else qs


def object_history(user, content_type_id: int, object_id: str):
    """Audit rows of one object, if ``user`` may view the object (else ``NotFound``)."""
    ct = ContentType.objects.filter(pk=content_type_id).first()
    model = ct.model_class() if ct else None
    manager = getattr(model, "objects", None)
    if model is None or not hasattr(manager, "for_user"):
        raise NotFound("对象", "object")
    if not manager.for_user(user).filter(pk=object_id).exists():
        raise NotFound("对象", "object")
    return AuditLog.objects.filter(content_type=ct, object_id=str(object_id)).select_related("actor")


def _from_apps(hook: str, *args) -> list[dict]:
    """Concatenate ``ecogov.<app>.selectors.<hook>(*args)`` over the apps that define it."""
    out: list[dict] = []
    for app in settings.DOMAIN_APPS:
        name = f"ecogov.{app}.selectors"
        if app == "core" or importlib.util.find_spec(name) is None:
            continue
        fn = getattr(importlib.import_module(name), hook, None)
        if fn is not None:
            out.extend(fn(*args))
    return out


def home_cards(user) -> list[dict]:
    """Cards from every app that offers ``selectors.home_cards(user)``."""
    return _from_apps("home_cards", user)


def related_panels(user, obj) -> list[dict]:
    """Links to ``obj`` held by other apps (e.g. the complaints that opened a penalty case).

    An app offers ``selectors.related_panels(user, obj) -> [{"title", "items": [{"url", "label", "note"}]}]``
    so that an object page shows both sides of a link without the apps importing each other.
    """
    return [panel for panel in _from_apps("related_panels", user, obj) if panel.get("items")]
