"""The escalation ladder on the working-day clock, across the 2026 Mid-Autumn and National
Day holidays, and the idempotence of the daily run."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command

from ecogov.core.clock import calendar
from ecogov.core.models import AuditLog, Notification
from ecogov.rectification.models import Escalation
from ecogov.rectification.services_daily import escalate, ladder
from ecogov.testing import factories

from .ledger import item

D = dt.date


def test_ladder_dates_across_the_holiday_weeks(db):
    # due Wed 30 Sep 2026. 25-27 Sep (Mid-Autumn) and 1-7 Oct (National Day) are days off,
    # Sat 10 Oct is a make-up working day.
    steps = ladder(D(2026, 9, 30), cal=calendar(),
                   pol={"remind_before": 3, "red_list_after": 7, "summons_after": 30})
    # 3 working days back: 29, 28, (27-25 off) 24 Sep
    assert steps["remind"] == D(2026, 9, 24)
    assert steps["supervisor"] == D(2026, 9, 30)
    # 7 working days on: 8, 9, 10 (make-up), 12, 13, 14, 15 Oct
    assert steps["red_list"] == D(2026, 10, 15)
    # 30 on: the 7 above, then 16, 19-23, 26-30 Oct, 2-6, 9-13, 16, 17 Nov = 7 + 1 + 5 + 5 + 5 + 5 + 2
    assert steps["summons"] == D(2026, 11, 17)


def test_the_daily_run_takes_each_step_once(tree, officer, django_capture_on_commit_callbacks):
    owner = factories.user("street", tree["street_a"])
    boss = factories.user("leader", tree["city"])
    it = item(officer, tree["street_a"], deadline=D(2026, 9, 30), owner=owner, supervisor=boss, leader="李副区长")
    done = item(officer, tree["street_a"], deadline=D(2026, 9, 30), state="closed", problem="已销号")

    def run(day):
        with django_capture_on_commit_callbacks(execute=True):
            return escalate(day=day)

    assert sum(run(D(2026, 9, 23)).values()) == 0
    assert run(D(2026, 9, 24))["remind"] == 1
    assert run(D(2026, 9, 24)) == {"remind": 0, "supervisor": 0, "red_list": 0, "summons": 0}  # nothing twice
    assert Notification.objects.filter(recipient=owner).count() == 1
    assert run(D(2026, 10, 14)) == {"remind": 0, "supervisor": 1, "red_list": 0, "summons": 0}
    assert run(D(2026, 10, 15))["red_list"] == 1
    assert run(D(2026, 11, 16))["summons"] == 0
    assert run(D(2026, 11, 17))["summons"] == 1
    assert list(it.escalations.order_by("due").values_list("step", "date")) == [
        ("remind", D(2026, 9, 24)), ("supervisor", D(2026, 10, 14)), ("red_list", D(2026, 10, 15)),
        ("summons", D(2026, 11, 17))]
    assert not done.escalations.exists()
    assert AuditLog.objects.for_object(it).filter(event="action", note__startswith="约谈").count() == 1
    assert Notification.objects.filter(recipient=boss, subject__contains="李副区长").count() == 1
    call_command("rectification", "escalate", "--date", "2026-11-18")
    assert Escalation.objects.count() == 4
