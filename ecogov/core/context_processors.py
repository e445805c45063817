"""Template context: the navigation bar, from the items the apps contribute."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from . import contrib


def _nav_items(user) -> list[dict]:
    items = []
    for item in contrib.nav:
        if getattr(user, "role", None) not in item.roles and not user.is_superuser:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"name": item.url_name, "url": url, "label": item.label})
    return items


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": _nav_items(user)}
