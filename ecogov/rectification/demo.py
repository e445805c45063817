"""Demo ledger: one rectification item per problem the supervision demo found
(``ctx.data["inspection_problems"]``): 230 from the joint and night actions
(227 rectified, MISSION.md §4 [004]) plus those of the double-random plans,
each due 30 days after its inspection; a rectified one is closed (销号) on the
day the inspection demo drew, an open one past its deadline is overdue."""

from __future__ import annotations

from .choices import RectificationStatus
from .models import RectificationItem


def _status(row: dict, today) -> str:
    if row["closed"] is not None:
        return RectificationStatus.DONE
    return RectificationStatus.OVERDUE if row["deadline"] < today else RectificationStatus.OPEN


def load(ctx) -> None:
    rows = ctx.data.get("inspection_problems", [])
    RectificationItem.objects.bulk_create([
        RectificationItem(supervised_object_id=r["object"], source_inspection_id=r["inspection"], problem=r["problem"],
                          deadline=r["deadline"], closed_date=r["closed"], status=_status(r, ctx.today))
        for r in rows
    ], batch_size=1000)
    done = sum(1 for r in rows if r["closed"] is not None)
    ctx.log(f"  rectification: {len(rows)} items, {done} closed")
