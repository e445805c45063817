"""The dashboard's assessment blocks and the officer's assigned inspections: each figure equals
the page it links to, and the hand-made data give the hand-worked figures."""

import datetime as dt

import pytest
from django.utils import timezone

from ecogov.assessment.models import EcoIndicator, Methodology, ScorecardResult, Unit
from ecogov.assessment.tests.conftest import air_city, water_city  # noqa: F401 (fixtures)
from ecogov.dashboard import standings
from ecogov.supervision import deadlines
from ecogov.supervision.models import DrawnObject, Inspection, InspectionPlan
from ecogov.supervision.tests.helpers import obj
from ecogov.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def hour_2025(air_city):  # noqa: F811
    """One stored hour on 2025-01-10 (the pages' default year is that of the newest hour)."""
    from ecogov.monitoring.models import Reading

    Reading.objects.create(station=air_city["a"], time=dt.datetime(2025, 1, 10, 4, tzinfo=dt.UTC), pm25=20,
                           source="test", ingested=timezone.now())
    return air_city


def _published(year, ranks, units):
    m = Methodology.objects.create(kind="district", year=year, version=1, valid_from=dt.date(year, 1, 1),
                                   title=f"{year}年度区县考核办法", status="published")
    now = timezone.now()
    for name, (rank, score, grade) in ranks.items():
        ScorecardResult.objects.create(methodology=m, unit=units[name], score=score, score_before_veto=score,
                                       grade=grade, rank=rank, computed_at=now)
    return m


@pytest.fixture
def scorecards(tree):
    units = {"甲区": Unit.objects.create(name="甲区", kind="district", peer_group="urban", jurisdiction=tree["district_a"]),
             "乙区": Unit.objects.create(name="乙区", kind="district", peer_group="urban", jurisdiction=tree["district_b"])}
    _published(2024, {"甲区": (1, 90.0, "excellent"), "乙区": (2, 70.0, "good")}, units)
    _published(2025, {"乙区": (1, 100.0, "excellent"), "甲区": (2, 12.5, "poor")}, units)
    return units


def test_scorecard_standings_are_the_latest_years_and_agree_with_the_scorecard_page(scorecards, tree, client_for):
    leader = factories.user("leader", tree["city"])
    block = standings.scorecard(leader)
    # 2025 is the latest year: 乙区 first (rank 2 -> 1: up one), 甲区 second (1 -> 2: down one)
    assert block["year"] == 2025 and "year=2025" in block["url"] and "kind=district" in block["url"]
    assert [(r["unit"], r["group"], r["rank"], r["score"], r["change"]) for r in block["rows"]] == [
        ("乙区", "城区", 1, 100.0, 1), ("甲区", "城区", 2, 12.5, -1)]
    page = client_for(leader).get(block["url"])
    assert page.status_code == 200
    assert [(r["unit"], r["rank"], r["score"]) for r in page.context["rows"]] == [
        (r["unit"], r["rank"], r["score"]) for r in block["rows"]]
    html = client_for(leader).get("/dashboard/").content.decode()
    assert 'data-unit="乙区" data-rank="1"' in html and 'data-unit="甲区" data-rank="2"' in html
    # a district user's standings hold its own unit only
    mine = standings.scorecard(factories.user("district", tree["district_a"]))
    assert [r["unit"] for r in mine["rows"]] == ["甲区"]


def test_air_against_targets_agrees_with_the_exam_paper(hour_2025, client_for):
    EcoIndicator.objects.create(code="EC01", name="环境空气质量优良天数比例", category="质量", unit="%", target=90,
                                computed="air_good_ratio", order=1)
    EcoIndicator.objects.create(code="EC02", name="PM2.5 年均浓度", category="质量", unit="µg/m³", target=35,
                                direction="lower", computed="pm25", order=2)
    EcoIndicator.objects.create(code="EC09", name="森林覆盖率", category="生态空间", unit="%", target=60, order=9)
    leader = factories.user("leader", hour_2025["city"])
    block = standings.air_targets(leader)
    rows = {r["code"]: r for r in block["rows"]}
    assert block["year"] == 2025 and set(rows) == {"EC01", "EC02"}  # the air indicators only
    # city daily PM2.5 = mean of A1 (10, 20, ..., 100) and B1 (20): 15, 20, ..., 60; the mean of the ten
    # days is (15 + 60) / 2 = 37.5 > 35: not met
    assert rows["EC02"]["value"] == pytest.approx(37.5, abs=0.5) and rows["EC02"]["status"] == "not_met"
    page = client_for(leader).get(block["url"])
    listed = {r["code"]: r for r in page.context["rows"]}
    for code, row in rows.items():
        assert (row["value"], row["target"], row["status"]) == (
            listed[code]["value"], listed[code]["target"], listed[code]["status"]), code


