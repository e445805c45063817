"""The due page's "mine only" filter (``?mine=1``): only the deadlines whose ``owner_ids`` name the
user, kept by the pagination and the export links; without it, the whole scope as before."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from ecogov.core import contrib
from ecogov.core.selectors import due_items
from ecogov.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(officer, tree):
    """A clock source of 40 deadlines: 30 held by ``officer`` (every 4th also by a colleague), 10 by the
    colleague alone; all due tomorrow, so all inside the page's default 7 days."""
    colleague = factories.user("officer", tree["city"])

    def provider(user, *, today, horizon_days):
        for n in range(40):
            ids = (officer.pk, colleague.pk) if n % 4 == 0 and n < 30 else (officer.pk,) if n < 30 else (colleague.pk,)
            yield contrib.Deadline("test-held", f"事项{n:02d}", today + dt.timedelta(days=1), owner="某人", owner_ids=ids)

    contrib.clock_sources.add(contrib.ClockSource("test-held", "测试期限", provider))
    yield officer, colleague
    contrib.clock_sources.remove("test-held")


def _labels(page) -> list[str]:
    return [row["label"] for row in page.context["page_obj"]]


def test_mine_keeps_the_deadlines_the_user_holds(held):
    officer, colleague = held
    today = dt.date(2026, 6, 1)
    mine = due_items(officer, today=today, kind="test-held", mine=True)
    assert [d.label for d in mine] == [f"事项{n:02d}" for n in range(30)]
    # the colleague: the shared ones (0, 4, ..., 28: 8 of them) and its own ten (30-39)
    theirs = [d.label for d in due_items(colleague, today=today, kind="test-held", mine=True)]
    assert theirs == [f"事项{n:02d}" for n in (*range(0, 30, 4), *range(30, 40))]
    assert len(due_items(officer, today=today, kind="test-held")) == 40


def test_the_due_page_with_mine_shows_only_own_rows_on_every_page_and_in_the_export(held, client_for):
    officer, _colleague = held
    client = client_for(officer)
    everything = client.get("/due/", {"kind": "test-held"})
    assert everything.context["page_obj"].paginator.count == 40  # the whole scope, as before
    assert client.get("/due/", {"kind": "test-held", "mine": "0"}).context["page_obj"].paginator.count == 40
    first = client.get("/due/", {"kind": "test-held", "mine": "1"})
    html = first.content.decode()
    assert first.context["page_obj"].paginator.count == 30
    assert _labels(first) == [f"事项{n:02d}" for n in range(25)]  # 25 a page
    assert 'name="mine"' in html and 'value="1"' in html and "checked" in html.split('name="mine"')[1].split(">")[0]
    assert "page=2" in html and "mine=1" in html.split("page=2")[0].rsplit("href=", 1)[1]
    second = client.get("/due/", {"kind": "test-held", "mine": "1", "page": "2"})
    assert _labels(second) == [f"事项{n:02d}" for n in range(25, 30)]
    assert "export=xlsx" in html and "mine=1" in first.context["export_query"]
    export = client.get("/due/", {"kind": "test-held", "mine": "1", "export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(export.content)).worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 1 + 30 and [r[1] for r in rows[1:]] == [f"事项{n:02d}" for n in range(30)]
    whole = client.get("/due/", {"kind": "test-held", "export": "xlsx"})
    assert len(list(load_workbook(io.BytesIO(whole.content)).worksheets[0].iter_rows())) == 1 + 40


def test_the_filter_is_off_by_default_and_labelled_in_both_languages(held, client_for):
    officer, _colleague = held
    html = client_for(officer).get("/due/").content.decode()
    box = html.split('name="mine"')[1].split(">")[0]
    assert "checked" not in box and "只看我的" in html and "Mine only" not in html
    with translation.override("zh-hans"):  # the English request leaves the thread's language as it found it
        english = client_for(officer, HTTP_ACCEPT_LANGUAGE="en").get("/due/").content.decode()
    assert "Mine only" in english and "只看我的" not in english
