"""The public results page in a real browser (no login): the revealed seed, the
drawn objects with their results, and the .xlsx download link."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from ecogov.supervision import services
from ecogov.supervision.models import DrawnObject
from ecogov.testing import factories

from .helpers import objs


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_public_results_page(live_server, page):
    tree = factories.jurisdiction_tree()
    leader = factories.user("leader", tree["city"])
    admin = factories.user("admin", tree["city"], is_superuser=True)
    for i in range(3):
        factories.user("officer", tree["city"], username=f"b-off{i}")
    objs(tree["street_a"], {"A": 4, "B": 8})
    seed = hashlib.sha256(b"browser").digest()
    plan = services.plan_create(jurisdiction=tree["city"], year=2026, quarter=1, actor=leader)
    plan = services.plan_draw(plan=services.plan_approve(plan=plan, actor=leader, seed=seed), actor=leader)
    rows = list(DrawnObject.objects.filter(plan=plan).select_related("supervised_object"))
    for row in rows:
        services.inspection_record(supervised_object=row.supervised_object, drawn=row, date=dt.date(2026, 2, 2),
                                   officers=list(row.officers.all()), result="no_problem", actor=admin)
    services.plan_publish(plan=plan, actor=leader)

    page.goto(f"{live_server.url}/public/supervision/")
    page.get_by_role("link", name=plan.name).click()
    assert page.locator("#seed").inner_text() == seed.hex()
    table = page.locator("#results tbody tr")
    assert table.count() == len(rows) == 2  # ceil(4 * 0.25) = 1 A + ceil(8 * 0.125) = 1 B
    assert rows[0].supervised_object.name in page.locator("#results").inner_text()
    assert "未发现问题" in page.locator("#results").inner_text()
    with page.expect_download() as info:
        page.get_by_role("link", name="下载结果（.xlsx）").click()
    assert info.value.suggested_filename.endswith(".xlsx")