def test_water_by_level_agrees_with_the_water_assessment(hour_2025, water_city, client_for):  # noqa: F811
    leader = factories.user("leader", water_city["city"])
    block = standings.water_levels(leader)
    levels = {r["level"]: r for r in block["rows"]}
    # national: S1 (III) good, S2 (IV) not: 1 of 2 = 50 %; provincial: S3 劣V: 0 of 1; no city section
    assert set(levels) == {"national", "provincial"}
    assert (levels["national"]["good_ratio"], levels["national"]["sections"]) == (pytest.approx(50.0), 2)
    assert (levels["provincial"]["good_ratio"], levels["provincial"]["bad"]) == (pytest.approx(0.0), 1)
    assert levels["national"]["label"] == "国考"
    client = client_for(leader)
    for level, row in levels.items():
        page = client.get(row["url"])
        assert page.status_code == 200
        assert page.context["page_obj"].paginator.count == row["sections"], level
        summary = {s["level"]: s for s in page.context["summary"]}
        assert summary[level]["good_ratio"] == row["good_ratio"], level


def test_a_plans_period_ending_on_a_sunday_is_due_the_friday_before():
    # 2026-11-29 is a Sunday and no make-up working day; the Friday before is 2026-11-27
    assert deadlines.due_by(dt.date(2026, 11, 29)) == dt.date(2026, 11, 27)
    assert deadlines.due_by(dt.date(2026, 11, 27)) == dt.date(2026, 11, 27)


@pytest.fixture
def assignments(tree):
    """Four drawn objects of drawn plans: the officer's overdue one, the officer's due in 200 days (past
    the tile's 90-day horizon), the officer's already inspected one, and another officer's overdue one."""
    me, other = factories.user("officer", tree["city"]), factories.user("officer", tree["city"])
    today = timezone.localdate()

    def drawn(code, end, officer, inspected=False):
        plan = InspectionPlan.objects.create(code=code, name=code, jurisdiction=tree["city"], status="drawn",
                                             period_start=end - dt.timedelta(days=90), period_end=end)
        row = DrawnObject.objects.create(plan=plan, supervised_object=obj(tree["grid_a"]), stratum="C", rank=1)
        row.officers.set([officer])
        if inspected:
            Inspection.objects.create(plan=plan, drawn=row, supervised_object=row.supervised_object, date=today)
        return row

    drawn("P-LATE", today - dt.timedelta(days=20), me)
    drawn("P-LATER", today + dt.timedelta(days=200), me)
    drawn("P-DONE", today - dt.timedelta(days=20), me, inspected=True)
    drawn("P-OTHER", today - dt.timedelta(days=20), other)
    return me, other


def test_the_officers_assigned_inspections_agree_with_the_due_page(assignments, tree, client_for):
    me, other = assignments
    block = standings.inspections(me)
    assert (block["value"], block["overdue"]) == (1, 1)  # only P-LATE: the rest are later, done or not mine
    assert [d.label.split("：")[1] for d in block["rows"]] == ["P-LATE 现场检查"]
    client = client_for(me)
    due_page = client.get(block["url"])
    assert due_page.status_code == 200
    assert due_page.context["page_obj"].paginator.count == block["value"]
    html = client.get("/dashboard/").content.decode()
    assert 'data-key="inspections" data-value="1"' in html
    # the leader's due page lists both overdue assignments; the tile is the officer's only
    leader = factories.user("leader", tree["city"])
    assert len(standings.inspections(leader)["rows"]) == 2
    assert 'data-key="inspections"' not in client_for(leader).get("/dashboard/").content.decode()
