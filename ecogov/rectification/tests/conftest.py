import datetime as dt

import pytest

from ecogov.supervision import services as supervision
from ecogov.supervision.tests.helpers import obj
from ecogov.testing import factories


@pytest.fixture
def officers(tree):
    return [factories.user("officer", tree["city"], username=f"off{i}") for i in range(2)]


@pytest.fixture
def unit(tree):
    return obj(tree["street_a"], "B", name="甲区整改测试企业")


@pytest.fixture
def inspection(unit, officers):
    """An inspection of ``unit`` that found two problems to rectify by 2026-04-02."""
    return supervision.inspection_record(
        supervised_object=unit, date=dt.date(2026, 3, 2), officers=officers, result="rectify",
        findings=[{"point": "危废贮存", "compliant": False, "note": "标识不全"},
                  {"point": "台账", "compliant": False, "note": ""},
                  {"point": "排污许可", "compliant": True}],
        rectify_deadline=dt.date(2026, 4, 2), actor=officers[0])
