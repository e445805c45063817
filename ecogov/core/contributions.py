"""Core's own contributions: the home page, sign-in, history, the calendar and the due page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from . import contrib


def register() -> None:
    contrib.urls.add(contrib.UrlModule("", "ecogov.core.urls", order=0))
    contrib.api_routers.add(contrib.ApiRouter("/core/", "ecogov.core.api:router", order=0))
    contrib.demo_loaders.add(contrib.DemoLoader("core", "ecogov.core.demo:load", order=0))
    contrib.nav.add(
        contrib.NavItem("core:home", _("Home"), contrib.EVERYONE, order=0),
        contrib.NavItem("core:due", _("Due and overdue"), order=900),
    )
