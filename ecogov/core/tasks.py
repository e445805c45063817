"""Starting background work: always after commit (NetBox ``extras/events.py``).

``enqueue(task, *args)`` sends a Celery task once the transaction commits;
with no broker configured Celery runs it eagerly, in-process.
"""

from __future__ import annotations

from django.db import transaction


def enqueue(task, *args, **kwargs) -> None:
    """Start ``task`` (a Celery task) after the current transaction commits."""
    transaction.on_commit(lambda: task.delay(*args, **kwargs))
