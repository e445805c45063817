"""Public reads from a read replica (``DATABASE_REPLICA_URL``), everything else on the primary.

:class:`PublicReplicaMiddleware` marks the requests of the public (GET or HEAD, no signed-in user, no API
token) for the duration of the request; :class:`ReplicaRouter` sends the reads of marked requests to the
``replica`` database when one is configured. Staff requests, every write, and every read outside a public
request (commands, tasks, the staff's reads after their writes) stay on ``default``, the primary. The
public may see data a moment old (the replication lag); staff never do.
"""

from __future__ import annotations

import contextvars

from django.conf import settings

_public: contextvars.ContextVar[bool] = contextvars.ContextVar("ecogov_public_read", default=False)
REPLICA = "replica"


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _public.get() and REPLICA in settings.DATABASES else None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the primary's rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


def is_public(request) -> bool:
    if request.method not in ("GET", "HEAD") or request.headers.get("Authorization"):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


class PublicReplicaMiddleware:
    """Put after AuthenticationMiddleware: a public request reads from the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _public.set(REPLICA in settings.DATABASES and is_public(request))
        try:
            return self.get_response(request)
        finally:
            _public.reset(token)
