import pytest

from ecogov.testing import factories


@pytest.fixture
def leader(tree):
    return factories.user("leader", tree["city"], username="leader")


@pytest.fixture
def officers(tree):
    return [factories.user("officer", tree["city"], username=f"off{i}") for i in range(6)]
