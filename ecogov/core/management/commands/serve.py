"""``ecogov serve``: serve the platform on http://127.0.0.1:$PORT (default 8000)."""

from __future__ import annotations

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand

from ecogov.core.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from ecogov.core.models import User


class Command(BaseCommand):
    help = "Serve ecogov (Django's server, static files included) on 127.0.0.1:$PORT."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))

    def handle(self, *args, port, host, **opts):
        self.stdout.write(f"ecogov serving on http://{host}:{port}/  (public portal: http://{host}:{port}/public/)")
        if User.objects.filter(username="leader").exists():
            self.stdout.write(f"demo accounts (password {DEMO_PASSWORD}): {DEMO_ACCOUNTS}")
        call_command("runserver", f"{host}:{port}", insecure_serving=True, use_reloader=False)
