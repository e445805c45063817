"""How the rectification ledger plugs into the platform (``ecogov.core.contrib``)."""

from __future__ import annotations


def register() -> None:
    """Nothing yet: the ledger's pages register here once they exist."""
