import pytest

from ecogov.testing import factories

from .helpers import make_object


@pytest.fixture
def obj_a(tree):
    """An object in district A's grid cell."""
    return make_object(tree["grid_a"], name="甲区化工有限公司", supervision_class="A", water_related=True)


@pytest.fixture
def obj_b(tree):
    """An object in district B's grid cell (outside district A)."""
    return make_object(tree["grid_b"], name="乙区印染有限公司", supervision_class="B", on_positive_list=True)


@pytest.fixture
def district_b_user(tree):
    return factories.user("district", tree["district_b"], username="district_b")
