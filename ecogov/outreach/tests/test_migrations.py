"""The open-day tables move from the complaints app to outreach with every row
(keys, foreign keys, encrypted fields) and their content types, forwards and
backwards, on the test database's engine (SQLite or PostgreSQL)."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from ecogov.outreach.models import Facility, OpenDayEvent, OpenDayRegistration

BEFORE = [("complaints", "0002_defaults")]
MOVED = ("facility", "opendayevent", "opendayregistration")


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _tables() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def _old_rows(old, district_pk):
    place = old.get_model("core", "Jurisdiction").objects.get(pk=district_pk)
    f = old.get_model("complaints", "Facility").objects.create(name="城东污水处理厂", kind="污水处理", jurisdiction=place)
    e = old.get_model("complaints", "OpenDayEvent").objects.create(facility=f, date=dt.date(2099, 6, 5), title="开放日",
                                                                    capacity=20)
    r = old.get_model("complaints", "OpenDayRegistration").objects.create(event=e, code="OD0001", name="吴三",
                                                                           phone="13900000003", party_size=2)
    return f, e, r


@pytest.mark.django_db(transaction=True)
def test_move_keeps_every_row_and_the_content_types(tree):
    try:
        old = _migrate(BEFORE)
        assert {f"complaints_{m}" for m in MOVED} <= _tables() and not {f"outreach_{m}" for m in MOVED} & _tables()
        f, e, r = _old_rows(old, tree["district_a"].pk)
        ct = old.get_model("contenttypes", "ContentType").objects.get_or_create(app_label="complaints",
                                                                                model="opendayevent")[0]
        new = _migrate(_latest())
        assert {f"outreach_{m}" for m in MOVED} <= _tables() and not {f"complaints_{m}" for m in MOVED} & _tables()
        reg = OpenDayRegistration.objects.select_related("event__facility").get(pk=r.pk)
        assert (reg.code, reg.name, reg.phone, reg.party_size) == ("OD0001", "吴三", "13900000003", 2)
        assert reg.event.pk == e.pk and reg.event.facility.pk == f.pk == Facility.objects.get().pk
        assert OpenDayEvent.objects.get().title == "开放日"
        moved = new.get_model("contenttypes", "ContentType").objects.get(pk=ct.pk)
        assert (moved.app_label, moved.model) == ("outreach", "opendayevent")
        back = _migrate(BEFORE)  # and back again: the rows return to the complaints tables
        assert back.get_model("complaints", "OpenDayRegistration").objects.get(pk=r.pk).name == "吴三"
        assert back.get_model("contenttypes", "ContentType").objects.get(pk=ct.pk).app_label == "complaints"
    finally:
        _migrate(_latest())
