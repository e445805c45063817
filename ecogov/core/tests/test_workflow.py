"""The workflow engine's checks (the domain apps test full transitions on their models)."""

from types import SimpleNamespace

import pytest

from ecogov.core.choices import ChoiceSet
from ecogov.core.errors import IllegalTransition, PermissionRefused, ValidationFailed
from ecogov.core.workflow import Rule, Workflow


class State(ChoiceSet):
    NEW = ("new", "新建", "New")
    OPEN = ("open", "办理中", "Open")
    DONE = ("done", "办结", "Done")


def _guard(obj, data):
    if data.get("amount", 0) < 0:
        raise ValidationFailed("negative", "金额不能为负", "amount must not be negative")


FLOW = Workflow(
    name="toy",
    states=State,
    transitions={
        ("new", "open"): Rule(roles={"officer"}),
        ("open", "done"): Rule(roles={"officer", "leader"}, requires=("result",), guard=_guard),
    },
)


def actor(role, superuser=False):
    return SimpleNamespace(role=role, is_superuser=superuser)


def test_illegal_move_names_both_states_in_both_languages():
    with pytest.raises(IllegalTransition) as err:
        FLOW.check(SimpleNamespace(status="new"), "done", actor("officer"), {})
    assert "新建" in err.value.message_zh and "办结" in err.value.message_zh
    assert "'New'" in err.value.message_en and "'Done'" in err.value.message_en
    assert err.value.detail["allowed"] == ["open"]
    assert err.value.status == 409


def test_role_is_checked():
    with pytest.raises(PermissionRefused):
        FLOW.check(SimpleNamespace(status="new"), "open", actor("street"), {})
    FLOW.check(SimpleNamespace(status="new"), "open", actor("street", superuser=True), {})


def test_required_data_and_guard():
    obj = SimpleNamespace(status="open")
    with pytest.raises(ValidationFailed) as err:
        FLOW.check(obj, "done", actor("leader"), {"result": ""})
    assert err.value.detail == {"missing": ["result"]}
    with pytest.raises(ValidationFailed):
        FLOW.check(obj, "done", actor("leader"), {"result": "ok", "amount": -1})
    assert FLOW.check(obj, "done", actor("leader"), {"result": "ok"}).roles == {"officer", "leader"}


def test_allowed_moves_per_actor():
    assert FLOW.allowed(SimpleNamespace(status="open"), actor("leader")) == ["done"]
    assert FLOW.allowed(SimpleNamespace(status="new"), actor("leader")) == []
    assert len(list(FLOW.table())) == 2


def test_dates_of_steps_done_cannot_be_in_the_future():
    import datetime as dt

    from django.utils import timezone

    flow = Workflow(name="dated", states=State, transitions={("open", "done"): Rule(not_future=("done_date",))})
    today = timezone.localdate()
    flow.check(SimpleNamespace(status="open"), "done", actor("officer"), {"done_date": today})
    with pytest.raises(ValidationFailed) as err:
        flow.check(SimpleNamespace(status="open"), "done", actor("officer"), {"done_date": today + dt.timedelta(days=1)})
    assert err.value.code == "future_date" and "晚于今天" in err.value.message_zh
