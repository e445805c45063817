"""Helpers of the ledger tests: a batch, items and files made by hand."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from ecogov.rectification import services

PDF = b"%PDF-1.4\n% evidence\n"


def evidence(name: str = "photo.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def batch(actor, jurisdiction, code: str = "ZY2-2026", **kw):
    data = {"code": code, "title": "第二轮中央生态环境保护督察交办信访件", "source": "central",
            "received_date": dt.date(2026, 3, 2), "issuing_body": "中央第二生态环境保护督察组",
            "deadline": dt.date(2026, 12, 31), "jurisdiction": jurisdiction, **kw}
    return services.batch_create(data=data, actor=actor)


def item(actor, jurisdiction, *, parent=None, problem="餐饮油烟扰民", deadline=dt.date(2026, 6, 30), **kw):
    data = {"problem": problem, "deadline": deadline, "jurisdiction": jurisdiction,
            "assigned_date": kw.pop("assigned_date", dt.date(2026, 3, 2)), **kw}
    state = data.pop("state", None)
    made = services.item_create(data=data, actor=actor, parent=parent, milestones=data.pop("milestones", ()))
    if state:  # a test's shortcut to a state (the workflow's moves are tested in test_workflow)
        type(made).objects.filter(pk=made.pk).update(state=state)
        made.refresh_from_db()
    return made
