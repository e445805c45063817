import datetime as dt
from decimal import Decimal

import pytest

from ecogov.enforcement.models import DiscretionRule
from ecogov.supervision.tests.helpers import obj
from ecogov.testing import factories


@pytest.fixture
def leader(tree):
    return factories.user("leader", tree["city"], username="leader")


@pytest.fixture
def company(tree):
    return obj(tree["street_a"], "A", legal_representative="王大明")


@pytest.fixture
def rule(db):
    return DiscretionRule.objects.create(
        code="WATER-83-G", violation="超标排放水污染物", legal_basis="《水污染防治法》第八十三条第二项",
        circumstance="general", min_amount=Decimal("100000"), max_amount=Decimal("500000"),
        reasoning="超标倍数0.5倍以下，首次违法，按一般情节裁量")


@pytest.fixture
def open_case(company, officer):
    from ecogov.enforcement.services import case_open

    return case_open(supervised_object=company, facts="COD超标排放", opened_date=dt.date(2026, 3, 2), actor=officer)
