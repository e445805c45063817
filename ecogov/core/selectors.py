"""Core reads: jurisdictions in scope, history rows, and what the apps contribute
(home cards, related panels, deadlines), each read for the user."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType

from . import contrib
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


def home_cards(user) -> list[dict]:
    """Cards from every contributed home-card provider."""
    return [card for _item, provider in contrib.providers(contrib.home_cards) for card in provider(user)]


def related_panels(user, obj) -> list[dict]:
    """Links to ``obj`` held by other apps (e.g. the complaints that opened a penalty case).

    Each contributed provider answers ``[{"title", "items": [{"url", "label", "note"}]}]``,
    so that an object page shows both sides of a link without the apps importing each other.
    """
    panels = (panel for _item, provider in contrib.providers(contrib.related_panels) for panel in provider(user, obj))
    return [panel for panel in panels if panel.get("items")]


def due_items(user, *, today: dt.date, horizon_days: int = 7, kind: str = "",
              mine: bool = False) -> list[contrib.Deadline]:
    """Every open deadline in ``user``'s scope that is overdue or due within ``horizon_days``, soonest first;
    with ``mine``, only those ``user`` holds (``user.pk`` among the deadline's ``owner_ids``)."""
    out: list[contrib.Deadline] = []
    for item, provider in contrib.providers(contrib.clock_sources):
        if kind and item.key != kind:
            continue
        rows = provider(user, today=today, horizon_days=horizon_days)
        out.extend(d for d in rows if not mine or d.held_by(user.pk))
    return sorted(out, key=lambda d: (d.due, d.kind, d.label))
