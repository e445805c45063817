"""The ``ecogov`` command: one entry point for every command.

``ecogov <command> [args]`` runs the Django management command of that name
with ``DJANGO_SETTINGS_MODULE=ecogov.settings``: ``ecogov demo load``,
``ecogov serve``, ``ecogov aqi``, ``ecogov ingest national``,
``ecogov migrate``... ``ecogov help`` lists them all.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecogov.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    execute_from_command_line(["ecogov", *args])


if __name__ == "__main__":
    main()
