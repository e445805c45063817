"""Pages call the core permission check through this adapter: a refusal answers
403 (Django's ``PermissionDenied``) instead of escaping as a 500."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from ecogov.core.errors import PermissionRefused
from ecogov.core.permissions import require


def require_page(user, action: str, model=None) -> None:
    try:
        require(user, action, model)
    except PermissionRefused as exc:
        raise PermissionDenied(str(exc)) from exc


def may_inspect(user) -> bool:
    """Roles allowed to record on-site inspections (supervision's rule: the ``inspect`` action)."""
    from ecogov.core.permissions import role_allows
    from ecogov.supervision.models import Inspection

    return bool(user.is_superuser or role_allows(user.role, "inspect", Inspection))
