"""The demo city's briefings: the August monthly briefing issued as 第1期 and the public
environmental bulletin of the previous year issued and shown on the portal."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from ecogov.core.models import Jurisdiction

from . import services, tasks

#: (kind, period, issued on) relative to the demo's anchor year
ISSUES = (("monthly", "{y}-08", (9, 3)), ("public", "{p}", (6, 5)))


def load(ctx) -> None:
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    city = Jurisdiction.objects.filter(parent__isnull=True).order_by("path").first()
    if admin is None or city is None:
        return
    year = ctx.today.year
    made = []
    for kind, period, (month, day) in ISSUES:
        code = period.format(y=year, p=year - 1)
        draft = services.briefing_generate(user=admin, kind=kind, period=code, jurisdiction=city)
        issued = services.briefing_issue(user=admin, briefing=draft, issued_date=dt.date(year, month, day))
        # the PDF now, not after a commit the demo's caller may roll back (tests) or a worker that may not run
        tasks.render_pdf(issued.pk)
        made.append(f"{issued.title} {issued.number_label}")
    ctx.log("  briefings issued: " + "；".join(made))
