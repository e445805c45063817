"""The registry's list pages come from core's page kit (the export = the on-screen table) and its
unsubmitted execution reports are a clock source on the one due page."""

import datetime as dt
import html
import io
import re

import pytest
from django.utils import translation
from openpyxl import load_workbook

from ecogov.core import contrib
from ecogov.core.selectors import due_items
from ecogov.registry import selectors, services
from ecogov.registry.models import ExecutionReport

from .helpers import make_permit

TODAY = dt.date(2026, 3, 10)


def _report(permit, due, *, submitted=None, start=dt.date(2025, 10, 1), end=dt.date(2025, 12, 31)):
    return ExecutionReport.objects.create(permit=permit, frequency="quarterly", period_start=start, period_end=end,
                                          due_date=due, submitted_date=submitted)


@pytest.fixture
def reports(obj_a, obj_b):
    pa, pb = make_permit(obj_a, permit_no="P-A"), make_permit(obj_b, permit_no="P-B")
    return {
        "a_overdue": _report(pa, dt.date(2026, 3, 1)),
        "a_soon": _report(pa, dt.date(2026, 3, 24), start=dt.date(2026, 1, 1), end=dt.date(2026, 2, 28)),
        "a_later": _report(pa, dt.date(2026, 3, 25), start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31)),
        "a_submitted": _report(pa, dt.date(2026, 3, 5), submitted=dt.date(2026, 3, 4), start=dt.date(2025, 7, 1),
                               end=dt.date(2025, 9, 30)),
        "b_overdue": _report(pb, dt.date(2026, 3, 2)),
    }


def _due(user, horizon_days=14):
    return list(selectors.due_reports(user, today=TODAY, horizon_days=horizon_days))


def test_the_clock_source_is_registered_with_its_label():
    source = contrib.clock_sources.get("registry-reports")
    assert source is not None and contrib.resolve(source.provider) is selectors.due_reports
    with translation.override("zh-hans"):
        assert str(source.label) == "执行报告提交"
    with translation.override("en"):
        assert str(source.label) == "Execution reports due"


def test_overdue_and_due_within_the_horizon_but_never_submitted_or_later(district_a_user, obj_a, reports):
    due = _due(district_a_user)
    assert [d.due for d in due] == [dt.date(2026, 3, 1), dt.date(2026, 3, 24)]
    assert [d.state(TODAY) for d in due] == ["overdue", "due_soon"]
    assert {d.kind for d in due} == {"registry-reports"}
    assert all(d.url == f"/registry/objects/{obj_a.pk}/?tab=reports" for d in due)
    assert due[0].owner == obj_a.name and "P-A" in due[0].label and due[0].note == "2025-10-01~2025-12-31"
    assert [d.due for d in _due(district_a_user, horizon_days=15)][-1] == dt.date(2026, 3, 25)
    assert [d.due for d in _due(district_a_user, horizon_days=0)] == [dt.date(2026, 3, 1)]


def test_another_districts_report_never_appears(district_a_user, district_b_user, officer, obj_b, reports):
    assert all(d.owner != obj_b.name for d in _due(district_a_user, horizon_days=3650))
    assert [d.owner for d in _due(district_b_user)] == [obj_b.name]
    assert {d.owner for d in _due(officer)} == {reports["a_overdue"].permit.supervised_object.name, obj_b.name}
    one_page = due_items(district_a_user, today=TODAY, horizon_days=14, kind="registry-reports")
    assert [d.due for d in one_page] == [dt.date(2026, 3, 1), dt.date(2026, 3, 24)]


def test_a_submitted_report_leaves_the_clock(district_a_user, reports):
    services.execution_report_submit(report=reports["a_overdue"], submitted_date=TODAY, actor=None)
    assert [d.due for d in _due(district_a_user)] == [dt.date(2026, 3, 24)]


def test_due_dates_of_the_permit_rules_are_unchanged(obj_a):
    permit = make_permit(obj_a, freqs=("annual", "semiannual", "quarterly", "monthly"), quarterly_due_days=20,
                         monthly_due_days=10, annual_due="03-31", semiannual_due="08-15")
    due = {(f, s): d for f, s, _e, d in services.report_periods(permit, 2025)}
    assert due[("annual", dt.date(2025, 1, 1))] == dt.date(2026, 3, 31)
    assert due[("semiannual", dt.date(2025, 1, 1))] == dt.date(2025, 8, 15)
    assert due[("quarterly", dt.date(2025, 1, 1))] == dt.date(2025, 4, 20)
    assert due[("quarterly", dt.date(2025, 7, 1))] == dt.date(2025, 10, 20)
    assert due[("monthly", dt.date(2025, 2, 1))] == dt.date(2025, 3, 10)
    ends = {(f, s): e for f, s, e, _d in services.report_periods(permit, 2024)}
    assert ends[("monthly", dt.date(2024, 2, 1))] == dt.date(2024, 2, 29)


# --- every list page: the export is the on-screen table -----------------------------------------

URLS = {"objects": "/registry/", "permits": "/registry/permits/", "registrations": "/registry/registrations/",
        "reports": "/registry/reports/"}


def _screen(page: str) -> tuple[list[str], list[list[str]]]:
    table = page.split('id="results"')[1].split("</table>")[0]
    clean = lambda cell: html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()  # noqa: E731
    heads = [clean(h) for h in re.findall(r"<th>(.*?)</th>", table, re.S)]
    body = table.split("<tbody>")[1]
    rows = [[clean(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
            for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S)]
    return heads, rows


@pytest.mark.parametrize("name", sorted(URLS))
def test_each_list_export_equals_its_on_screen_columns(name, client_for, officer, obj_a, obj_b):
    for obj in (obj_a, obj_b):
        services.execution_report_generate(permit=make_permit(obj), year=2025, actor=None)
        services.registration_create(
            data={"supervised_object": obj, "registration_no": f"R-{obj.pk}", "registered_date": "2024-01-01"},
            actor=None,
        )
    c = client_for(officer)
    heads, rows = _screen(c.get(URLS[name]).content.decode())
    exported = list(load_workbook(io.BytesIO(c.get(f"{URLS[name]}?export=xlsx").content)).worksheets[0]
                    .iter_rows(values_only=True))
    columns = selectors.LIST_PAGES[name].columns
    assert heads == list(exported[0]) == [col.header_zh for col in columns]
    assert len(rows) == len(exported) - 1 > 0
    for shown, sheet in zip(rows, exported[1:], strict=True):
        texts = [(s, "" if v is None else v) for s, v in zip(shown, sheet, strict=True) if not hasattr(v, "year")]
        assert all(s == str(v) for s, v in texts), (name, shown, sheet)


def test_a_list_export_needs_the_export_permission(client_for, make_user, tree, obj_a):
    street = make_user("street", tree["street_a"], username="street_pages")
    c = client_for(street)
    for url in URLS.values():
        page = c.get(url)
        assert page.status_code == 200 and "export=xlsx" not in page.content.decode()
        assert c.get(f"{url}?export=xlsx").status_code == 403
