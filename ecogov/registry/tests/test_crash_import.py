"""A real process killed with SIGKILL in the middle of an Excel import of supervised objects, at several
points (after the first new object, in the middle, after the last class-change record, after the last
audit row just before the commit): no row of the file is written, the object the file updates is as it
was, and importing the same file again gives exactly the rows of a clean import.

The subprocess runs the real import (``registry.imports.objects_import``, one transaction for the whole
file); the kill points are its SQL statements (``SubprocessDB.call_until_sql``, Django's
``execute_wrapper``), so each crash is a real one at a known place.
"""

from __future__ import annotations

import pytest

from ecogov.core.validators import uscc_check_char
from ecogov.registry.tables import IMPORT_COLUMNS
from ecogov.testing.subprocess_db import SubprocessDB

from .helpers import xlsx

HERE = "ecogov.registry.tests.test_crash_import"
OFFICER = "crash-importer"


def _uscc(district: str, n: int) -> str:
    """A valid USCC (GB 32100-2015 check character), the same in the test and in its subprocess."""
    first17 = f"91{district}{770000000 + n:09d}"
    return first17 + uscc_check_char(first17)


EXISTING = _uscc("369902", 1)
#: (USCC, name, grid, supervision class): the first row updates an object registered before the import.
ROWS = [
    (EXISTING, "清湖化工有限公司（更名）", "369902001001", "A"),
    (_uscc("369902", 2), "甲区印染有限公司", "369902001001", "B"),
    (_uscc("369903", 3), "乙区电镀有限公司", "369903001001", "A"),
    (_uscc("369903", 4), "乙区造纸有限公司", "369903001001", "B"),
    (_uscc("369902", 5), "甲区制药有限公司", "369902001001", "A"),
    (_uscc("369903", 6), "乙区建材有限公司", "369903001001", "B"),
]

pytestmark = pytest.mark.django_db(transaction=True)


# --- run in the subprocess (python -m ecogov.testing.subprocess_db HERE:function) -------------------


def make_city() -> None:
    """Two districts with a grid each, the importing officer, and the object the file's first row updates."""
    from ecogov.testing import factories

    from .helpers import make_object

    tree = factories.jurisdiction_tree()
    factories.user("officer", tree["city"], username=OFFICER)
    make_object(tree["grid_a"], uscc=EXISTING, name="清湖化工有限公司", supervision_class="C")


def import_file(path: str) -> dict:
    from ecogov.core.models import User
    from ecogov.registry.imports import objects_import

    with open(path, "rb") as fh:
        result = objects_import(data=fh.read(), actor=User.objects.get(username=OFFICER))
    return {"created": result.created, "updated": result.updated}


# --- read by the test (plain SQL, natural keys) ----------------------------------------------------

OBJECTS_SQL = (
    "SELECT o.uscc, o.name, o.address, o.lon, o.lat, o.status, o.water_related, o.supervision_class, "
    "o.on_positive_list, j.code FROM registry_supervisedobject o JOIN core_jurisdiction j ON j.id = o.jurisdiction_id "
    "ORDER BY o.uscc"
)
CLASS_SQL = (
    "SELECT o.uscc, c.old_class, c.new_class, CAST(c.effective_date AS TEXT), c.reason FROM registry_classchange c "
    "JOIN registry_supervisedobject o ON o.id = c.supervised_object_id ORDER BY o.uscc, c.id"
)
AUDIT_SQL = "SELECT event, object_repr, note, changes FROM core_auditlog ORDER BY id"


def state(db: SubprocessDB) -> dict:
    """Objects, their class history and the audit rows (event, object, note and which fields changed:
    the values hold row ids, which PostgreSQL does not give back after a rolled-back insert)."""
    import json

    audit = [(e, r, n, sorted(json.loads(c) if isinstance(c, str) else c)) for e, r, n, c in db.query(AUDIT_SQL)]
    return {"objects": db.query(OBJECTS_SQL), "classes": db.query(CLASS_SQL), "audit": audit}


def write_file(path) -> str:
    header = [col.header_zh for col in IMPORT_COLUMNS]
    blank = {col.key: "" for col in IMPORT_COLUMNS}
    rows = []
    for uscc, name, grid, cls in ROWS:
        row = {**blank, "uscc": uscc, "name": name, "grid": grid, "supervision_class": cls, "water_related": "是",
               "lon": 115.25 if grid.startswith("369902") else 115.75, "lat": 28.5, "datum": "WGS84"}
        rows.append([row[col.key] for col in IMPORT_COLUMNS])
    path.write_bytes(xlsx(header, rows))
    return str(path)


@pytest.fixture(scope="module")
def runs(tmp_path_factory, django_db_setup, django_db_blocker):
    """The state before the import and after a clean import of the file (computed once)."""
    with django_db_blocker.unblock():
        tmp = tmp_path_factory.mktemp("import-clean")
        db = SubprocessDB(tmp)
        db.reset()
        db.call(f"{HERE}:make_city")
        before = state(db)
        path = write_file(tmp / "objects.xlsx")
        assert db.call(f"{HERE}:import_file", path=path) == {"created": len(ROWS) - 1, "updated": 1}
        after = state(db)
        db.reset()
    return {"before": before, "after": after, "path": path}


def test_clean_import_writes_every_row_of_the_file(runs):
    """Checked against the file itself: its six objects with their names, grids and classes, a class change
    for each (the updated object C -> A, the new ones from the default class), one audit row or more each."""
    before, after = runs["before"], runs["after"]
    assert [(o[0], o[1], o[7]) for o in before["objects"]] == [(EXISTING, "清湖化工有限公司", "C")]
    assert before["classes"] == [] and before["audit"] == []
    assert sorted((o[0], o[1], o[9], o[7]) for o in after["objects"]) == sorted(ROWS)
    changes = {(c[0], c[2]) for c in after["classes"]}
    assert changes == {(uscc, cls) for uscc, _, _, cls in ROWS}
    assert (EXISTING, "C") in {(c[0], c[1]) for c in after["classes"]}
    audited = {r for _, r, _, _ in after["audit"]}
    assert all(any(name in r for r in audited) for _, name, _, _ in ROWS)


def _kill_points():
    """(regular expression, n-th statement in the import's transaction): counted from the clean import."""
    new = len(ROWS) - 1
    return [
        pytest.param(r'^INSERT INTO "registry_supervisedobject"', 1, id="first-new-object"),
        pytest.param(r'^INSERT INTO "registry_supervisedobject"', new // 2 + 1, id="middle-of-the-file"),
        pytest.param(r'^INSERT INTO "registry_classchange"', len(ROWS), id="last-class-change"),
        pytest.param(r'^INSERT INTO "core_auditlog"', "last", id="last-audit-row-before-commit"),
    ]


@pytest.mark.parametrize(("pattern", "nth"), _kill_points())
def test_killed_import_writes_nothing_and_rerun_equals_clean_import(tmp_path, runs, pattern, nth):
    db = SubprocessDB(tmp_path)
    db.reset()
    db.call(f"{HERE}:make_city")
    assert state(db) == runs["before"]
    if nth == "last":
        nth = len(runs["after"]["audit"])
    db.call_until_sql(pattern, nth, f"{HERE}:import_file", in_transaction=True, path=runs["path"])
    assert state(db) == runs["before"]  # not one row of the file, the updated object as it was
    assert db.call(f"{HERE}:import_file", path=runs["path"]) == {"created": len(ROWS) - 1, "updated": 1}
    assert state(db) == runs["after"]
    verified = db.run("audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
