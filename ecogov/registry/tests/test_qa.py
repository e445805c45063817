"""Defects found in the QA walk-through of the registry, each with its regression test."""

import pytest

from ecogov.registry.models import ExecutionReport, Registration

from .helpers import make_permit, new_uscc


def test_street_account_export_is_refused_with_403_not_500(client_for, tree, make_user, obj_a):
    street = make_user("street", tree["street_a"], username="street_qa")
    c = client_for(street)
    assert c.get("/registry/").status_code == 200
    for url in ("/registry/?export=xlsx", "/registry/permits/?export=xlsx", "/registry/reports/?export=xlsx"):
        assert c.get(url).status_code == 403


@pytest.mark.parametrize("lang,expected", [("zh-hans", "执行报告不存在或无权访问"), ("en", "executionreport not found")])
def test_not_found_message_names_the_execution_report_in_the_request_language(
    client_for, district_a_user, obj_b, lang, expected
):
    report = ExecutionReport.objects.create(
        permit=make_permit(obj_b), frequency="annual", period_start="2025-01-01", period_end="2025-12-31",
        due_date="2026-01-15",
    )
    resp = client_for(district_a_user).get(f"/api/registry/reports/{report.pk}", HTTP_ACCEPT_LANGUAGE=lang)
    assert resp.status_code == 404
    assert resp.json()["message"] == expected


def test_registration_form_validates_then_saves_a_unit_outside_the_registry(client_for, officer, tree):
    c = client_for(officer)
    assert "新增排污登记" in c.get("/registry/registrations/").content.decode()
    page = c.get("/registry/registrations/new/")
    assert page.status_code == 200 and "登记编号" in page.content.decode()
    bad = c.post("/registry/registrations/new/", {"registration_no": "", "uscc": "91110000000000000X"})
    body = bad.content.decode()
    assert bad.status_code == 200 and "这个字段是必填项" in body
    assert Registration.objects.count() == 0
    data = {"registration_no": "91369900QA0001001W", "registered_date": "2026-03-02", "valid_to": "2031-03-01",
            "unit_name": "示范市小餐饮店", "uscc": "", "industry_code": "6210", "jurisdiction": tree["grid_a"].pk}
    resp = c.post("/registry/registrations/new/", data)
    assert resp.status_code == 302
    reg = Registration.objects.get()
    assert (reg.unit_name, reg.jurisdiction, reg.supervised_object) == ("示范市小餐饮店", tree["grid_a"], None)


def test_registration_with_the_uscc_of_a_source_is_filed_under_it(client_for, officer, tree, obj_a):
    data = {"registration_no": "DJ-QA-2", "registered_date": "2026-03-02", "unit_name": "x", "uscc": obj_a.uscc,
            "jurisdiction": tree["grid_a"].pk}
    resp = client_for(officer).post("/registry/registrations/new/", data)
    assert resp.status_code == 302 and resp["Location"].endswith(f"/registry/objects/{obj_a.pk}/?tab=registrations")
    assert Registration.objects.get().supervised_object == obj_a


def test_district_account_cannot_register_in_another_district(client_for, district_a_user, tree):
    c = client_for(district_a_user)
    data = {"registration_no": "DJ-QA-3", "registered_date": "2026-03-02", "unit_name": "乙区小厂",
            "uscc": new_uscc(), "jurisdiction": tree["grid_b"].pk}
    resp = c.post("/registry/registrations/new/", data)
    assert resp.status_code == 200  # the other district's grid is not a valid choice
    assert Registration.objects.count() == 0


def test_enterprise_may_not_open_the_registration_form(client_for, tree, make_user, obj_a):
    ent = make_user("enterprise", tree["grid_a"], username="ent_qa", enterprise=obj_a)
    assert client_for(ent).get("/registry/registrations/new/").status_code == 403
