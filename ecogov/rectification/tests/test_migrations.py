"""The move of RectificationItem from supervision to rectification keeps every row,
id and link: rows written on the old schema (supervision 0001) are read back through
the new model after migrating forward, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from ecogov.core.models import AuditLog
from ecogov.rectification.models import RectificationItem
from ecogov.supervision.models import Inspection
from ecogov.supervision.tests.helpers import obj

OLD = [("supervision", "0001_initial"), ("rectification", None)]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    return MigrationExecutor(connection).loader.project_state(
        [t for t in targets if t[1] is not None] + _others(executor)).apps


def _others(executor) -> list[tuple[str, str]]:
    """The leaf migrations of every other app (their models as they are now)."""
    return [n for n in executor.loader.graph.leaf_nodes() if n[0] not in ("supervision", "rectification")]


def _leaves():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_rows_and_links_survive_the_move(tree, officer):
    target, other = obj(tree["street_a"], "B"), obj(tree["street_b"], "C")
    item_ct = ContentType.objects.get_for_model(RectificationItem)
    try:
        old = _migrate(OLD)
        tables = connection.introspection.table_names()
        assert "supervision_rectificationitem" in tables and "rectification_rectificationitem" not in tables
        assert ContentType.objects.get(pk=item_ct.pk).app_label == "supervision"  # the content type went back too

        OldInspection = old.get_model("supervision", "Inspection")
        OldItem = old.get_model("supervision", "RectificationItem")
        OldCase = old.get_model("enforcement", "PenaltyCase")
        insp = OldInspection.objects.create(supervised_object_id=target.pk, date=dt.date(2026, 3, 2), result="rectify")
        insp.officers.set([officer.pk])
        kept = OldInspection.objects.create(supervised_object_id=other.pk, date=dt.date(2026, 3, 9), result="violation")
        items = [
            OldItem.objects.create(supervised_object_id=target.pk, source_inspection=insp, problem="危废贮存：标识不全",
                                   deadline=dt.date(2026, 4, 2)),
            OldItem.objects.create(supervised_object_id=target.pk, source_inspection=insp, problem="台账缺失",
                                   deadline=dt.date(2026, 4, 2), status="done", closed_date=dt.date(2026, 3, 20)),
            OldItem.objects.create(supervised_object_id=other.pk, source_inspection=kept, problem="雨污分流不彻底",
                                   deadline=dt.date(2026, 3, 30), status="overdue"),
        ]
        OldCase.objects.create(case_no="ENF-2026-0001", supervised_object_id=other.pk, inspection=kept, facts="超标排放",
                               opened_date=dt.date(2026, 3, 9))
        old.get_model("core", "AuditLog").objects.create(
            content_type_id=item_ct.pk, object_id=str(items[0].pk), object_repr="危废贮存", event="create")
        before = sorted(OldItem.objects.values_list(
            "pk", "supervised_object_id", "source_inspection_id", "problem", "deadline", "status", "closed_date"))
    finally:
        _migrate(_leaves())

    tables = connection.introspection.table_names()
    assert "rectification_rectificationitem" in tables and "supervision_rectificationitem" not in tables
    after = sorted(RectificationItem.objects.values_list(
        "pk", "supervised_object_id", "source_inspection_id", "problem", "deadline", "status", "closed_date"))
    assert after == before and len(after) == 3

    inspection = Inspection.objects.get(pk=insp.pk)
    assert sorted(inspection.rectifications.values_list("pk", flat=True)) == [items[0].pk, items[1].pk]
    assert list(inspection.officers.values_list("pk", flat=True)) == [officer.pk]
    assert Inspection.objects.get(pk=kept.pk).penalty_cases.get().case_no == "ENF-2026-0001"
    assert list(target.rectification_items.order_by("pk").values_list("problem", flat=True)) == ["危废贮存：标识不全", "台账缺失"]

    # the audit row still points at the items (the content type moved with the model)
    assert ContentType.objects.get_for_model(RectificationItem).pk == item_ct.pk
    assert AuditLog.objects.for_object(RectificationItem.objects.get(pk=items[0].pk)).count() == 1

    # new rows continue the ids; the foreign key to the inspection is still enforced by the database
    new = RectificationItem.objects.create(supervised_object=target, source_inspection=inspection, problem="新问题",
                                           deadline=dt.date(2026, 5, 1))
    assert new.pk > max(i.pk for i in items)
    with pytest.raises(IntegrityError), transaction.atomic():
        RectificationItem.objects.create(supervised_object=target, source_inspection_id=10**9, problem="孤立",
                                         deadline=dt.date(2026, 5, 1))
