"""Complaint fixtures: the default categories (from migration 0002) with departments."""

import pytest

from ecogov.complaints.models import ComplaintCategory
from ecogov.core.models import Department


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded photos go to a temporary folder, not the shared var/ directory."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def cats(tree):
    from django.apps import apps

    from ecogov.complaints import defaults

    defaults.load(apps)  # the migration's rows are gone after a transactional (browser) test
    air_dept = Department.objects.create(code="ENV-AIR", name="大气环境科", jurisdiction=tree["city"])
    noise_dept = Department.objects.create(code="HOUSING", name="市住房和城乡建设局", jurisdiction=tree["city"],
                                           is_bureau_division=False)
    ComplaintCategory.objects.filter(code="air").update(department=air_dept)
    ComplaintCategory.objects.filter(code="noise-construction").update(department=noise_dept)
    return {c.code: c for c in ComplaintCategory.objects.all()}


@pytest.fixture
def leader(tree, make_user):
    return make_user("leader", tree["city"], username="leader")


@pytest.fixture
def street_a_user(tree, make_user):
    return make_user("street", tree["street_a"], username="street_a")
