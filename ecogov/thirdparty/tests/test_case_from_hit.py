"""A fraud hit opens a penalty case, end to end: records uploaded on the page, the hit referred from
its page (and through the API), the case opened by enforcement's ``case_open`` with source
"off-site supervision" and filed through its workflow, both pages linking to each other (the
related-panel point), the penalty recorded on the hit; another district cannot refer the hit."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ecogov.core.models import AuditLog
from ecogov.enforcement import selectors as enforcement_selectors
from ecogov.enforcement import services as enforcement_services
from ecogov.supervision.tests.helpers import obj
from ecogov.testing import factories
from ecogov.thirdparty import selectors
from ecogov.thirdparty.models import FraudHit

from .test_services import csv_bytes, row


def _upload(c, *rows) -> None:
    resp = c.post("/thirdparty/records/upload/", {"file": SimpleUploadedFile("d.csv", csv_bytes(*rows))})
    assert resp.status_code == 302


def test_a_hit_referred_on_its_page_opens_a_case_linked_both_ways(station_a, officer, client_for, tree):
    party = obj(tree["street_a"], "C", name="甲区检测站有限公司")
    station_a.supervised_object = party
    station_a.save()
    c = client_for(officer)
    # 06:00-06:03, the station opens at 08:30: one off-hours hit
    _upload(c, row("R9", "示A10009", "2026-05-11 06:00:00", "2026-05-11 06:03:00", curve=""))
    hit = FraudHit.objects.get()
    assert hit.kind == "off_hours" and hit.case is None
    resp = c.post(f"/thirdparty/hits/{hit.pk}/refer/", {"facts": ""})
    assert resp.status_code == 302 and resp["Location"] == f"/thirdparty/hits/{hit.pk}/"
    hit.refresh_from_db()
    (case,) = enforcement_selectors.cases_for(officer)
    assert (hit.status, hit.case, hit.case_no) == ("referred", case, case.case_no)
    assert (case.source, case.status, case.supervised_object, case.opened_date) == (
        "offsite", "pending", party, timezone.localdate())
    assert "R9" in case.facts and "示A10009" in case.facts and "弄虚作假" in case.facts
    # both writes audited: the case created, the hit's referral with the case number
    assert AuditLog.objects.for_object(case).filter(event="create").exists()
    assert AuditLog.objects.for_object(hit).filter(note=f"立案 {case.case_no}").exists()
    # the hit's page links to the case, the case's page back to the hit, the party's page to the station
    page = c.get(f"/thirdparty/hits/{hit.pk}/").content.decode()
    assert f'id="case-link" href="/enforcement/cases/{case.pk}/"' in page
    case_page = c.get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert f'href="/thirdparty/hits/{hit.pk}/"' in case_page and "R9" in case_page
    party_page = c.get(f"/registry/objects/{party.pk}/").content.decode()
    assert f'href="/thirdparty/stations/{station_a.pk}/"' in party_page
    # the case goes on in enforcement; the penalty is then recorded on the hit
    case = enforcement_services.case_transition(case=case, new="filed", data={"filed_date": timezone.localdate()},
                                                actor=officer)
    assert case.status == "filed"
    assert c.post(f"/thirdparty/hits/{hit.pk}/punished/", {"decision": "示环罚〔2026〕7号"}).status_code == 302
    hit.refresh_from_db()
    assert hit.status == "punished" and selectors.punished_station_count(officer) == 1
    # a second referral of the same hit is refused (one case per hit)
    c.post(f"/thirdparty/hits/{hit.pk}/refer/", {"facts": ""})
    assert enforcement_selectors.cases_for(officer).count() == 1


def test_referral_through_the_api_and_outside_the_district(station_a, station_b, officer, client_for, tree):
    for s, street in ((station_a, "street_a"), (station_b, "street_b")):
        s.supervised_object = obj(tree[street], "C", name=f"{s.name}公司")
        s.save()
    c = client_for(officer)
    night = ("2026-05-11 06:00:00", "2026-05-11 06:03:00")
    _upload(c, row("A1", "示A1", *night, curve=""), row("B1", "示B1", *night, station="JDC-B1", curve=""))
    a_hit, b_hit = FraudHit.objects.get(record__record_no="A1"), FraudHit.objects.get(record__record_no="B1")
    district_a = client_for(factories.user("district", tree["district_a"]))
    # district A's officer cannot reach district B's hit, on the page or through the API
    assert district_a.post(f"/thirdparty/hits/{b_hit.pk}/refer/", {"facts": ""}).status_code == 404
    assert district_a.post(f"/api/thirdparty/hits/{b_hit.pk}/refer", {"facts": ""},
                           content_type="application/json").status_code == 404
    assert not enforcement_selectors.cases_for(officer).exists()
    resp = district_a.post(f"/api/thirdparty/hits/{a_hit.pk}/refer", {"facts": "检测时间早于营业时间"},
                           content_type="application/json")
    assert resp.status_code == 200, resp.content
    body = resp.json()
    assert body["status"] == "referred" and body["case_no"].startswith(f"ENF-{timezone.localdate().year}-")
    cases = c.get("/api/enforcement/cases").json()["items"]
    assert [(x["case_no"], x["source"], x["facts"], x["party"]) for x in cases] == [
        (body["case_no"], "offsite", "检测时间早于营业时间", "甲区检测站公司")]
    # the case page in district B's scope does not list district A's hit
    district_b = factories.user("district", tree["district_b"])
    case = enforcement_selectors.cases_for(officer).get()
    assert [p["items"] for p in selectors.related_panels(district_b, case)] == [[]]
    assert [len(p["items"]) for p in selectors.related_panels(officer, case)] == [1]
