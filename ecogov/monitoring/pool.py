"""Spawned process pools of the monitoring app's bulk work (backfill read-ahead, derived values).

The initializer lives here, in a module that imports nothing of the app: a spawned process imports the
module of its initializer before that initializer has set Django up. Work items are unpickled after it
ran, so the work functions themselves can be sent.
"""

from __future__ import annotations

#: The passes of the crash-test failpoints counted over the parent and every pool process (a shared
#: ``multiprocessing.Value`` given to ``setup``), so ``ECOGOV_FAILPOINT=<name>:<n>`` means the n-th pass of
#: the whole command, wherever it runs. None outside a pool.
HITS = None


def setup(database_name: str | None = None, hits=None) -> None:
    """Initializer: Django set up in the new process, connected to ``database_name`` when given (the
    database of the parent, a test database too). The process dies with its parent (Linux): a backfill
    killed anywhere leaves no pool process writing behind it (its open transaction is rolled back)."""
    import django
    from django.conf import settings

    global HITS
    HITS = hits

    _die_with_parent()

    django.setup()
    if database_name:
        from django.db import connections

        settings.DATABASES["default"]["NAME"] = database_name
        connections["default"].settings_dict["NAME"] = database_name


def _die_with_parent() -> None:
    """``prctl(PR_SET_PDEATHSIG, SIGKILL)`` where the C library offers it (Linux); elsewhere nothing."""
    import ctypes
    import ctypes.util
    import signal

    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name, use_errno=True) if name else None
        if libc is not None and hasattr(libc, "prctl"):
            libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except OSError:
        pass
