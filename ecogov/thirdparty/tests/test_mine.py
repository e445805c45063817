"""A joint review's deadline is held by the site's assigned inspector (``Deadline.owner_ids``); the
responsible person of the site stays the display text."""

import datetime as dt

import pytest

from ecogov.core.selectors import due_items
from ecogov.inventory.models import Source
from ecogov.testing import factories
from ecogov.thirdparty.models_dust import DustResponsibility, JointReview

pytestmark = pytest.mark.django_db


def _review(tree, code, inspector):
    site = Source.objects.create(code=code, kind="construction", name=f"{code}安置房项目", jurisdiction=tree["grid_a"],
                                 geometry={"type": "Point", "coordinates": [115.2, 28.5]}, lon=115.2, lat=28.5)
    duty = DustResponsibility.objects.create(site=site, letter_no=f"扬尘责-{code}", signed_on=dt.date(2026, 1, 5),
                                             responsible_person="张三", inspector=inspector)
    JointReview.objects.create(duty=duty, held_on=dt.date(2026, 3, 6), decision="stop", due=dt.date(2026, 3, 20),
                               reasons="裸土未覆盖")


def test_the_assigned_inspector_holds_the_review_deadline(tree, officer):
    _review(tree, "CS1", officer)
    _review(tree, "CS2", None)
    today = dt.date(2026, 3, 16)
    mine = due_items(officer, today=today, horizon_days=7, kind="thirdparty", mine=True)
    assert [(d.label.split("：")[0], d.owner, d.owner_ids) for d in mine] == [("CS1安置房项目", "张三", (officer.pk,))]
    other = factories.user("officer", tree["city"])
    assert due_items(other, today=today, horizon_days=7, kind="thirdparty", mine=True) == []
    assert len(due_items(other, today=today, horizon_days=7, kind="thirdparty")) == 2
