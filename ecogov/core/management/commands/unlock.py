"""``ecogov unlock [--user NAME] [--address IP]``: lift a login lockout before it expires."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from ecogov.core import throttle


class Command(BaseCommand):
    help = "Lift a login/token lockout of an account (--user) or a client address (--address)."

    def add_arguments(self, parser):
        parser.add_argument("--user", default=None)
        parser.add_argument("--address", default=None)

    def handle(self, *args, user=None, address=None, **opts):
        if not user and not address:
            raise CommandError("give --user NAME or --address IP")
        throttle.unlock(username=user, address=address)
        self.stdout.write(f"unlocked {user or ''} {address or ''}".strip())
