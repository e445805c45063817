"""A real process killed with SIGKILL in the middle of a complaint's workflow transition (accept), at
several points inside its transaction and once after its commit; then the state is either the whole
transition (status, dates, audit row of the history tab, the reporter's notification) or none of it, the
audit hash chain still verifies, and running the transition again ends where a clean run ends.

The subprocess runs the real service (``complaint_accept``); the kill points are SQL statements of that
service (``SubprocessDB.call_until_sql``: Django's ``execute_wrapper``, nothing patched), so the crash is a
real one at a known place: row locked, status written, audit row written (all before the commit), and
the notification being recorded (after it).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ecogov.testing.subprocess_db import SubprocessDB

HERE = "ecogov.complaints.tests.test_crash"
ACCEPTED_AT = "2026-03-02T09:30:00+08:00"
RECEIVED_AT = "2026-03-02T08:00:00+08:00"
OFFICER = "crash-officer"

pytestmark = pytest.mark.django_db(transaction=True)


# --- run in the subprocess (python -m ecogov.testing.subprocess_db HERE:function) -------------------


def make_complaint() -> str:
    """A city, a category, an officer and one complaint received by web (status "received")."""
    from ecogov.complaints.models import ComplaintCategory
    from ecogov.complaints.services import complaint_submit
    from ecogov.testing import factories

    tree = factories.jurisdiction_tree()
    factories.user("officer", tree["city"], username=OFFICER)
    category, _ = ComplaintCategory.objects.get_or_create(code="crash-air", defaults={"name": "废气"})
    complaint = complaint_submit(category=category, description="夜间工厂排放刺鼻气味，持续两小时", lon=115.25,
                                 lat=28.5, reporter_name="张三", reporter_phone="13612347969",
                                 received_at=dt.datetime.fromisoformat(RECEIVED_AT))
    return complaint.tracking_code


def accept() -> str:
    """The transition under test: the officer accepts the complaint (the real service)."""
    from ecogov.complaints.models import Complaint
    from ecogov.complaints.services import complaint_accept
    from ecogov.core.models import User

    complaint = Complaint.objects.get()
    complaint_accept(complaint=complaint, actor=User.objects.get(username=OFFICER), note="受理（崩溃测试）",
                     at=dt.datetime.fromisoformat(ACCEPTED_AT))
    return Complaint.objects.get().status


def accept_again() -> dict:
    """Re-running the transition: done when the complaint is still "received", refused when it moved on
    (accepted -> accepted is a referral, which needs a department or a jurisdiction)."""
    from ecogov.core.errors import DomainError

    try:
        return {"status": accept()}
    except DomainError as exc:
        return {"refused": exc.code}


# --- read by the test (plain SQL, natural keys) ----------------------------------------------------

COMPLAINT_SQL = ("SELECT status, CAST(received_at AS TEXT), CAST(accepted_at AS TEXT), CAST(finish_due AS TEXT) "
                 "FROM complaints_complaint")
AUDIT_SQL = ("SELECT a.event, a.actor_label, a.note, a.changes FROM core_auditlog a "
             "JOIN django_content_type ct ON ct.id = a.content_type_id "
             "WHERE ct.app_label = 'complaints' AND ct.model = 'complaint' ORDER BY a.id")
NOTIFICATION_SQL = "SELECT channel, subject, delivered FROM core_notification ORDER BY id"


def state(db: SubprocessDB) -> dict:
    """The complaint, its audit rows and notifications, with its (random) tracking code replaced."""
    (code,), = db.query("SELECT tracking_code FROM complaints_complaint")
    rows = {"complaint": db.query(COMPLAINT_SQL), "audit": db.query(AUDIT_SQL),
            "notifications": db.query(NOTIFICATION_SQL)}
    text = json.dumps(rows, default=str, ensure_ascii=False).replace(code, "<code>")
    out = json.loads(text)
    # The creation's values hold the reporter's contacts encrypted (a new nonce each run): not compared.
    out["audit"] = [[e, a, n, None if e == "create" else json.loads(c) if isinstance(c, str) else c]
                    for e, a, n, c in out["audit"]]
    return out


def fresh(db: SubprocessDB) -> dict:
    db.reset()
    db.call(f"{HERE}:make_complaint")
    return state(db)


@pytest.fixture(scope="module")
def runs(tmp_path_factory, django_db_setup, django_db_blocker):
    """The state before the transition and after a clean run of it (computed once)."""
    with django_db_blocker.unblock():
        db = SubprocessDB(tmp_path_factory.mktemp("complaint-clean"))
        before = fresh(db)
        assert db.call(f"{HERE}:accept") == "accepted"
        after = state(db)
        db.reset()
    return {"before": before, "after": after}


def test_clean_run_is_the_whole_transition(runs):
    """The clean run's effects, checked against the rules themselves: status, the acceptance time given,
    one transition row in the history (status received -> accepted), one notification to the reporter."""
    before, after = runs["before"], runs["after"]
    assert before["complaint"][0][0] == "received" and before["complaint"][0][2] is None
    assert [a[0] for a in before["audit"]] == ["create"] and before["notifications"] == []
    assert after["complaint"][0][0] == "accepted"
    assert after["complaint"][0][2].startswith("2026-03-02 01:30:00")  # 09:30 in UTC+8, stored in UTC
    assert after["complaint"][0][3] is not None  # the deadline to finish is set on acceptance
    assert after["audit"][:1] == before["audit"]
    event, actor, note, changes = after["audit"][1]
    assert (event, note, changes["status"]) == ("transition", "受理（崩溃测试）", ["received", "accepted"])
    assert actor and len(after["audit"]) == 2
    assert [n[1] for n in after["notifications"]] == ["您的投诉 <code> 已受理"]


# Kill points inside the transition's transaction: (regular expression of a statement, n-th time it runs
# in the transaction); each one executed, then SIGKILL.
INSIDE = [
    pytest.param(r'^SELECT "complaints_complaint"\."id"', 1, id="row-locked"),  # select_for_update().get()
    pytest.param(r'^UPDATE "complaints_complaint"', 1, id="status-written"),
    pytest.param(r'^INSERT INTO "core_auditlog"', 1, id="audit-row-written"),
]


@pytest.mark.parametrize(("pattern", "nth"), INSIDE)
def test_killed_inside_the_transaction_leaves_nothing_and_rerun_completes(tmp_path, runs, pattern, nth):
    db = SubprocessDB(tmp_path)
    assert fresh(db) == runs["before"]
    db.call_until_sql(pattern, nth, f"{HERE}:accept", in_transaction=True)
    assert state(db) == runs["before"]  # none of the transition: status, dates, audit row, notification
    assert db.call(f"{HERE}:accept_again") == {"status": "accepted"}
    assert state(db) == runs["after"]
    verified = db.run("audit", "verify")
    assert verified.returncode == 0 and "2 rows" in verified.stdout, verified.stdout + verified.stderr


def test_killed_after_the_commit_keeps_the_whole_transition(tmp_path, runs):
    """Killed after the commit, while the reporter's notification is being recorded: the transition is all
    there (status, dates, its audit row) and running it again is refused (nothing applied twice).

    The notification goes out after the commit (``transaction.on_commit``) and is not queued durably: a
    crash at this point may lose it (on SQLite its own INSERT is not committed yet when the process dies).
    """
    db = SubprocessDB(tmp_path)
    assert fresh(db) == runs["before"]
    db.call_until_sql(r'^INSERT INTO "core_notification"', 1, f"{HERE}:accept")
    killed = state(db)
    assert killed["notifications"] in ([], runs["after"]["notifications"])
    assert {**killed, "notifications": None} == {**runs["after"], "notifications": None}
    assert "refused" in db.call(f"{HERE}:accept_again")
    assert state(db) == killed
    assert db.run("audit", "verify").returncode == 0
