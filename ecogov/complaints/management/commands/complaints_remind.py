"""``ecogov complaints_remind [--date YYYY-MM-DD]``: remind assignees of overdue and due-soon complaints."""

import datetime as dt

from django.core.management.base import BaseCommand

from ecogov.complaints.services import send_reminders


class Command(BaseCommand):
    help = "Send reminders for overdue and due-soon complaints"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day to evaluate (default: today)")

    def handle(self, *args, **opts):
        day = dt.date.fromisoformat(opts["date"]) if opts.get("date") else None
        counts = send_reminders(day)
        self.stdout.write(f"overdue reminders: {counts['overdue']}, due-soon reminders: {counts['due_soon']}")
