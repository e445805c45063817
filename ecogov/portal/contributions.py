"""The public portal: mounted at /public/, it holds every app's public URL modules."""

from __future__ import annotations

from ecogov.core import contrib


def register() -> None:
    contrib.urls.add(contrib.UrlModule("public/", "ecogov.portal.urls", order=900))
