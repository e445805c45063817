"""Demo items raised from complaints (after the complaints demo has loaded): the underlying
problems of the dozen latest answered complaints (a restaurant's fumes, a site's dust) go on
the year's complaints batch for lasting rectification, each linked to its complaint. Through
the services, so each item is audited."""

from __future__ import annotations

import datetime as dt

from ecogov.complaints.selectors import complaints_for

from . import services
from .models import Batch


def load(ctx) -> None:
    from ecogov.core.models import User

    admin = User.objects.get(username="admin")
    city = ctx.data["jurisdictions"]["city"][0]
    batch = Batch.objects.create(code=f"XF-{ctx.today.year}", title=f"{ctx.today.year}年信访投诉反映问题整改",
                                 source="complaint", received_date=ctx.today.replace(month=1, day=1),
                                 issuing_body="市生态环境局信访办", deadline=ctx.today.replace(month=12, day=31),
                                 jurisdiction=city)
    rows = complaints_for(admin).filter(status="closed").order_by("-received_at")[:12]
    n = 0
    for c in rows:
        day = c.received_at.date()
        services.item_create(data={"batch": batch, "problem": f"{c.category}：{c.description[:80]}",
                                   "jurisdiction": c.jurisdiction, "assigned_date": day,
                                   "deadline": max(day, ctx.today) + dt.timedelta(days=45)},
                             actor=admin, source=c)
        n += 1
    ctx.log(f"  rectification (complaints): {n} items")
