"""``ecogov rectification``: the ledger's daily jobs.

    ecogov rectification escalate [--date YYYY-MM-DD]   the escalation ladder (idempotent)
    ecogov rectification plan [--date YYYY-MM-DD]       progress against plan (序时进度) of every item
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from ecogov.rectification.services_daily import escalate, plan_recompute


def _day(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError as exc:
        raise CommandError(f"日期格式应为 YYYY-MM-DD / bad date {text!r}") from exc


class Command(BaseCommand):
    help = "Rectification ledger: `escalate [--date D]` (escalation ladder), `plan [--date D]` (progress against plan)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name, text in (("escalate", "Take the escalation steps due (reminder, supervisor, red list, summons)"),
                           ("plan", "Recompute every item's progress against plan")):
            p = sub.add_parser(name, help=text)
            p.add_argument("--date", help="the day to evaluate (default: today)")

    def handle(self, *args, action, **opts):
        day = _day(opts.get("date"))
        if action == "plan":
            self.stdout.write(f"items changed: {plan_recompute(day=day)}")
            return
        counts = escalate(day=day)
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in counts.items()))
