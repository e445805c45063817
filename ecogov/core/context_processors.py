"""Template context: the navigation bar, built from the apps that have pages."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# (url name, label, roles that see it; None = every signed-in user)
NAV = [
    ("core:home", _("Home"), None),
    ("dashboard:map", _("One map"), None),
    ("registry:object_list", _("Pollution sources"), None),
    ("monitoring:station_list", _("Monitoring"), None),
    ("supervision:plan_list", _("Double random"), None),
    ("enforcement:case_list", _("Enforcement"), None),
    ("complaints:complaint_list", _("Complaints"), None),
    ("rectification:item_list", _("Rectification"), None),
    ("reports:index", _("Reports"), None),
]


def _nav_items(user) -> list[dict]:
    items = []
    for name, label, roles in NAV:
        if roles is not None and getattr(user, "role", None) not in roles and not user.is_superuser:
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"name": name, "url": url, "label": label})
    return items


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": _nav_items(user)}
