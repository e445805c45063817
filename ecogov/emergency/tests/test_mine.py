"""An incident's lessons report and a control action's compliance checks name their owner account
(``Deadline.owner_ids``); a hazard is held by its enterprise and names no account."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from ecogov.core.selectors import due_items
from ecogov.emergency.models import ControlAction, Incident
from ecogov.testing import factories

pytestmark = pytest.mark.django_db

AT = dt.datetime(2026, 5, 1, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
TODAY = dt.date(2026, 5, 6)


def test_the_owner_of_an_incident_and_of_a_control_action_holds_their_deadlines(tree, officer):
    other = factories.user("officer", tree["city"])
    Incident.objects.create(code="YJ-1", title="河道油污", kind="water", jurisdiction=tree["district_a"],
                            location="清河", occurred_at=AT, reported_at=AT, status="ended",
                            summary_due=dt.date(2026, 5, 8), owner=officer)
    ControlAction.objects.create(code="GK-1", day=dt.date(2026, 5, 5), jurisdiction=tree["district_a"],
                                 forecast_aqi=160, status="issued", check_due=dt.date(2026, 5, 7), owner=other)
    ControlAction.objects.create(code="GK-2", day=dt.date(2026, 5, 5), jurisdiction=tree["district_a"],
                                 forecast_aqi=160, status="issued", check_due=dt.date(2026, 5, 7))

    def mine(user):
        return [d.label.split("：")[0] for d in
                due_items(user, today=TODAY, horizon_days=7, kind="emergency", mine=True)]

    assert mine(officer) == ["YJ-1 河道油污"]
    assert mine(other) == ["GK-1"]
    every = due_items(officer, today=TODAY, horizon_days=7, kind="emergency")
    assert [(d.label.split("：")[0], d.owner_ids) for d in every] == [
        ("GK-1", (other.pk,)), ("GK-2", ()), ("YJ-1 河道油污", (officer.pk,))]
