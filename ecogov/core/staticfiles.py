"""Static files with hashed names and long cache headers (whitenoise).

``ecogov serve`` runs ``collectstatic`` first, so every file under ``STATIC_ROOT``
has a content-hashed name (``app.3f2a9c.css``) that whitenoise serves with a
one-year ``Cache-Control: immutable`` header, gzip-compressed. Where no manifest
exists yet (a fresh checkout running tests), a template's ``{% static %}`` falls
back to the plain name instead of failing, and whitenoise finds the file through
the staticfiles finders.
"""

from __future__ import annotations

from django.contrib.staticfiles.apps import StaticFilesConfig as BaseStaticFilesConfig
from whitenoise.storage import CompressedManifestStaticFilesStorage


class Storage(CompressedManifestStaticFilesStorage):
    manifest_strict = False

    def stored_name(self, name: str) -> str:
        try:
            return super().stored_name(name)
        except ValueError:  # not collected yet: the unhashed name, found by the finders
            return name


class StaticFilesConfig(BaseStaticFilesConfig):
    """``collectstatic`` copies only what pages load from the npm packages (minified
    bundles, Leaflet's css and images), not their sources, maps and variants."""

    ignore_patterns = [*BaseStaticFilesConfig.ignore_patterns, "*.mjs", "echarts.js.map", "*.d.ts", "*.gz",
                       "package.json", "echarts.common*", "echarts.esm*", "echarts.simple*", "echarts.js",
                       "extension", "ext", "htmx.amd.js", "htmx.cjs.js", "htmx.esm.js", "htmx.js",
                       "leaflet-src*"]
