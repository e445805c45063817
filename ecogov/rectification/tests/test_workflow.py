"""The item workflow: the whole path to close-out, evidence, the re-checker rule, returns,
the public notice, the open-child rule, and reopening with the history kept."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ecogov.core.errors import Conflict, DomainError, IllegalTransition, ValidationFailed
from ecogov.core.models import AuditLog
from ecogov.rectification.models import RectificationItem
from ecogov.rectification.workflow import WORKFLOW, item_transition
from ecogov.testing import factories

from .ledger import evidence, item


@pytest.fixture
def people(tree):
    return {
        "owner": factories.user("street", tree["street_a"], username="owner_a"),
        "colleague": factories.user("street", tree["street_a"], username="colleague_a"),
        "district": factories.user("district", tree["district_a"], username="district_a2"),
        "bureau": factories.user("officer", tree["city"], username="bureau"),
    }


def _to_reviewed(it, people):
    for to in ("accepted", "rectifying"):
        it = item_transition(item=it, to=to, actor=people["owner"])
    it = item_transition(item=it, to="submitted", actor=people["owner"], data={"note": "已整改"}, files=[evidence()])
    return item_transition(item=it, to="reviewed", actor=people["bureau"])


def _past_notice(it):
    RectificationItem.objects.filter(pk=it.pk).update(publicity_until=timezone.localdate() - dt.timedelta(days=1))
    it.refresh_from_db()
    return it


def test_the_whole_path_to_close_out(tree, people):
    it = item(people["bureau"], tree["street_a"], owner=people["owner"])
    assert it.state == "assigned"
    it = _to_reviewed(it, people)
    assert it.progress == 100 and it.reviewed_by == people["bureau"]
    it = item_transition(item=it, to="rechecked", actor=people["district"], data={"note": "现场核实已整改"})
    it = item_transition(item=it, to="publicised", actor=people["bureau"])
    assert it.publicity_until is not None and it.publicity_until > timezone.localdate()
    with pytest.raises(Conflict):  # not before the notice is over
        item_transition(item=it, to="closed", actor=people["bureau"])
    it = item_transition(item=_past_notice(it), to="closed", actor=people["bureau"], data={"sustained": True})
    assert (it.state, it.status, it.closed_date, it.plan_state) == ("closed", "done", timezone.localdate(), "sustained")
    moves = [r.changes["state"] for r in AuditLog.objects.for_object(it).filter(event="transition").order_by("at", "id")]
    assert [m[1] for m in moves] == ["accepted", "rectifying", "submitted", "reviewed", "rechecked", "publicised",
                                     "closed"]


def test_close_out_needs_evidence_and_a_note(tree, people):
    it = item(people["bureau"], tree["street_a"], owner=people["owner"], state="rectifying")
    with pytest.raises(ValidationFailed) as exc:
        item_transition(item=it, to="submitted", actor=people["owner"], data={"note": "已整改"})
    assert exc.value.code == "evidence_required"
    with pytest.raises(ValidationFailed):
        item_transition(item=it, to="submitted", actor=people["owner"], files=[evidence()])
    assert RectificationItem.objects.get(pk=it.pk).state == "rectifying"


def test_the_recheck_is_made_outside_the_responsible_unit(tree, people):
    it = _to_reviewed(item(people["bureau"], tree["street_a"], owner=people["owner"]), people)
    for who in ("owner", "colleague"):
        with pytest.raises(DomainError) as exc:
            item_transition(item=it, to="rechecked", actor=people[who], data={"note": "自查"})
        assert exc.value.code in ("recheck_not_independent", "permission_denied")
    with pytest.raises(DomainError) as exc:  # a district officer of district A re-checks a district-A item
        item_transition(item=item(people["bureau"], tree["district_a"], state="reviewed"), to="rechecked",
                        actor=people["district"], data={"note": "x"})
    assert exc.value.code == "recheck_not_independent" and "责任单位以外" in exc.value.message_zh
    it = item_transition(item=it, to="rechecked", actor=people["district"], data={"note": "现场核实"})
    assert it.rechecked_by == people["district"]


def test_return_at_review_and_at_recheck(tree, people):
    it = item(people["bureau"], tree["street_a"], owner=people["owner"], state="submitted")
    with pytest.raises(ValidationFailed):  # a reason is required
        item_transition(item=it, to="returned", actor=people["bureau"])
    it = item_transition(item=it, to="returned", actor=people["bureau"], data={"reason": "佐证不足"})
    assert it.return_reason == "佐证不足"
    it = item_transition(item=it, to="rectifying", actor=people["owner"])
    assert it.state == "rectifying"
    with pytest.raises(IllegalTransition) as exc:
        item_transition(item=it, to="closed", actor=people["bureau"])
    assert exc.value.detail["allowed"] == ["submitted"]


def test_an_item_cannot_close_while_a_child_is_open(tree, people):
    parent = item(people["bureau"], tree["street_a"], state="rechecked")
    child = item(people["bureau"], None, parent=parent, problem="子任务", deadline=dt.date(2026, 5, 1))
    with pytest.raises(Conflict) as exc:
        item_transition(item=parent, to="publicised", actor=people["bureau"])
    assert exc.value.code == "open_children"
    RectificationItem.objects.filter(pk=child.pk).update(state="closed")
    it = item_transition(item=parent, to="publicised", actor=people["bureau"])
    RectificationItem.objects.filter(pk=child.pk).update(state="rectifying")
    with pytest.raises(Conflict):
        item_transition(item=_past_notice(it), to="closed", actor=people["bureau"])


def test_objection_and_relapse_reopen_with_the_history_kept(tree, people):
    it = item(people["bureau"], tree["street_a"], state="publicised")
    it = item_transition(item=it, to="rectifying", actor=people["bureau"], data={"reason": "群众异议：仍有油烟"})
    assert (it.state, it.publicity_until) == ("rectifying", None)
    closed = item(people["bureau"], tree["street_a"], state="publicised", problem="回头看")
    closed = item_transition(item=_past_notice(closed), to="closed", actor=people["bureau"])
    closed = item_transition(item=closed, to="rectifying", actor=people["bureau"], data={"reason": "回头看发现反弹"})
    assert closed.status != "done" and closed.closed_date is None
    notes = list(AuditLog.objects.for_object(closed).filter(event="transition").values_list("note", flat=True))
    assert "回头看发现反弹" in notes and len(notes) == 2
    assert [s.to for s in WORKFLOW.steps(closed, people["owner"])] == ["submitted"]
