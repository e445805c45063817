"""Core reads: jurisdictions in scope, history rows, home-page cards."""

from __future__ import annotations

import importlib
import importlib.util

from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from .errors import NotFound
from .models import AuditLog, Jurisdiction


def _display(field, value) -> str:
    """A stored audit value as a person reads it: choice labels, 是/否, "—" for empty."""
    from django.utils.translation import gettext as _

    if value in (None, "", [], {}):
        return "—"
    if field is not None and field.choices:
        labels = {str(k): str(v) for k, v in field.flatchoices}
        return labels.get(str(value), str(value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return str(value)


def history_changes(row: AuditLog) -> list[tuple[str, str, str]]:
    """``(field label, old, new)`` of one audit row, with the model's verbose names and choice labels.

    Secret fields (a model's ``audit_hidden_fields``) are shown as "***".
    """
    model = row.content_type.model_class()
    hidden = set(getattr(model, "audit_hidden_fields", ()))
    out = []
    for name, pair in (row.changes or {}).items():
        try:
            field = model._meta.get_field(name) if model else None
        except Exception:
            field = None
        label = str(getattr(field, "verbose_name", name)) if field is not None else name
        old, new = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        if name in hidden:
            out.append((label, "***" if old else "—", "***" if new else "—"))
        else:
            out.append((label, _display(field, old), _display(field, new)))
    return out


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
