"""``ecogov serve``: serve the platform on http://127.0.0.1:$PORT (default 8000)
through gunicorn (``--dev``: Django's development server, for contributors)."""

from __future__ import annotations

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections

from ecogov import serving
from ecogov.core.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from ecogov.core.models import User


class Command(BaseCommand):
    help = "Serve ecogov on 127.0.0.1:$PORT through gunicorn (--dev: Django's development server)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--dev", action="store_true", help="Django's development server (auto-reload off)")
        parser.add_argument("--no-collectstatic", action="store_true", help="skip collecting static files")

    def handle(self, *args, port, host, dev, no_collectstatic, **opts):
        self.stdout.write(f"ecogov serving on http://{host}:{port}/  (public portal: http://{host}:{port}/public/)")
        if User.objects.filter(username="leader").exists():
            self.stdout.write(f"demo accounts (password {DEMO_PASSWORD}): {DEMO_ACCOUNTS}")
        if dev:
            call_command("runserver", f"{host}:{port}", insecure_serving=True, use_reloader=False)
            return
        if not no_collectstatic:
            call_command("collectstatic", interactive=False, verbosity=0)
        pidfile = str(settings.VAR_DIR / "gunicorn.pid")
        self.stdout.write(f"gunicorn: {serving.web_workers()} workers x {serving.web_threads()} threads; "
                          f"graceful restart: kill -HUP $(cat {pidfile})")
        self.stdout.flush()
        connections.close_all()
        argv = serving.gunicorn_argv(sys.executable, host=host, port=port, pidfile=pidfile)
        os.execv(sys.executable, argv)
