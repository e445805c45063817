"""``ecogov audit verify [--since DATE]``: recompute the audit trail's hash chain."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from ecogov.core import audit_chain
from ecogov.core.models import AuditLog


class Command(BaseCommand):
    help = "Audit trail: `audit verify [--since DATE]` recomputes the hash chain and names the first bad row."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify")
        verify.add_argument("--since", type=dt.date.fromisoformat, default=None, help="first day checked (YYYY-MM-DD)")

    def handle(self, *args, action, since=None, **opts):
        verdict = audit_chain.verify(AuditLog, since)
        if not verdict.ok:
            raise CommandError(f"审计链在第 {verdict.bad_id} 条记录处断开 / audit chain broken at row id "
                               f"{verdict.bad_id}: {verdict.reason} ({verdict.checked} rows checked)")
        self.stdout.write(f"audit chain intact: {verdict.checked} rows, head {verdict.head}")
