"""Registry API: list/detail/create/update with pagination and filters, one error
shape, jurisdiction isolation, Excel import."""

import datetime as dt

from ecogov.core.geo import wgs84_to_gcj02
from ecogov.core.models import AuditLog
from ecogov.registry import services
from ecogov.registry.models import SupervisedObject
from ecogov.registry.tables import IMPORT_COLUMNS

from .helpers import make_permit, new_uscc, xlsx


def test_object_list_filters_and_shape(client_for, officer, obj_a, obj_b):
    c = client_for(officer)
    body = c.get("/api/registry/objects").json()
    assert body["count"] == 2 and set(body) == {"count", "items"}
    body = c.get("/api/registry/objects?supervision_class=A").json()
    assert body["count"] == 1 and body["items"][0]["uscc"] == obj_a.uscc
    item = body["items"][0]
    assert (
        item["jurisdiction_code"] == "369902001001"
        and item["district"] == "甲区"
        and item["water_related"] is True
    )
    body = c.get("/api/registry/objects?positive_list=true&district=369903").json()
    assert [i["id"] for i in body["items"]] == [obj_b.pk]
    assert c.get("/api/registry/objects?page_size=1&page=2").json()["count"] == 2
    summary = client_for(officer).get("/api/registry/summary").json()
    assert (summary["objects"], summary["class_a"], summary["class_b"], summary["positive_list"]) == (
        2,
        1,
        1,
        1,
    )
    bad = c.get("/api/registry/objects?supervision_class=Z")
    assert bad.status_code == 422 and bad.json()["code"] == "bad_filter"


def test_district_account_is_isolated(client_for, district_a_user, obj_a, obj_b):
    c = client_for(district_a_user)
    assert [i["id"] for i in c.get("/api/registry/objects").json()["items"]] == [obj_a.pk]
    r = c.get(f"/api/registry/objects/{obj_b.pk}")
    assert r.status_code == 404 and r.json()["code"] == "not_found"
    assert (
        c.patch(
            f"/api/registry/objects/{obj_b.pk}", {"name": "x"}, content_type="application/json"
        ).status_code
        == 404
    )
    assert c.get(f"/api/registry/objects/{obj_a.pk}").status_code == 200
    permit = make_permit(obj_b)
    assert c.get(f"/api/registry/permits/{permit.pk}").status_code == 404
    assert c.get("/api/registry/permits").json()["count"] == 0
    r = c.post(
        "/api/registry/objects",
        {"uscc": new_uscc(), "name": "x", "jurisdiction": "369903001001"},
        content_type="application/json",
    )
    assert r.status_code == 403 and r.json()["code"] == "permission_denied"


