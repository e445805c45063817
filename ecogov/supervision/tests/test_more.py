"""Item list versions, off-site checks, the ministry scheme, the coverage report, OpenAPI."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from ecogov.core.errors import ValidationFailed
from ecogov.supervision import selectors, services
from ecogov.supervision.models import DrawnObject, InspectionItem

from .helpers import obj, objs

SEED = hashlib.sha256(b"more").digest()


def test_item_edit_creates_a_new_version(admin_user):
    item = services.item_create(code="SJ-01", name="排污许可检查", legal_basis="《排污许可管理条例》", target_type="排污单位",
                                actor=admin_user)
    v2 = services.item_update(item=item, sampling_ratio="25%", actor=admin_user)
    item.refresh_from_db()
    assert (item.version, item.is_current, v2.version, v2.is_current, v2.sampling_ratio) == (1, False, 2, True, "25%")
    assert list(selectors.items_current()) == [v2] and InspectionItem.objects.count() == 2


def test_offsite_checks_only_for_positive_list(tree, officer):
    listed = obj(tree["street_a"], "C", on_positive_list=True)
    other = obj(tree["street_a"], "C")
    check = services.offsite_check_record(supervised_object=listed, date=dt.date(2026, 5, 1), method="drone",
                                          result="normal", actor=officer)
    assert check.officer == officer
    with pytest.raises(ValidationFailed):
        services.offsite_check_record(supervised_object=other, date=dt.date(2026, 5, 1), method="video",
                                      result="normal", actor=officer)


def test_ministry_scheme_strata_and_officer_ratio(tree, leader, officers):
    objs(tree["street_a"], {"C": 3}, is_key_unit=True)
    objs(tree["street_a"], {"C": 2}, is_special=True)
    objs(tree["street_a"], {"C": 40})
    plan = services.plan_create(jurisdiction=tree["city"], year=2026, quarter=1, scheme="ministry_2015",
                                level="county", actor=leader)
    plan = services.plan_approve(plan=plan, actor=leader, seed=SEED)
    # key ceil(3 * 0.25) = 1; special ceil(2 * 0.15) = 1; general: 6 officers * 10 a year / 4 quarters = 15
    assert plan.pool_counts == {"general": 40, "key": 3, "special": 2}
    assert plan.quota == {"general": 15, "key": 1, "special": 1} and plan.officer_count == 6


def test_coverage_report_counts(tree, leader, officers, admin_user):
    objs(tree["street_a"], {"A": 8, "C": 20})
    plan = services.plan_create(jurisdiction=tree["city"], year=2026, quarter=1, actor=leader)
    plan = services.plan_draw(plan=services.plan_approve(plan=plan, actor=leader, seed=SEED), actor=leader)
    row = DrawnObject.objects.filter(plan=plan, stratum="A").first()
    services.inspection_record(supervised_object=row.supervised_object, drawn=row, date=dt.date(2026, 1, 20),
                               officers=list(row.officers.all()), result="no_problem", actor=admin_user)
    rep = selectors.coverage(leader, 2026)
    a = next(r for r in rep["rows"] if r["stratum"] == "A")
    # quota ceil(8 * 0.25) = 2, one inspected: 1 / 8 = 12.5 %
    assert (a["pool"], a["quota"], a["inspected"], str(a["achieved"]), a["met"]) == (8, 2, 1, "12.5", False)
    assert sum(o["n"] for o in rep["per_officer"]) == 2


def test_openapi_lists_the_routes(db):
    from ninja import NinjaAPI

    from ecogov.enforcement.api import router as enf
    from ecogov.supervision.api import router as sup

    api = NinjaAPI(urls_namespace="sup-enf-openapi-test")
    api.add_router("/supervision/", sup)
    api.add_router("/enforcement/", enf)
    paths = api.get_openapi_schema(path_prefix="/api/")["paths"]
    assert {"/api/supervision/plans", "/api/supervision/plans/{pk}/transition", "/api/supervision/coverage",
            "/api/enforcement/cases", "/api/enforcement/cases/{pk}/transition", "/api/enforcement/figures",
            "/api/enforcement/public/decisions"} <= set(paths)
