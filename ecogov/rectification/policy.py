"""The ledger's configurable thresholds (``settings.RECTIFICATION_POLICY`` overrides these defaults).

publicity_days: working days an item stays in public notice (公示) before it may close.
remind_before: working days before the deadline when the owner is reminded.
red_list_after: working days after the deadline when an open item goes on the red list (通报).
summons_after: working days after the deadline when the leader is put on the summons list (约谈).
patrol_days: working days a problem found on a daily patrol has to be put right.
"""

from __future__ import annotations

from django.conf import settings

DEFAULTS = {"publicity_days": 5, "remind_before": 3, "red_list_after": 7, "summons_after": 30, "patrol_days": 10}


def policy() -> dict[str, int]:
    return {**DEFAULTS, **getattr(settings, "RECTIFICATION_POLICY", {})}
