"""Plans through the workflow: freeze, commit, draw, reveal, verify; coverage over a year."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.core.management import CommandError, call_command

from ecogov.core.errors import Conflict, DomainError, IllegalTransition, PermissionRefused, ValidationFailed
from ecogov.core.models import AuditLog
from ecogov.supervision import services
from ecogov.supervision.models import DrawnObject, Inspection, InspectionPlan

from .helpers import obj, objs

SEED = hashlib.sha256(b"test seed").digest()


@pytest.fixture
def pool(tree):
    return objs(tree["street_a"], {"A": 8, "B": 16, "C": 40})


def _inspect_all(plan, actor, day=None):
    for row in DrawnObject.objects.filter(plan=plan).select_related("supervised_object", "plan"):
        services.inspection_record(
            supervised_object=row.supervised_object, drawn=row, date=day or plan.period_start + dt.timedelta(days=10),
            officers=list(row.officers.all()), result="no_problem", findings=[{"point": "排污许可", "compliant": True}],
            actor=actor)


def test_approve_draw_publish_and_verify(tree, pool, leader, officers, admin_user, tmp_path):
    plan = services.plan_create(jurisdiction=tree["city"], year=2026, quarter=1, actor=leader)
    assert plan.ratios == {"A": "0.25", "B": "0.125", "C": "0.05"}
    plan = services.plan_approve(plan=plan, actor=leader, seed=SEED)
    assert plan.quota == {"A": 2, "B": 2, "C": 2}  # ceil(8/4), ceil(16/8), ceil(40*0.05)
    assert plan.seed_sha256 == hashlib.sha256(SEED).hexdigest()
    assert plan.snapshot_sha256 == hashlib.sha256(plan.snapshot.encode()).hexdigest()
    assert plan.revealed_seed == ""
    plan = services.plan_draw(plan=plan, actor=leader)
    drawn = list(DrawnObject.objects.filter(plan=plan))
    assert len(drawn) == 6 and all(r.officers.count() == 2 for r in drawn)
    with pytest.raises(Conflict):
        services.plan_publish(plan=plan, actor=leader)  # inspections missing
    _inspect_all(plan, admin_user)
    plan = services.plan_publish(plan=plan, actor=leader)
    assert plan.revealed_seed == SEED.hex()
    assert AuditLog.objects.for_object(plan).filter(event="transition").count() == 3

    path = tmp_path / "pool.txt"
    call_command("supervision", "export-snapshot", plan.code, "-o", str(path))
    call_command("supervision", "verify-draw", str(path), "--seed", SEED.hex())
    # altered seed
    with pytest.raises(CommandError, match="seed"):
        call_command("supervision", "verify-draw", str(path), "--seed", bytes(32).hex())
    # altered pool: drop one line of the document (re-canonical, so only the hash betrays it)
    lines = path.read_bytes().split(b"\n")
    altered = tmp_path / "altered.txt"
    altered.write_bytes(b"\n".join(lines[:-3] + lines[-2:]))
    with pytest.raises(CommandError, match="hash mismatch"):
        call_command("supervision", "verify-draw", str(altered), "--seed", SEED.hex())
    # without a database plan, against the published hashes given by hand
    expected = tmp_path / "drawn.csv"
    expected.write_text("\n".join(f"{r.stratum},{r.rank},{r.supervised_object.uscc}" for r in
                                  DrawnObject.objects.filter(plan=plan).order_by("stratum", "rank")) + "\n")
    doc = path.read_text().replace(plan.code, "OTHER-CODE")
    other = tmp_path / "other.txt"
    other.write_text(doc)
    with pytest.raises(CommandError, match="differs"):
        call_command("supervision", "verify-draw", str(other), "--seed", SEED.hex(), "--expected", str(expected),
                     "--snapshot-sha256", hashlib.sha256(doc.encode()).hexdigest(),
                     "--seed-sha256", plan.seed_sha256)


def test_positive_list_excluded_unless_reason(tree, leader, officers):
    listed = objs(tree["street_a"], {"A": 4}, on_positive_list=True)
    objs(tree["street_a"], {"A": 4})
    plan = services.plan_create(jurisdiction=tree["city"], year=2026, quarter=1, ratios={"A": "1"}, actor=leader)
    with pytest.raises(ValidationFailed):
        services.plan_include_positive(plan=plan, supervised_object=listed[0], reason=" ", actor=leader)
    services.plan_include_positive(plan=plan, supervised_object=listed[0], reason="群众举报线索需现场核实", actor=leader)
    plan = services.plan_approve(plan=plan, actor=leader, seed=SEED)
    assert plan.quota == {"A": 5}
    plan = services.plan_draw(plan=plan, actor=leader)
    ids = set(plan.drawn.values_list("supervised_object_id", flat=True))
    assert listed[0].pk in ids and not ids & {o.pk for o in listed[1:]}


def test_illegal_and_unauthorised_transitions(tree, pool, leader, officers, officer):
    plan = services.plan_create(jurisdiction=tree["city"], year=2026, quarter=2, actor=leader)
    with pytest.raises(IllegalTransition):
        services.plan_draw(plan=plan, actor=leader)
    with pytest.raises(PermissionRefused):
        services.plan_approve(plan=plan, actor=officer)
    plan = services.plan_approve(plan=plan, actor=leader)
    with pytest.raises(Conflict):
        services.plan_update_ratios(plan=plan, ratios={"A": "0.5"}, actor=leader)


def test_recusal_and_previous_pair_respected(tree, leader, officers):
    targets = objs(tree["street_a"], {"A": 3})
    for o in targets:
        services.conflict_declare(officer=officers[0], supervised_object=o, reason="亲属任职",
                                  start_date=dt.date(2025, 1, 1), actor=leader)
    prev = Inspection.objects.create(supervised_object=targets[0], date=dt.date(2025, 12, 1))
    prev.officers.set(officers[1:3])
    plan = services.plan_create(jurisdiction=tree["city"], year=2026, quarter=1, ratios={"A": "1"}, actor=leader)
    plan = services.plan_draw(plan=services.plan_approve(plan=plan, actor=leader, seed=SEED), actor=leader)
    for row in plan.drawn.all():
        team = set(row.officers.values_list("pk", flat=True))
        assert officers[0].pk not in team
        if row.supervised_object_id == targets[0].pk:
            assert team != {officers[1].pk, officers[2].pk}


def test_expired_certificates_and_conflicts_refused_at_inspection(tree, admin_user, officers):
    target = obj(tree["street_a"], "A")
    officers[1].cert_valid_to = dt.date(2026, 1, 31)
    officers[1].save()
    with pytest.raises(ValidationFailed, match="certificate|执法证"):
        services.inspection_record(supervised_object=target, date=dt.date(2026, 2, 5), officers=officers[:2],
                                   result="no_problem", actor=admin_user)
    with pytest.raises(ValidationFailed):
        services.inspection_record(supervised_object=target, date=dt.date(2026, 2, 5), officers=officers[2:3],
                                   result="no_problem", actor=admin_user)
    services.conflict_declare(officer=officers[2], supervised_object=target, reason="曾任该企业顾问",
                              start_date=dt.date(2026, 1, 1), actor=admin_user)
    with pytest.raises(ValidationFailed):
        services.inspection_record(supervised_object=target, date=dt.date(2026, 2, 5), officers=officers[2:4],
                                   result="no_problem", actor=admin_user)


def test_every_a_object_covered_in_a_four_quarter_year(tree, leader, officers, admin_user):
    a_objs = objs(tree["street_a"], {"A": 13, "B": 30, "C": 50})
    for q in range(1, 5):
        plan = services.plan_create(jurisdiction=tree["city"], year=2026, quarter=q, actor=leader)
        plan = services.plan_approve(plan=plan, actor=leader, seed=hashlib.sha256(f"q{q}".encode()).digest())
        plan = services.plan_draw(plan=plan, actor=leader)
        _inspect_all(plan, admin_user)
        services.plan_publish(plan=plan, actor=leader)
    covered = set(Inspection.objects.filter(date__year=2026).values_list("supervised_object_id", flat=True))
    assert {o.pk for o in a_objs if o.supervision_class == "A"} <= covered


def test_drawn_list_hidden_until_revealed(tree, pool, leader, officers, make_user):
    plan = services.plan_create(jurisdiction=tree["city"], year=2026, quarter=1, actor=leader)
    plan = services.plan_draw(plan=services.plan_approve(plan=plan, actor=leader, seed=SEED), actor=leader)
    street = make_user("street", tree["street_a"])
    from django.contrib.auth.models import AnonymousUser

    assert DrawnObject.objects.for_user(AnonymousUser()).count() == 0
    assert DrawnObject.objects.for_user(street).count() == 0
    assert InspectionPlan.objects.for_user(AnonymousUser()).count() == 0
    assert DrawnObject.objects.for_user(officers[0]).count() == 6


def test_problem_creates_rectification_item(tree, admin_user, officers):
    target = obj(tree["street_a"], "B")
    insp = services.inspection_record(
        supervised_object=target, date=dt.date(2026, 3, 2), officers=officers[:2], result="rectify",
        findings=[{"point": "危废贮存", "compliant": False, "note": "标识不全"}, {"point": "台账", "compliant": True}],
        rectify_deadline=dt.date(2026, 4, 2), actor=admin_user)
    item = insp.rectifications.get()
    assert item.supervised_object == target and item.deadline == dt.date(2026, 4, 2) and item.status == "open"
    assert "危废贮存" in item.problem
    with pytest.raises(DomainError):
        services.inspection_record(supervised_object=target, date=dt.date(2026, 3, 2), officers=officers[:2],
                                   result="rectify", findings=[], actor=admin_user)
