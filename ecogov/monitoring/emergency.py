"""Enterprises on the emergency reduction list (应急减排清单) for a warning level.

Membership comes from the registry: air-related, operating supervised objects
with an emergency performance grade (绩效分级, 环办大气函〔2020〕340号). The
measures per grade and level below are the common pattern of city plans
(standards.md §13); local plans differ, so the table is data, not logic.
"""

from __future__ import annotations

from ecogov.registry.models import SupervisedObject

#: grade -> level -> measure (Chinese, as printed on the list).
MEASURES: dict[str, dict[str, str]] = {
    "A": {lvl: "自主采取减排措施，不作强制要求" for lvl in ("blue", "yellow", "orange", "red")},
    "B": {"blue": "自主减排", "yellow": "限产10%", "orange": "限产20%", "red": "限产30%"},
    "B-": {"blue": "自主减排", "yellow": "限产20%", "orange": "限产30%", "red": "限产50%"},
    "C": {"blue": "限产10%", "yellow": "限产30%", "orange": "限产50%", "red": "停产"},
    "D": {"blue": "限产30%", "yellow": "限产50%", "orange": "停产", "red": "停产"},
    "X": {lvl: "保障类企业，执行一厂一策" for lvl in ("blue", "yellow", "orange", "red")},
}


def emergency_list(user, warning) -> list[dict]:
    """The enterprises under the warning's jurisdiction with the measure each takes at its level."""
    if warning is None:
        return []
    qs = (
        SupervisedObject.objects.for_user(user)
        .filter(jurisdiction__path__startswith=warning.jurisdiction.path, air_related=True, status="active")
        .exclude(performance_grade="")
        .select_related("jurisdiction")
        .order_by("performance_grade", "name")
    )
    return [
        {"object": o, "grade": o.performance_grade, "measure": MEASURES.get(o.performance_grade, {}).get(warning.level, "")}
        for o in qs
    ]
