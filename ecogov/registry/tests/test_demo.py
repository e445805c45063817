"""The registry demo loader reproduces the seed city's figures [004]."""

import datetime as dt

from ecogov.core.demo import DemoContext
from ecogov.core.geo import geojson_contains
from ecogov.core.models import User
from ecogov.core.validators import uscc_problem
from ecogov.registry import demo, selectors
from ecogov.registry.models import (
    CleanerProductionAudit,
    Commitment,
    ExecutionReport,
    Permit,
    Registration,
    SupervisedObject,
)


def test_demo_figures(tree, admin_user):
    ctx = DemoContext(seed=20261120, today=dt.date(2026, 11, 20))
    ctx.data["jurisdictions"] = {"grid": [tree["grid_a"], tree["grid_b"]]}
    demo.load(ctx)
    # figures from the seed text, written out (not read back from the generator's constants)
    assert selectors.class_counts(admin_user) == {"A": 169, "B": 579, "C": 1892}
    assert SupervisedObject.objects.count() == 2640
    assert SupervisedObject.objects.filter(on_positive_list=True).count() == 445
    assert Permit.objects.count() == 724
    assert Registration.objects.count() == 9262
    assert Commitment.objects.count() == 526
    audits = CleanerProductionAudit.objects.all()
    assert len(audits) == 3 and sum(a.low_cost_measures for a in audits) == 35
    assert sum(a.high_cost_measures for a in audits) == 5
    annual = selectors.annual_submission_rate(user=admin_user, year=2025, as_of=ctx.today)
    assert annual["due"] == 724 and annual["rate"] == 100.0
    overdue = selectors.overdue_reports(user=admin_user, as_of=ctx.today)
    assert overdue.filter(frequency="quarterly", period_start=dt.date(2026, 7, 1)).exists()
    assert ExecutionReport.objects.filter(submitted_date__gt=ctx.today).count() == 0
    grids = {g.pk: g for g in (tree["grid_a"], tree["grid_b"])}
    for obj in SupervisedObject.objects.all():
        assert uscc_problem(obj.uscc) is None
        assert geojson_contains(grids[obj.jurisdiction_id].boundary, obj.lon, obj.lat)
    ent = User.objects.get(username="ent0001")
    assert ent.role == "enterprise"
    # QA: the demo enterprise accounts hold a permit, so they have execution reports to submit.
    for ent in User.objects.filter(role="enterprise"):
        assert ent.enterprise.permits.exists()
        assert ExecutionReport.objects.for_user(ent).exists()
    assert len(ctx.data["objects"]) == 2640
    assert selectors.summary(admin_user) == {
        "objects": 2640,
        "class_a": 169,
        "class_b": 579,
        "class_c": 1892,
        "positive_list": 445,
        "permits": 724,
        "registrations": 9262,
        "commitments": 526,
        "cp_audits": 3,
        "cp_low_cost_measures": 35,
        "cp_high_cost_measures": 5,
    }


def test_demo_is_deterministic(tree):
    def first_names():
        ctx = DemoContext(seed=7, today=dt.date(2026, 11, 20))
        ctx.data["jurisdictions"] = {"grid": [tree["grid_a"]]}
        gen = demo._Gen(ctx, [tree["grid_a"]])
        return [gen.uscc(tree["grid_a"]) for _ in range(5)], [gen.brand(tree["grid_a"]) for _ in range(5)]

    assert first_names() == first_names()


def test_org_code_check_character_gb11714():
    # GB 11714-1997: C9 = 11 - (sum(Ci*Wi) mod 11), weights 3 7 9 10 5 8 4 2; 10 -> X, 11 -> 0.
    # "12345678": 1*3 + 2*7 + 3*9 + 4*10 + 5*5 + 6*8 + 7*4 + 8*2 = 3+14+27+40+25+48+28+16 = 201
    # 201 mod 11 = 3; 11 - 3 = 8
    assert demo.org_code("12345678") == "123456788"
    # "00000001": 1*2 = 2; 11 - 2 = 9
    assert demo.org_code("00000001") == "000000019"
    # "00000000": 0 -> 11 - 0 = 11 -> "0"
    assert demo.org_code("00000000") == "000000000"
