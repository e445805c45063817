"""The officer's deadline block on the dashboard is the due page's "mine only" list: the same rows in
the same order, counted by the tile that links to it, from every kind of deadline the officer holds."""

import datetime as dt

import pytest
from django.utils import timezone

from ecogov.complaints import services as complaints
from ecogov.complaints.conftest import cats  # noqa: F401 (fixture)
from ecogov.dashboard import cockpit
from ecogov.enforcement import services as enforcement
from ecogov.rectification.models import RectificationItem
from ecogov.supervision.models import DrawnObject, InspectionPlan
from ecogov.supervision.tests.helpers import obj
from ecogov.testing import factories

pytestmark = pytest.mark.django_db


def _complaint(cats, officer, assignee):  # noqa: F811
    """Received and accepted 56 days ago: the 60-day finishing limit falls 4 days from today."""
    at = timezone.now() - dt.timedelta(days=56)
    c = complaints.complaint_submit(category=cats["air-dust"], description="工地夜间扬尘", lon=115.2, lat=28.5,
                                    reporter_name="张三丰", reporter_phone="13812345678", received_at=at)
    c = complaints.complaint_accept(complaint=c, actor=officer, at=at)
    return complaints.complaint_assign(complaint=c, assignee=assignee, actor=officer)


def _inspection(tree, code, officers):
    """A drawn plan whose period ends in 3 days (due on its last working day, at the latest then)."""
    end = timezone.localdate() + dt.timedelta(days=3)
    plan = InspectionPlan.objects.create(code=code, name=code, jurisdiction=tree["city"], status="drawn",
                                         period_start=end - dt.timedelta(days=90), period_end=end)
    DrawnObject.objects.create(plan=plan, supervised_object=obj(tree["grid_a"]), stratum="C", rank=1
                               ).officers.set(officers)


def _case(tree, by):
    """Filed 88 days ago: the decision (90 calendar days) is due in 2 days."""
    today = timezone.localdate()
    case = enforcement.case_open(supervised_object=obj(tree["street_a"], "A"), facts="COD超标排放",
                                 opened_date=today - dt.timedelta(days=89), actor=by)
    return enforcement.case_transition(case=case, new="filed", data={"filed_date": today - dt.timedelta(days=88)},
                                       actor=by)


@pytest.fixture
def held(cats, tree):  # noqa: F811
    """Officer A holds a complaint, an inspection shared with B, a penalty case and a ledger item; B holds
    a complaint and a case of its own; one ledger item is held by its unit only."""
    a, b = factories.user("officer", tree["city"]), factories.user("officer", tree["city"])
    _complaint(cats, a, a)
    _complaint(cats, a, b)
    _inspection(tree, "P-AB", [a, b])
    _case(tree, a)
    _case(tree, b)
    due = timezone.localdate() + dt.timedelta(days=5)
    RectificationItem.objects.create(problem="危废标识不全", jurisdiction=tree["street_a"], owner=a, deadline=due)
    RectificationItem.objects.create(problem="台账缺失", jurisdiction=tree["street_a"], deadline=due)
    return a, b


def _page_rows(client, url):
    page = client.get(url)
    assert page.status_code == 200, url
    assert page.context["page_obj"].paginator.num_pages == 1
    return [(row["label"], row["due"]) for row in page.context["page_obj"]], page.context["page_obj"].paginator.count


@pytest.mark.parametrize("who", [0, 1])
def test_the_officer_block_equals_the_due_pages_mine_list(held, client_for, who):
    me = held[who]
    client = client_for(me)
    block = client.get("/dashboard/").context["data"]["deadlines"]
    rows, count = _page_rows(client, block["tile"].url)
    assert block["tile"].url == "/due/?mine=1&days=7"
    assert [(d.label, d.due) for d in block["rows"]] == rows and block["tile"].value == count
    # hand count: A holds its complaint, the shared inspection, its case and its ledger item (4);
    # B its complaint, the shared inspection and its case (3)
    kinds = sorted(d.kind for d in block["rows"])
    assert kinds == (["complaints", "enforcement", "rectification", "supervision-inspections"] if who == 0
                     else ["complaints", "enforcement", "supervision-inspections"])
    assert all(me.pk in d.owner_ids for d in block["rows"])
    # without mine the due page lists the whole scope: both complaints, the inspection, both cases, both items
    assert _page_rows(client, "/due/?days=7")[1] == 7


def test_a_leader_gets_no_officer_block(held, tree, client_for):
    leader = factories.user("leader", tree["city"])
    assert cockpit.build(leader)["deadlines"] is None
    assert 'id="deadlines"' not in client_for(leader).get("/dashboard/").content.decode()