def test_create_with_gcj02_and_update(client_for, officer, tree):
    c = client_for(officer)
    glon, glat = wgs84_to_gcj02(115.3, 28.6)
    r = c.post(
        "/api/registry/objects",
        {
            "uscc": "91369902MA35000011",
            "name": "新企业",
            "jurisdiction": "369902001001",
            "lon": glon,
            "lat": glat,
            "datum": "gcj02",
        },
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert abs(body["lon"] - 115.3) < 1e-6 and abs(body["lat"] - 28.6) < 1e-6
    r = c.patch(
        f"/api/registry/objects/{body['id']}", {"address": "工业路 1 号"}, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["address"] == "工业路 1 号" and r.json()["name"] == "新企业"
    assert AuditLog.objects.filter(object_id=str(body["id"])).count() == 2


def test_bad_uscc_answers_422_naming_the_field(client_for, officer, tree):
    r = client_for(officer, HTTP_ACCEPT_LANGUAGE="en").post(
        "/api/registry/objects",
        {"uscc": "91369902MA35000012", "name": "x", "jurisdiction": "369902001001"},
        content_type="application/json",
    )
    assert r.status_code == 422
    body = r.json()
    assert (
        body["code"] == "uscc"
        and body["message"].startswith("uscc: ")
        and "check character" in body["message"]
    )
    assert body["detail"]["field"] == "uscc"


def test_class_and_positive_list_endpoints(client_for, officer, obj_a):
    c = client_for(officer)
    r = c.post(
        f"/api/registry/objects/{obj_a.pk}/class",
        {"new_class": "B", "effective_date": "2026-05-01"},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["old_class"] == "A"
    assert len(c.get(f"/api/registry/objects/{obj_a.pk}/class-history").json()) == 1
    r = c.post(
        f"/api/registry/objects/{obj_a.pk}/positive-list",
        {"on_list": True, "date": "2026-05-02"},
        content_type="application/json",
    )
    assert r.json()["on_positive_list"] is True
    r = c.post(
        f"/api/registry/objects/{obj_a.pk}/positive-list",
        {"on_list": True, "date": "2026-05-03"},
        content_type="application/json",
    )
    assert r.status_code == 409 and r.json()["code"] == "already_listed"


def test_permits_registrations_reports(client_for, officer, obj_a):
    c = client_for(officer)
    r = c.post(
        "/api/registry/permits",
        {
            "supervised_object": obj_a.pk,
            "permit_no": "P-9",
            "management_class": "key",
            "issued_date": "2024-01-01",
            "valid_from": "2024-01-01",
            "valid_to": "2028-12-31",
            "report_frequencies": ["annual", "quarterly"],
        },
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    pk = r.json()["id"]
    assert (
        c.patch(
            f"/api/registry/permits/{pk}", {"quarterly_due_days": 10}, content_type="application/json"
        ).json()["quarterly_due_days"]
        == 10
    )
    reports = c.post(
        f"/api/registry/permits/{pk}/reports", {"year": 2025}, content_type="application/json"
    ).json()
    assert [(r["frequency"], r["due_date"]) for r in reports][:2] == [
        ("annual", "2026-01-15"),
        ("quarterly", "2025-04-10"),
    ]
    assert c.get("/api/registry/reports?frequency=quarterly&year=2025").json()["count"] == 3
    rid = reports[1]["id"]
    assert (
        c.post(
            f"/api/registry/reports/{rid}/submit",
            {"submitted_date": "2025-04-09"},
            content_type="application/json",
        ).json()["submitted_date"]
        == "2025-04-09"
    )
    rates = c.get("/api/registry/reports/rates?frequency=quarterly&year=2025").json()
    assert {r["period"]: r["rate"] for r in rates}["2025Q1"] == 100.0
    r = c.post(
        "/api/registry/registrations",
        {
            "registration_no": "R-1",
            "registered_date": "2024-03-01",
            "unit_name": "某洗染店",
            "jurisdiction": "369902001001",
        },
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json()["jurisdiction_code"] == "369902001001"
    assert c.get("/api/registry/registrations?q=洗染").json()["count"] == 1
    r = c.patch(
        f"/api/registry/registrations/{r.json()['id']}",
        {"valid_to": "2029-02-28"},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["valid_to"] == "2029-02-28"


def test_import_through_the_api(client_for, officer, tree, obj_a):
    header = [c.header_zh for c in IMPORT_COLUMNS[:4]]
    data = xlsx(
        header,
        [[new_uscc(), "导入企业甲", "地址", "369902001001"], [obj_a.uscc, "改名企业", "", "369902001001"]],
    )
    r = client_for(officer).post("/api/registry/objects/import", {"file": _upload(data)})
    assert r.status_code == 200 and r.json() == {"created": 1, "updated": 1}
    updated = SupervisedObject.objects.get(pk=obj_a.pk)
    assert updated.name == "改名企业" and updated.water_related is True  # columns not in the file are kept


def _upload(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("objects.xlsx", data)


def test_enterprise_sees_only_itself(tree, client_for, make_user, obj_a, obj_b):
    ent = make_user("enterprise", tree["grid_a"], enterprise=obj_a)
    report = services.execution_report_generate(permit=make_permit(obj_a), year=2025, actor=None)[0]
    c = client_for(ent)
    assert [i["id"] for i in c.get("/api/registry/objects").json()["items"]] == [obj_a.pk]
    r = c.post(
        f"/api/registry/reports/{report.pk}/submit",
        {"submitted_date": str(dt.date(2026, 1, 3))},
        content_type="application/json",
    )
    assert r.status_code == 200


def test_openapi_schema_of_the_registry_router(db):
    from ninja import NinjaAPI

    from ecogov.registry.api import router

    api = NinjaAPI(urls_namespace="registry-openapi-test")
    api.add_router("/registry/", router)
    paths = api.get_openapi_schema(path_prefix="/api/")["paths"]
    assert {
        "/api/registry/objects",
        "/api/registry/permits",
        "/api/registry/registrations",
        "/api/registry/reports",
        "/api/registry/reports/rates",
    } <= set(paths)
    params = {p["name"] for p in paths["/api/registry/objects"]["get"]["parameters"]}
    assert {"supervision_class", "positive_list", "district", "q", "page", "page_size"} <= params
