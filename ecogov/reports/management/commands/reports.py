"""``ecogov reports``: one-click briefings from the command line.

    ecogov reports briefing --type monthly --period 2021-08 [--jurisdiction CODE]
                            [--format docx,pdf] [--out DIR] [--user USERNAME]

    ecogov reports drafts [--today YYYY-MM-DD]

``briefing`` writes the briefing's files (a draft: nothing is stored or numbered; issue from
the web page or the API) and prints their paths. The figures are read as
``--user`` may see them (default: the first active superuser). ``drafts`` is the
scheduled job without a Celery broker (run it daily from cron): on the month's first
working day it stores the drafts of the monthly kinds for the month before, once.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from ecogov.core.errors import DomainError
from ecogov.reports import engine, output, services
from ecogov.reports.choices import DocKind
from ecogov.reports.views_common import jurisdiction_by_code, period_or_422

FORMATS = ("docx", "pdf")


class Command(BaseCommand):
    help = ("Briefings: `briefing --type KIND --period 2021-08 [--jurisdiction CODE] --format docx,pdf --out DIR`; "
            "`drafts` (the monthly drafts, for cron without a broker).")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        br = sub.add_parser("briefing", help="Write a briefing's .docx and PDF and print their paths")
        br.add_argument("--type", dest="kind", required=True, choices=DocKind.values())
        br.add_argument("--period", required=True, help="2021-08 (month), 2021Q3 (quarter) or 2021 (year)")
        br.add_argument("--jurisdiction", default="", help="administrative code (default: the city)")
        br.add_argument("--format", default="docx,pdf", help="docx, pdf or both, comma-separated")
        br.add_argument("--out", default=".", help="folder to write into (created if missing)")
        br.add_argument("--user", default="", help="read the figures as this user (default: a superuser)")
        dr = sub.add_parser("drafts", help="On the first working day of a month, store last month's drafts (once)")
        dr.add_argument("--today", default="", help="YYYY-MM-DD (default: today)")

    def handle(self, *args, action, **opts):
        if action == "drafts":
            return self._drafts(opts["today"])
        formats = tuple(f.strip() for f in opts["format"].split(",") if f.strip())
        if not formats or set(formats) - set(FORMATS):
            raise CommandError("--format takes docx, pdf or docx,pdf")
        user = self._user(opts["user"])
        try:
            btype = services.type_for(opts["kind"])
            period = period_or_422(opts["kind"], opts["period"])
            j = jurisdiction_by_code(user, opts["jurisdiction"] or None)
            content = engine.assemble(user, btype, j, period)
            files = output.standalone(btype, content, formats)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        out = Path(opts["out"])
        out.mkdir(parents=True, exist_ok=True)
        for fmt in formats:
            path = out / f"{opts['kind']}-{period.code}-{j.code}.{fmt}"
            path.write_bytes(files[fmt])
            self.stdout.write(str(path))

    def _drafts(self, today: str) -> None:
        import datetime as dt

        try:
            day = dt.date.fromisoformat(today) if today else None
        except ValueError as exc:
            raise CommandError("--today takes YYYY-MM-DD") from exc
        made = services.scheduled_drafts(today=day)
        for b in made:
            self.stdout.write(f"{b.pk}\t{b.title}")
        if not made:
            self.stdout.write("nothing to do (not the first working day, or the drafts exist)")

    def _user(self, username: str):
        users = get_user_model().objects.filter(is_active=True)
        user = users.filter(username=username).first() if username else \
            users.filter(is_superuser=True).order_by("pk").first()
        if user is None:
            raise CommandError(f"no such active user: {username}" if username else "no active superuser: use --user")
        return user
