"""``ecogov demo load``: build the deterministic demo city (示范市)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ecogov.core.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, LIVE_UNTIL, DemoContext, load_city
from ecogov.core.models import Jurisdiction


class Command(BaseCommand):
    help = "Demo city: `demo load` builds it (seeded, deterministic)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="Load the demo city")
        load.add_argument("--seed", type=int, default=settings.DEMO_SEED)
        load.add_argument("--today", default="2026-11-20", help="Anchor date of the demo data (YYYY-MM-DD)")
        load.add_argument("--reset", action="store_true", help="Delete all data first")
        load.add_argument("--if-empty", action="store_true", help="Do nothing if a city is already loaded")
        load.add_argument("--only", default="", help="Comma-separated apps to load (default: all)")
        load.add_argument("--live", action="store_true",
                          help="Run the time series on from the anchor day to the hour before now")

    def handle(self, *args, action, **opts):
        if Jurisdiction.objects.exists():
            if opts["if_empty"]:
                self.stdout.write("demo city already loaded; nothing to do")
                return
            if not opts["reset"]:
                raise CommandError("数据库已有数据；使用 --reset 重新生成 / The database has data; use --reset to rebuild it")
            call_command("flush", interactive=False, verbosity=0)
        ctx = DemoContext(seed=opts["seed"], today=dt.date.fromisoformat(opts["today"]), stdout=self.stdout)
        if opts["live"]:
            now = timezone.now().replace(minute=0, second=0, microsecond=0)
            ctx.data[LIVE_UNTIL] = now - dt.timedelta(hours=1)
        load_city(ctx, {a for a in opts["only"].split(",") if a})
        self.stdout.write(self.style.SUCCESS(f"Demo city loaded. Accounts (password {DEMO_PASSWORD}): {DEMO_ACCOUNTS}"))
