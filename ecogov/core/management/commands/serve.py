"""``ecogov serve``: serve the platform on http://127.0.0.1:$PORT (default 8000)."""

from __future__ import annotations

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve ecogov (Django's server, static files included) on 127.0.0.1:$PORT."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))

    def handle(self, *args, port, host, **opts):
        self.stdout.write(f"ecogov serving on http://{host}:{port}/  (public portal: http://{host}:{port}/public/)")
        call_command("runserver", f"{host}:{port}", insecure_serving=True, use_reloader=False)
