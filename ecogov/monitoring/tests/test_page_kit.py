"""Monitoring's pages through core's page kit: filters, exports, actions and the warning's moves."""

from __future__ import annotations

import io

import pytest
from django.contrib.messages import get_messages
from openpyxl import load_workbook

from ecogov.monitoring.models import PollutionWarning

pytestmark = pytest.mark.django_db


def _header(resp) -> list[str]:
    return [c.value for c in next(load_workbook(io.BytesIO(resp.content)).active.iter_rows(max_row=1))]


def test_station_list_filters_and_export_of_the_filtered_rows(city_data, officer, client_for):
    c = client_for(officer)
    html = c.get("/monitoring/", {"kind": "provincial"}).content.decode()
    assert "乙站" in html and "甲站" not in html
    resp = c.get("/monitoring/", {"kind": "provincial", "export": "xlsx"})
    assert resp["Content-Disposition"].startswith('attachment; filename="stations-')
    rows = list(load_workbook(io.BytesIO(resp.content)).active.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == ["B"]


def test_ingest_log_and_water_sections_export_their_columns(city_data, officer, client_for):
    c = client_for(officer)
    assert _header(c.get("/monitoring/ingest/?export=xlsx"))[:2] == ["编号", "来源"]
    resp = c.get("/monitoring/water/?year=2025&month=6&export=xlsx")
    assert _header(resp)[:2] == ["编码", "断面"] and "water-sections-" in resp["Content-Disposition"]
    assert "清河一号断面" in c.get("/monitoring/water/?year=2025&month=6").content.decode()


def test_street_accounts_cannot_export(city_data, tree, make_user, client_for):
    c = client_for(make_user("street", tree["street_a"]))
    assert c.get("/monitoring/?export=xlsx").status_code == 403


def test_warning_moves_come_from_the_workflow(city_data, tree, officer, make_user, client_for):
    leader = make_user("leader", tree["city"])
    c = client_for(officer)
    resp = c.post("/monitoring/warnings/new/", {"level": "orange", "start": "2025-06-01T08:00", "reason": "r"})
    assert resp.status_code == 302
    warning = PollutionWarning.objects.get()
    issue_url = f"/monitoring/warnings/{warning.pk}/issue/"
    assert issue_url not in c.get("/monitoring/warnings/").content.decode()  # an officer may not issue
    lc = client_for(leader)
    assert issue_url in lc.get("/monitoring/warnings/").content.decode()
    assert lc.post(issue_url).status_code == 302
    warning.refresh_from_db()
    assert warning.status == "issued"
    html = lc.get("/monitoring/warnings/").content.decode()
    assert f"/monitoring/warnings/{warning.pk}/adjust/" in html and 'name="level"' in html
    assert f"/monitoring/warnings/{warning.pk}/lift/" in html


def test_refused_actions_show_the_reason(city_data, officer, client_for):
    c = client_for(officer)
    resp = c.post("/monitoring/warnings/new/", {"level": "orange", "start": "not a time"})
    assert resp.status_code == 302 and resp.url.endswith("/monitoring/warnings/")
    assert list(get_messages(resp.wsgi_request)) and not PollutionWarning.objects.exists()
    resp = c.post("/monitoring/warnings/forecast/", {"date": "2026-01-10", "aqi": "many"})
    assert resp.status_code == 302 and list(get_messages(resp.wsgi_request))


def test_upload_with_a_bad_mapping_goes_back_with_the_reason(micro, officer, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    f = SimpleUploadedFile("air.csv", b"station,time,pm25\n", content_type="text/csv")
    resp = client_for(officer).post("/monitoring/ingest/upload/", {"kind": "air", "mapping": "[1]", "file": f})
    assert resp.status_code == 302 and resp.url.endswith("/monitoring/ingest/upload/")
    assert any("JSON" in str(m) for m in get_messages(resp.wsgi_request))
