"""``ecogov token create USER NAME``: an API bearer token (the key is shown once)."""

from __future__ import annotations

import secrets

from django.core.management.base import BaseCommand, CommandError

from ecogov.core.models import ApiToken, User


class Command(BaseCommand):
    help = "API tokens: `token create USERNAME NAME` prints a new key once."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create")
        create.add_argument("username")
        create.add_argument("name")

    def handle(self, *args, action, username, name, **opts):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"用户不存在 / no such user: {username}")
        key = secrets.token_urlsafe(32)
        ApiToken.objects.create(user=user, name=name, key_hash=ApiToken.hash_key(key))
        self.stdout.write(key)
