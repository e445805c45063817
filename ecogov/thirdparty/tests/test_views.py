"""Pages and API of third-party supervision: upload page with its per-row errors, hit actions,
list exports, the API's upload, and 404 outside the district."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from ecogov.testing import factories
from ecogov.thirdparty.models import FraudHit

from .test_services import csv_bytes, row

NIGHT = ("2026-05-11 06:00:00", "2026-05-11 06:03:00")


def test_upload_page_lists_bad_rows_then_accepts_a_good_file(station_a, officer, client_for):
    c = client_for(officer)
    bad = SimpleUploadedFile("d.csv", csv_bytes(row("R1", "示A1"), row("R2", "")), content_type="text/csv")
    resp = c.post("/thirdparty/records/upload/", {"file": bad})
    assert resp.status_code == 200 and 'id="import-errors"' in resp.content.decode()
    good = SimpleUploadedFile("d.csv", csv_bytes(row("R1", "示A1", *NIGHT)), content_type="text/csv")
    resp = c.post("/thirdparty/records/upload/", {"file": good})
    assert resp.status_code == 302 and FraudHit.objects.filter(kind="off_hours").count() == 1
    hit = FraudHit.objects.get()
    assert c.get(f"/thirdparty/hits/{hit.pk}/").status_code == 200
    resp = c.post(f"/thirdparty/hits/{hit.pk}/dismiss/", {"reason": "复检车辆"})
    assert resp.status_code == 302
    hit.refresh_from_db()
    assert hit.status == "dismissed"
    for url in ("/thirdparty/stations/", "/thirdparty/records/", "/thirdparty/hits/"):
        assert c.get(url).status_code == 200
        assert c.get(url + "?export=xlsx")["Content-Type"].startswith("application/vnd.openxml")


def test_api_upload_one_record_and_list_hits(station_a, station_b, officer, client_for, tree):
    c = client_for(officer)
    payload = {"station": "JDC-B1", "line": "1", "record_no": "API1", "plate": "示B9", "method": "asm",
               "started_at": "2026-05-11T10:00:00+08:00", "ended_at": "2026-05-11T10:00:40+08:00", "result": "pass"}
    resp = c.post("/api/thirdparty/records", payload, content_type="application/json")
    assert resp.status_code == 201, resp.content
    hits = c.get("/api/thirdparty/hits").json()["items"]
    assert [(h["kind"], h["record_no"]) for h in hits] == [("duration", "API1")]
    resp = c.post("/api/thirdparty/records/import",
                  {"file": SimpleUploadedFile("x.csv", csv_bytes(row("Z1", "")))})
    assert resp.status_code == 422 and resp.json()["detail"]["rows"][0]["row"] == 2
    district_a = factories.user("district", tree["district_a"])
    ca = client_for(district_a)
    assert ca.get("/api/thirdparty/hits").json()["items"] == []
    assert ca.get(f"/thirdparty/hits/{FraudHit.objects.get().pk}/").status_code == 404
    assert ca.get(f"/thirdparty/stations/{station_b.pk}/").status_code == 404


def test_enterprise_accounts_are_refused_every_page(station_a, tree, client_for):
    ent = factories.user("enterprise", tree["district_a"])
    c = client_for(ent)
    for url in ("/thirdparty/stations/", "/thirdparty/records/", "/thirdparty/hits/", "/thirdparty/waste/points/",
                "/thirdparty/sources/", "/thirdparty/dust/", "/thirdparty/trucks/",
                f"/thirdparty/stations/{station_a.pk}/"):
        assert c.get(url).status_code in (403, 404), url
    # the API reads through the restricted querysets: an enterprise account sees no third party
    assert c.get("/api/thirdparty/stations").json()["items"] == []
