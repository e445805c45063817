"""Open311 GeoReport v2: every field name checked against the spec's field lists, in JSON and XML."""

import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.test import Client

from ecogov.complaints import services
from ecogov.complaints.open311.services import client_create

# Field lists of GeoReport v2 (http://wiki.open311.org/GeoReport_v2), written out from the spec.
SERVICE_FIELDS = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"]
REQUEST_FIELDS = ["service_request_id", "status", "status_notes", "service_name", "service_code", "description",
                  "agency_responsible", "service_notice", "requested_datetime", "updated_datetime",
                  "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url"]
ATTRIBUTE_FIELDS = ["variable", "code", "datatype", "required", "datatype_description", "order", "description",
                    "values"]
DISCOVERY_FIELDS = ["changeset", "contact", "key_service", "endpoints"]
ENDPOINT_FIELDS = ["specification", "url", "changeset", "type", "formats"]
BASE = "/open311/v2/"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def api_key(db):
    return client_create(name="城市App")[1]


def xml(resp):
    assert resp["Content-Type"].startswith("text/xml")
    return ET.fromstring(resp.content)


def test_discovery_json_and_xml(db):
    d = Client().get(BASE + "discovery.json").json()
    assert list(d) == DISCOVERY_FIELDS
    assert list(d["endpoints"][0]) == ENDPOINT_FIELDS
    assert d["endpoints"][0]["url"] == "http://testserver/open311/v2/"
    assert d["endpoints"][0]["formats"] == ["application/json", "text/xml"]
    root = xml(Client().get(BASE + "discovery.xml"))
    assert root.tag == "discovery" and [c.tag for c in root] == DISCOVERY_FIELDS
    ep = root.find("endpoints/endpoint")
    assert [c.tag for c in ep] == ENDPOINT_FIELDS and [f.text for f in ep.find("formats")] == ["application/json",
                                                                                                 "text/xml"]


def test_services_are_the_leaf_categories(cats):
    rows = Client().get(BASE + "services.json").json()
    codes = [r["service_code"] for r in rows]
    # 5 air + water + 4 noise + waste + radiation + ecology + other = 14 leaves; "air" and "noise" are groups
    assert len(rows) == 14 and "air" not in codes and "noise" not in codes
    dust = next(r for r in rows if r["service_code"] == "air-dust")
    assert list(dust) == SERVICE_FIELDS
    assert dust == {"service_code": "air-dust", "service_name": "扬尘", "description": "大气污染/扬尘",
                    "metadata": False, "type": "realtime", "keywords": "", "group": "大气污染"}
    assert next(r for r in rows if r["service_code"] == "noise-construction")["metadata"] is True
    root = xml(Client().get(BASE + "services.xml"))
    assert root.tag == "services" and len(root.findall("service")) == 14
    x = next(s for s in root.findall("service") if s.findtext("service_code") == "air-dust")
    assert [c.tag for c in x] == SERVICE_FIELDS and x.findtext("metadata") == "false" and x.findtext("group") == "大气污染"


def test_service_definition(cats):
    d = Client().get(BASE + "services/noise-construction.json").json()
    assert list(d) == ["service_code", "attributes"] and d["service_code"] == "noise-construction"
    attr = d["attributes"][0]
    assert list(attr) == ATTRIBUTE_FIELDS
    assert attr["code"] == "period" and attr["datatype"] == "singlevaluelist" and attr["required"] is True
    assert attr["variable"] is True and attr["order"] == 1
    assert attr["values"][0] == {"key": "day", "name": "昼间（6:00-22:00）"}
    root = xml(Client().get(BASE + "services/noise-construction.xml"))
    a = root.find("attributes/attribute")
    assert root.tag == "service_definition" and [c.tag for c in a] == ATTRIBUTE_FIELDS
    assert [(v.findtext("key"), v.findtext("name")) for v in a.find("values")][1] == ("night", "夜间（22:00-次日6:00）")
    assert Client().get(BASE + "services/nope.json").status_code == 404


def test_post_request_needs_valid_key_and_fields(cats, api_key):
    c = Client()
    resp = c.post(BASE + "requests.json", {"service_code": "air-dust", "lat": "28.5", "long": "115.2"})
    assert resp.status_code == 403 and list(resp.json()[0]) == ["code", "description"]
    assert resp.json()[0]["code"] == 403
    resp = c.post(BASE + "requests.xml", {"api_key": api_key, "service_code": "air-dust"})
    err = xml(resp)
    assert resp.status_code == 400 and err.tag == "errors" and [x.tag for x in err.find("error")] == ["code",
                                                                                                      "description"]
    resp = c.post(BASE + "requests.json", {"api_key": api_key, "service_code": "noise-construction", "lat": "28.5",
                                           "long": "115.2", "description": "夜间打桩"})
    assert resp.status_code == 400 and "attribute[period]" in resp.json()[0]["description"]
    resp = c.post(BASE + "requests.json", {"api_key": api_key, "service_code": "noise-construction", "lat": "28.5",
                                           "long": "115.2", "description": "夜间打桩", "attribute[period]": "noon"})
    assert resp.status_code == 400


