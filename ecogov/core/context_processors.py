"""Template context: the navigation bar, built from the apps that have pages."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

STAFF = frozenset({"admin", "leader", "officer", "district", "street"})
EVERYONE = STAFF | {"enterprise"}

# (url name, label, roles that see it): enterprise accounts see their own file only.
NAV = [
    ("core:home", _("Home"), EVERYONE),
    ("dashboard:map", _("One map"), STAFF),
    ("registry:object_list", _("Pollution sources"), EVERYONE),
    ("monitoring:station_list", _("Monitoring"), STAFF),
    ("supervision:plan_list", _("Double random"), STAFF),
    ("enforcement:case_list", _("Enforcement"), STAFF),
    ("complaints:complaint_list", _("Complaints"), STAFF),
    ("rectification:item_list", _("Rectification"), STAFF),
    ("reports:index", _("Reports"), STAFF),
]


def _nav_items(user) -> list[dict]:
    items = []
    for name, label, roles in NAV:
        if getattr(user, "role", None) not in roles and not user.is_superuser:
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
