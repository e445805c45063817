"""``ecogov complaints_open311_client NAME [--contact ...]``: register an Open311 client and print its API key once."""

from django.core.management.base import BaseCommand

from ecogov.complaints.open311.services import client_create


class Command(BaseCommand):
    help = "Create an Open311 client allowed to POST service requests and print its API key"

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--contact", default="")

    def handle(self, *args, **opts):
        client, key = client_create(name=opts["name"], contact=opts["contact"])
        self.stdout.write(f"client {client.pk} {client.name}\napi_key: {key}\n(store it now: only its hash is kept)")
