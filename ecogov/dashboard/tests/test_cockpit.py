"""The dashboard (驾驶舱): every count tile equals the list it links to, for each role, and the
drill-down stays inside the user's jurisdiction."""

import datetime as dt

import pytest
from django.utils import timezone

from ecogov.dashboard import cockpit
from ecogov.testing import factories

from .conftest import _source

pytestmark = pytest.mark.django_db


@pytest.fixture
def spread(sources, tree):
    admin = factories.user("admin", None, is_superuser=True)
    from ecogov.inventory import services

    services.check_record(source=sources[0], date=timezone.localdate(), outcome="problem", findings="未覆盖",
                          actor=admin)
    _source("B-2", 115.8, 28.8, grid="369903001001")
    return sources


def _list_count(client, url):
    resp = client.get(url)
    assert resp.status_code == 200, url
    return resp.context["page_obj"].paginator.count


def _ledger_items(tree, owner):
    """Two open ledger items due in 3 days in street A: one held by ``owner``, one by its unit only."""
    from ecogov.rectification.models import RectificationItem

    due = timezone.localdate() + dt.timedelta(days=3)
    for problem, who in (("油烟净化器未清洗", owner), ("裸土未覆盖", None)):
        RectificationItem.objects.create(problem=problem, jurisdiction=tree["street_a"], owner=who, deadline=due)


@pytest.mark.parametrize("role,area", [("leader", "city"), ("district", "district_a"), ("street", "street_b"),
                                       ("officer", "city")])
def test_every_tile_agrees_with_its_list(spread, tree, client_for, role, area):
    user = factories.user(role, tree[area])
    client = client_for(user)
    tiles = cockpit.count_tiles(user, cockpit.area_for(user, None))
    assert {t.key for t in tiles} >= {"sources", "sources_problem", "complaints_month", "ledger_overdue", "cases"}
    if role == "officer":  # the officer's deadline block: the deadlines it holds, on the due page with mine=1
        _ledger_items(tree, user)
        block = cockpit.build(user)["deadlines"]
        assert block["tile"].value == 1 and block["tile"].url == "/due/?mine=1&days=7"
        tiles.append(block["tile"])
    for tile in tiles:
        assert tile.value == _list_count(client, tile.url), tile.key
    page = client.get("/dashboard/")
    assert page.status_code == 200
    for tile in tiles:
        assert f'data-key="{tile.key}" data-value="{tile.value}"' in page.content.decode()


def test_tiles_count_what_they_say(spread, tree):
    # hand count: the fixture has 5 sources (4 in district A, 1 in B) plus B-2; one problem in A
    leader = factories.user("leader", tree["city"])
    values = {t.key: t.value for t in cockpit.count_tiles(leader, cockpit.area_for(leader, None))}
    assert (values["sources"], values["sources_problem"]) == (6, 1)
    district_b = factories.user("district", tree["district_b"])
    values = {t.key: t.value for t in cockpit.count_tiles(district_b, cockpit.area_for(district_b, None))}
    assert (values["sources"], values["sources_problem"]) == (2, 0)


def test_drill_down_from_city_to_district_to_street(spread, tree, client_for):
    leader = factories.user("leader", tree["city"])
    c = client_for(leader)
    city = c.get("/dashboard/")
    assert [ch["code"] for ch in city.context["data"]["children"]] == ["369902", "369903"]
    assert [ch["sources"] for ch in city.context["data"]["children"]] == [4, 2]
    district = c.get("/dashboard/?area=369902")
    tiles = {t.key: t for t in district.context["data"]["tiles"]}
    assert tiles["sources"].value == 4 and "area=369902" in tiles["sources"].url
    assert _list_count(c, tiles["sources"].url) == 4
    assert district.context["data"]["parent"].code == "369900"
    street = c.get("/dashboard/?area=369902001")
    assert street.context["data"]["area"].name == "甲区一街道"
    # a district user cannot drill into another district
    da = client_for(factories.user("district", tree["district_a"]))
    assert da.get("/dashboard/?area=369903").status_code == 404


def test_the_officer_sees_the_deadlines_it_holds_on_the_one_clock(spread, tree, client_for):
    from ecogov.inventory import services
    from ecogov.rectification.models import RectificationItem

    officer = factories.user("officer", tree["city"])
    check = services.check_record(source=spread[1], date=timezone.localdate() - dt.timedelta(days=30),
                                  outcome="problem", findings="油烟直排", actor=officer, raise_ledger=True)
    client = client_for(officer)
    # the ledger item the check raised is held by its unit, not by the officer: on the due page, not the block
    assert any("油烟直排" in row["label"] for row in client.get("/due/").context["page_obj"])
    assert client.get("/dashboard/").context["data"]["deadlines"]["rows"] == []
    RectificationItem.objects.filter(pk=check.ledger_ref).update(owner=officer)
    page = client.get("/dashboard/")
    labels = [d.label for d in page.context["data"]["deadlines"]["rows"]]
    assert len(labels) == 1 and "油烟直排" in labels[0], labels
    assert 'data-key="deadlines" data-value="1"' in page.content.decode()


def test_water_by_class_on_the_dashboard(tree):
    from ecogov.monitoring.models import WaterSample, WaterSection

    values = {"ph": 7.5, "do": 6.8, "codmn": 3.1, "nh3n": 0.4, "tp": 0.08}
    # GB 3838-2002 Table 1, rivers: DO 6.8 >= 6 (II), CODMn 3.1 <= 4 (II), NH3-N 0.4 <= 0.5 (II), TP 0.08 <= 0.1 (II)
    # -> class II; with CODMn 7 (> 6, <= 10) the section is class IV
    for code, codmn, lon in (("W1", 3.1, 115.2), ("W2", 7.0, None)):
        s = WaterSection.objects.create(code=code, name=code, level="national", water_body_kind="river", river="清河",
                                        target_class=3, jurisdiction=tree["district_a"], lon=lon,
                                        lat=28.5 if lon else None)
        WaterSample.objects.create(section=s, date=dt.date(2026, 6, 10), values={**values, "codmn": codmn})
    leader = factories.user("leader", tree["city"])
    water = cockpit.water(leader)
    assert (water["rated"], water["good"], water["good_ratio"], water["month"]) == (2, 1, 50.0, "2026-06")
    assert [c["value"] for c in water["by_class"]] == [0, 1, 0, 1, 0, 0]
