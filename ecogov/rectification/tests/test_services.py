"""Items opened by an inspection's findings (through supervision's outcomes) and their closing."""

from __future__ import annotations

import datetime as dt

import pytest

from ecogov.core.errors import Conflict, PermissionRefused, ValidationFailed
from ecogov.core.models import AuditLog
from ecogov.rectification import services
from ecogov.rectification.models import RectificationItem
from ecogov.supervision import outcomes
from ecogov.supervision import services as supervision
from ecogov.testing import factories


def test_each_problem_of_an_inspection_opens_one_item(inspection, unit):
    items = list(inspection.rectifications.order_by("pk"))
    assert [i.problem for i in items] == ["危废贮存：标识不全", "台账"]
    assert all(i.supervised_object == unit and i.deadline == dt.date(2026, 4, 2) and i.is_open for i in items)
    assert all(AuditLog.objects.for_object(i).filter(event="create").exists() for i in items)


def test_the_rectification_app_answers_only_the_rectify_result(unit, officers):
    handler = outcomes.handlers.get("rectification")
    assert handler is not None and handler.results == {"rectify"}
    supervision.inspection_record(supervised_object=unit, date=dt.date(2026, 3, 3), officers=officers,
                                  result="no_problem", actor=officers[0])
    assert not RectificationItem.objects.exists()


def test_close_an_item(inspection, officers):
    item = inspection.rectifications.order_by("pk").first()
    item = services.rectification_close(item=item, closed_date=dt.date(2026, 3, 20), actor=officers[0])
    assert item.status == "done" and item.closed_date == dt.date(2026, 3, 20) and not item.is_open
    assert AuditLog.objects.for_object(inspection).filter(note=f"rectification {item.pk} closed").exists()
    with pytest.raises(Conflict):
        services.rectification_close(item=item, closed_date=dt.date(2026, 3, 21), actor=officers[0])


def test_close_refuses_a_date_before_the_inspection_and_other_districts(inspection, officers, tree):
    item = inspection.rectifications.first()
    with pytest.raises(ValidationFailed):
        services.rectification_close(item=item, closed_date=dt.date(2026, 3, 1), actor=officers[0])
    other = factories.user("district", tree["district_b"])
    with pytest.raises(PermissionRefused):
        services.rectification_close(item=item, closed_date=dt.date(2026, 3, 20), actor=other)


def test_a_refusing_handler_undoes_the_inspection(unit, officers):
    def refuse(outcome):
        raise ValidationFailed("refused", "拒绝", "refused")

    outcomes.handlers.add(outcomes.OutcomeHandler("test-refuse", results=frozenset({"rectify"}), handler=refuse))
    try:
        with pytest.raises(ValidationFailed):
            supervision.inspection_record(
                supervised_object=unit, date=dt.date(2026, 3, 2), officers=officers, result="rectify",
                findings=[{"point": "台账", "compliant": False}], rectify_deadline=dt.date(2026, 4, 2),
                actor=officers[0])
    finally:
        outcomes.handlers.remove("test-refuse")
    assert not unit.inspections.exists() and not RectificationItem.objects.exists()
