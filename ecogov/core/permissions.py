"""Role -> allowed actions. Jurisdiction scoping is applied by ``RestrictedQuerySet``.

Actions: ``view``, ``add``, ``change``, ``approve``, ``export``, ``submit``
(enterprise reports), ``inspect`` (on-site work), ``manage`` (reference data).
A model may narrow the table with ``role_actions = {role: {...}}``.
"""

from __future__ import annotations

from .errors import PermissionRefused

ROLE_ACTIONS: dict[str, frozenset[str]] = {
    "admin": frozenset({"view", "add", "change", "approve", "export", "submit", "inspect", "manage"}),
    "leader": frozenset({"view", "approve", "export", "change", "add"}),
    "officer": frozenset({"view", "add", "change", "export", "inspect"}),
    "district": frozenset({"view", "add", "change", "export", "approve"}),
    "street": frozenset({"view", "add", "change"}),
    "enterprise": frozenset({"view", "submit"}),
}


def role_allows(role: str, action: str, model=None) -> bool:
    """True when ``role`` may perform ``action`` (on ``model``, if it narrows the table)."""
    overrides = getattr(model, "role_actions", None) if model is not None else None
    if overrides is not None and role in overrides:
        return action in overrides[role]
    return action in ROLE_ACTIONS.get(role, frozenset())


def require(user, action: str, model=None) -> None:
    """Raise ``PermissionRefused`` unless ``user`` may perform ``action``."""
    if user is None or not user.is_authenticated:
        raise PermissionRefused({"action": action})
    if user.is_superuser:
        return
    if not role_allows(user.role, action, model):
        raise PermissionRefused({"action": action})


def require_object(user, obj, action: str = "change") -> None:
    """Raise ``PermissionRefused`` unless ``obj`` is inside ``user``'s scope for ``action``."""
    require(user, action, type(obj))
    if not type(obj).objects.for_user(user, action).filter(pk=obj.pk).exists():
        raise PermissionRefused({"action": action, "object": str(obj.pk)})
