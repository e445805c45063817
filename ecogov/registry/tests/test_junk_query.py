"""Junk in a list filter (text, date-like text, float, negative, huge) is shown as an error on the
filter form (pages) or a 422 (API), never a 500; valid ids and years still filter
(regression of the project-wide junk-query net)."""

from __future__ import annotations

import pytest

from ecogov.registry import services

from .helpers import make_permit

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"  # > 2**63 - 1: overflowed SQLite's integer binding
JUNK = ["x'\"<>%", "2026-13-45", "1e400", "-1", HUGE, "0"]
ID_FILTERS = [("/registry/permits/", "supervised_object"), ("/registry/registrations/", "supervised_object"),
              ("/registry/reports/", "permit")]


@pytest.fixture
def files(obj_a, obj_b):
    """Both objects with a permit (annual + quarterly reports of 2025) and a registration."""
    permits = {}
    for obj in (obj_a, obj_b):
        permits[obj.pk] = make_permit(obj)
        services.execution_report_generate(permit=permits[obj.pk], year=2025, actor=None)
        services.registration_create(data={"supervised_object": obj, "registration_no": f"R-{obj.pk}",
                                           "registered_date": "2024-01-01"}, actor=None)
    return permits


@pytest.mark.parametrize("junk", JUNK)
@pytest.mark.parametrize(("url", "field"), ID_FILTERS + [("/registry/reports/", "year")])
def test_list_pages_show_junk_as_a_filter_error(client_for, officer, files, url, field, junk):
    c = client_for(officer)
    resp = c.get(url, {field: junk})
    assert resp.status_code == 200, (url, field, junk)
    assert 'class="error"' in resp.content.decode(), (url, field, junk)
    assert c.get(url, {field: junk, "export": "xlsx"}).status_code == 200


@pytest.mark.parametrize("junk", ["-1", HUGE, "1999", "2101"])
def test_report_list_rejects_years_outside_2000_2100(client_for, officer, files, junk):
    assert 'class="error"' in client_for(officer).get("/registry/reports/", {"year": junk}).content.decode()


@pytest.mark.parametrize(("path", "field"), [("/api/registry/permits", "supervised_object"),
                                             ("/api/registry/registrations", "supervised_object"),
                                             ("/api/registry/reports", "permit"), ("/api/registry/reports", "year")])
@pytest.mark.parametrize("junk", ["-1", HUGE])
def test_api_lists_answer_422_to_out_of_range_values(client_for, officer, files, path, field, junk):
    resp = client_for(officer).get(path, {field: junk})
    assert resp.status_code == 422, (path, field, junk, resp.content[:200])
    assert set(resp.json()) == {"code", "message", "detail"}


def test_valid_ids_and_years_still_filter(client_for, officer, obj_a, obj_b, files):
    c = client_for(officer)
    page = c.get("/registry/permits/", {"supervised_object": obj_a.pk}).content.decode()
    assert obj_a.name in page and obj_b.name not in page and 'class="error"' not in page
    page = c.get("/registry/registrations/", {"supervised_object": obj_b.pk}).content.decode()
    assert obj_b.name in page and obj_a.name not in page
    # make_permit asks for annual + quarterly reports; the annual one covers Q4 (HJ 944-2018 §7), so 2025 has
    # 1 annual + 3 quarterly = 4 per permit, 8 for the two permits, none for 2024 (not generated)
    assert c.get("/api/registry/reports", {"year": 2025}).json()["count"] == 8
    assert c.get("/api/registry/reports", {"year": 2024}).json()["count"] == 0
    assert c.get("/api/registry/reports", {"permit": files[obj_a.pk].pk}).json()["count"] == 4
    page = c.get("/registry/reports/", {"year": 2025}).content.decode()
    assert obj_a.name in page and 'class="error"' not in page
