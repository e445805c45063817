"""Spawned process pools of the monitoring app's bulk work (backfill read-ahead, derived values).

The functions a pool process unpickles live here, in a module that imports no model at import time: a
spawned process imports the module of its initializer before that initializer has set Django up.
"""

from __future__ import annotations


def setup(database_name: str | None = None) -> None:
    """Initializer: Django set up in the new process, connected to ``database_name`` when given (the
    database of the parent, a test database too). The process dies with its parent (Linux): a backfill
    killed anywhere leaves no pool process writing behind it (its open transaction is rolled back)."""
    import django
    from django.conf import settings

    _die_with_parent()

    django.setup()
    if database_name:
        from django.db import connections

        settings.DATABASES["default"]["NAME"] = database_name
        connections["default"].settings_dict["NAME"] = database_name


def derived_step(ids: list[int]) -> int:
    """``derived._step`` in a pool process."""
    from . import derived

    return derived._step(ids)


def read_columns(*args):
    """``backfill_pool.read_columns`` in a pool process."""
    from . import backfill_pool

    return backfill_pool.read_columns(*args)


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
