"""The API's one error shape, language negotiation, auth and pagination."""

import secrets

from django.test import Client

from ecogov.core.models import ApiToken


def test_unauthenticated_error_shape_in_chinese_by_default(db):
    body = Client().get("/api/core/me").json()
    assert body == {"code": "not_authenticated", "message": "需要登录", "detail": None}


def test_error_message_in_english_on_accept_language(db):
    r = Client().get("/api/core/me", HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 401 and r.json()["message"] == "Authentication required"


def test_me_with_session(client_for, district_a_user):
    body = client_for(district_a_user).get("/api/core/me").json()
    assert body["role"] == "district" and body["jurisdiction"]["code"] == "369902"
    assert body["role_label"] == "区县工作人员"


def test_bearer_token(tree, officer):
    key = secrets.token_urlsafe(16)
    ApiToken.objects.create(user=officer, name="t", key_hash=ApiToken.hash_key(key))
    r = Client().get("/api/core/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert r.status_code == 200 and r.json()["username"] == "officer"
    assert Client().get("/api/core/me", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    assert ApiToken.objects.get().last_used is not None


def test_jurisdictions_are_paginated_and_scoped(client_for, district_a_user, officer):
    body = client_for(district_a_user).get("/api/core/jurisdictions").json()
    assert body["count"] == 3 and {j["code"] for j in body["items"]} == {"369902", "369902001", "369902001001"}
    page = client_for(officer).get("/api/core/jurisdictions?page_size=2&page=2").json()
    assert page["count"] == 7 and [j["code"] for j in page["items"]] == ["369902001", "369902001001"]


def test_too_large_page_is_refused_with_a_clear_message(client_for, officer):
    r = client_for(officer).get("/api/core/jurisdictions?page_size=100000")
    assert r.status_code == 422
    body = r.json()
    assert body["code"] == "page_too_large" and "500" in body["message"]


def test_bad_query_parameter_uses_the_same_shape(client_for, officer):
    body = client_for(officer).get("/api/core/jurisdictions?page=zero").json()
    assert body["code"] == "validation_error" and "page" in body["message"]


def test_openapi_and_docs_pages(db):
    c = Client()
    spec = c.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.") and "/api/core/me" in spec["paths"]
    assert c.get("/api/docs").status_code == 200


def test_get_for_user_answers_not_found_for_ids_that_are_not_ids(tree, officer):
    import pytest

    from ecogov.core.api_utils import get_for_user
    from ecogov.core.errors import NotFound
    from ecogov.core.models import Department

    for junk in ("abc", "1e400", 10**30):
        with pytest.raises(NotFound):
            get_for_user(Department, officer, pk=junk)
