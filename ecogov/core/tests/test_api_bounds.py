"""Every request is bounded and every error is JSON in the one shape (issue 16's cases)."""

from __future__ import annotations

import json
import time

from ecogov.api import api


def test_unknown_api_paths_answer_json_and_pages_answer_html(client):
    for path in ("/api/nothing-here/", "/api/registry/objects/-5"):
        r = client.get(path)
        assert r.status_code == 404 and r["Content-Type"].startswith("application/json")
        assert r.json()["code"] == "not_found"
    r = client.get("/no-such-page/")
    assert r.status_code == 404 and r["Content-Type"].startswith("text/html")


def test_unparseable_body_answers_in_chinese_by_default(client, officer, client_for):
    r = client_for(officer).post("/api/monitoring/forecasts", "not json", content_type="application/json")
    assert r.status_code == 400
    assert r.json() == {"code": "bad_json", "message": "请求正文不是有效的 JSON。", "detail": None}


def test_openapi_documents_every_error_status_and_bounds():
    spec = api.get_openapi_schema(path_prefix="/api/")
    for ops in spec["paths"].values():
        for op in ops.values():
            assert {"400", "401", "403", "404", "409", "413", "422", "429"} <= set(op["responses"])
            for p in op.get("parameters", []):
                if p["in"] == "path" and p["schema"].get("type") == "integer":
                    assert p["schema"]["minimum"] == 1 and p["schema"]["maximum"] == 2**63 - 1
                if p["in"] == "query" and p["name"] == "year" and p["schema"].get("type") == "integer":
                    assert (p["schema"]["minimum"], p["schema"]["maximum"]) == (2000, 2100)


def test_openapi_documents_each_status_once(client):
    """Each status code appears once per operation in /api/openapi.json: an operation's own 200 and
    422 with their schemas, not shadowed by the generic error answer under the same code."""
    import json

    raw = client.get("/api/openapi.json").content.decode()
    pairs_seen: list[list[str]] = []
    json.loads(raw, object_pairs_hook=lambda pairs: pairs_seen.append([k for k, _ in pairs]) or dict(pairs))
    assert [keys for keys in pairs_seen if len(keys) != len(set(keys))] == []
    spec = json.loads(raw)
    latest = spec["paths"]["/api/monitoring/latest"]["get"]["responses"]
    assert "200" in latest and "$ref" in json.dumps(latest["200"])


def test_issue_cases_are_refused_fast(tree, officer, client_for):
    from ecogov.monitoring.models import Station

    Station.objects.create(code="A", name="甲站", kind="national", jurisdiction=tree["district_a"])
    c = client_for(officer)
    started = time.monotonic()
    flag = c.post("/api/monitoring/stations/A/flags", json.dumps(
        {"start": "1269-09-16T09:30:25+09:12", "end": "4061-05-08T07:56:06+18:47", "kind": "other"}),
        content_type="application/json")
    assert flag.status_code == 422 and time.monotonic() - started < 5
    # a range inside 2000-2100 but longer than a year is refused as well
    long = c.post("/api/monitoring/stations/A/flags", json.dumps(
        {"start": "2024-01-01T00:00:00+08:00", "end": "2025-06-01T00:00:00+08:00", "kind": "other"}),
        content_type="application/json")
    assert long.status_code == 422
    assert c.post("/api/monitoring/forecasts", {"aqi": 0, "date": "2000-01-01"},
                  content_type="application/json").status_code == 422
    assert c.get("/api/registry/reports/overdue?year=-4948327").status_code == 422
    assert c.get("/api/registry/objects?page=1&page_size=501").status_code == 422


def test_nul_characters_are_refused_before_the_database(client, officer, client_for):
    """PostgreSQL text cannot hold U+0000 (a 500 before): JSON bodies, query strings and forms carrying
    it are refused with one clean message in the request's language; nothing is written."""
    from ecogov.rectification.models import Batch

    api = client_for(officer)
    r = api.post("/api/rectification/items", {"batch": "A\u0000B", "problem": "x", "deadline": "2026-12-31"},
                 content_type="application/json")
    assert r.status_code == 422
    assert r.json() == {"code": "nul_character", "message": "文本中不能含有空字符（U+0000）。", "detail": None}
    r = api.get("/api/registry/objects?q=a%00b", HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 422 and r.json()["message"] == "Text must not contain the NUL character (U+0000)."
    r = client.post("/accounts/login/", "username=a%00&password=x", content_type="application/x-www-form-urlencoded")
    assert r.status_code == 400 and "U+0000" in r.content.decode()
    # an escaped backslash followed by u0000 is text, not a NUL character
    r = api.post("/api/monitoring/forecasts", '{"note": "\\\\u0000"}', content_type="application/json")
    assert r.status_code != 422 or r.json()["code"] != "nul_character"
    assert Batch.objects.count() == 0