def test_post_then_get_by_id_token_and_list(cats, api_key, officer):
    c = Client()
    resp = c.post(BASE + "requests.json", {
        "api_key": api_key, "service_code": "noise-construction", "lat": "28.5", "long": "115.2",
        "description": "夜间打桩", "attribute[period]": "night", "first_name": "明", "last_name": "王",
        "phone": "13511112222", "email": "wang@example.cn"})
    assert resp.status_code == 201
    out = resp.json()[0]
    assert list(out) == ["service_request_id", "token", "service_notice", "account_id"]
    rid, token = out["service_request_id"], out["token"]
    got = c.get(BASE + f"requests/{rid}.json").json()
    assert len(got) == 1 and list(got[0]) == REQUEST_FIELDS
    r = got[0]
    assert r["status"] == "open" and r["service_code"] == "noise-construction" and r["service_name"] == "建筑施工噪声"
    assert r["lat"] == 28.5 and r["long"] == 115.2 and r["description"] == "夜间打桩"
    assert r["agency_responsible"] == "市住房和城乡建设局" and r["address_id"] is None
    assert r["requested_datetime"].endswith("+08:00")
    assert "王" not in str(r) and "13511112222" not in str(r) and "wang@" not in str(r)
    root = xml(c.get(BASE + f"requests/{rid}.xml"))
    req = root.find("request")
    assert root.tag == "service_requests" and [x.tag for x in req] == REQUEST_FIELDS
    assert req.findtext("status") == "open" and req.findtext("long") == "115.2"
    tok = c.get(BASE + f"tokens/{token}.json").json()
    assert tok == [{"service_request_id": rid, "token": token}]
    assert [x.tag for x in xml(c.get(BASE + f"tokens/{token}.xml")).find("request")] == ["service_request_id", "token"]
    # staff close it: public status becomes "closed", status_notes carry the reply
    from ecogov.complaints.models import Complaint

    comp = Complaint.objects.get(tracking_code=rid)
    assert comp.channel == "open311" and comp.attributes == {"period": "night"} and comp.reporter_name == "王 明"
    comp = services.complaint_reject(complaint=comp, reason="交通噪声", redirect_body="市公安局交通管理局", actor=officer)
    r = c.get(BASE + "requests.json", {"status": "closed"}).json()
    assert [x["service_request_id"] for x in r] == [rid] and r[0]["status"] == "closed"
    assert r[0]["status_notes"] == "不属本局职责，请向市公安局交通管理局反映。"
    assert c.get(BASE + "requests.json", {"status": "open"}).json() == []


def test_get_requests_paging(cats, db):
    for i in range(5):
        services.complaint_submit(category=cats["water"], description=f"河水发黑 {i}", lon=115.2, lat=28.5,
                                  anonymous=True)
    c = Client()
    page1 = c.get(BASE + "requests.json", {"page_size": 2}).json()
    page3 = c.get(BASE + "requests.json", {"page_size": 2, "page": 3}).json()
    assert len(page1) == 2 and len(page3) == 1
    assert page1[0]["description"] == "河水发黑 4"  # newest first
    assert len(xml(c.get(BASE + "requests.xml", {"page_size": 4})).findall("request")) == 4
    assert c.get(BASE + "requests.json", {"page_size": 1001}).status_code == 400
    assert c.get(BASE + "requests.json", {"service_code": "air-dust"}).json() == []
    assert c.get(BASE + "requests/TS00000000-XXXXXX.json").status_code == 404


def test_media_url_is_the_first_photo(cats, db):
    from django.core.files.uploadedfile import SimpleUploadedFile

    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    c = services.complaint_submit(category=cats["water"], description="排污口", lon=115.2, lat=28.5, anonymous=True,
                                  photos=[SimpleUploadedFile("outfall.png", png, "image/png")])
    rows = Client().get(BASE + "requests.json").json()
    assert rows[0]["service_request_id"] == c.tracking_code
    assert rows[0]["media_url"].startswith("http://testserver/media/attachments/")
    assert rows[0]["media_url"].endswith(".png")
