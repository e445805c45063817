"""The pure draw: determinism, uniformity, verification data, officer rules."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import random

import pytest

from ecogov.supervision import draw as d

ROWS = [(f"U{i:05d}", "A" if i < 40 else "B", 0) for i in range(100)]
SEED = bytes(range(32))


def test_snapshot_document_is_canonical_and_hashed():
    doc = d.snapshot_document("P1", {"B": 2, "A": 1}, [("X2", "A", 1), ("X1", "B", 0)])
    # hand-written expected document: quotas sorted by stratum, rows by uscc
    assert doc == b"# ecogov-draw/1\nplan,P1\nquota,A,1\nquota,B,2\nuscc,stratum,prior\nX1,B,0\nX2,A,1\n"
    assert d.sha256_hex(doc) == hashlib.sha256(doc).hexdigest()
    snap = d.parse_snapshot(doc)
    assert snap.rows() == [("X1", "B", 0), ("X2", "A", 1)] and snap.quota == {"A": 1, "B": 2}
    assert d.snapshot_document("P1", {"B": 2, "A": 1}, [("X1", "B", 0), ("X2", "A", 1)]) == doc
    with pytest.raises(d.DrawError):
        d.parse_snapshot(doc.replace(b"X1,B,0\nX2,A,1\n", b"X2,A,1\nX1,B,0\n"))
    with pytest.raises(d.DrawError):
        d.snapshot_document("P1", {"A": 1}, [("X1", "A", 0), ("X1", "A", 0)])


def test_siphash_reference_vectors():
    """SipHash-2-4 paper, Appendix A, and the reference vectors.h: key 00..0f."""
    import numpy as np

    key = bytes(range(16))
    msg15 = np.frombuffer(bytes(range(15)), dtype=np.uint8).reshape(1, 15)
    assert int(d.siphash24(key, msg15)[0]) == 0xA129CA6149BE45E5
    assert int(d.siphash24(key, np.zeros((1, 0), dtype=np.uint8))[0]) == 0x726FDB47DD0E0E31
    # vectors.h line 2 (message 00): fd 67 dc 93 c5 39 f8 74 read little-endian
    assert int(d.siphash24(key, np.zeros((1, 1), dtype=np.uint8))[0]) == 0x74F839C593DC67FD


def test_rank_key_is_the_documented_construction():
    import hmac

    k = hmac.new(SEED, b"P1|A", hashlib.sha256).digest()[:16]
    assert d.stratum_key(SEED, "P1", "A") == k
    import numpy as np

    msg = np.frombuffer(b"U00001", dtype=np.uint8).reshape(1, 6)
    assert int(d.rank_keys(SEED, "P1", "A", ["U00001"])[0]) == int(d.siphash24(k, msg)[0])


def test_draw_reproducible_and_respects_quota_and_prior():
    rows = [(u, s, 1 if u < "U00010" else 0) for u, s, _ in ROWS]
    snap = d.parse_snapshot(d.snapshot_document("P1", {"A": 35, "B": 5}, rows))
    first = d.draw(SEED, snap)
    assert first == d.draw(SEED, snap)
    a = [x.uscc for x in first if x.stratum == "A"]
    assert len(a) == 35 and [x.rank for x in first if x.stratum == "A"] == list(range(1, 36))
    # 30 of the 40 A objects were not inspected in the cycle: all of them come first
    assert set(a[:30]) == {u for u, s, p in rows if s == "A" and not p}
    assert len([x for x in first if x.stratum == "B"]) == 5
    assert d.draw(bytes(32), snap) != first


def test_uniformity_within_a_class_chi_square():
    """Draw 1 of 10 objects with 2,000 seeds: counts ~ 200 each. Chi-square with 9 degrees of
    freedom must stay below 27.88 (the 0.001 critical value), and not be suspiciously tiny."""
    rows = [(f"U{i:02d}", "A", 0) for i in range(10)]
    snap = d.parse_snapshot(d.snapshot_document("P9", {"A": 1}, rows))
    counts = dict.fromkeys((r[0] for r in rows), 0)
    for n in range(2000):
        seed = hashlib.sha256(f"seed-{n}".encode()).digest()
        counts[d.draw(seed, snap)[0].uscc] += 1
    chi2 = sum((c - 200) ** 2 / 200 for c in counts.values())
    assert 0.5 < chi2 < 27.88, counts


def test_quotas_are_exact_ceilings():
    # hand calculation: ceil(0.25*169)=43, ceil(0.125*579)=73 (72.375), ceil(0.05*1892)=95 (94.6)
    assert d.quotas({"A": 169, "B": 579, "C": 1892}, {"A": "0.25", "B": "0.125", "C": "0.05"}) == {
        "A": 43, "B": 73, "C": 95}
    # 0.05 * 20 = 1 exactly (a float would give 1.0000000000000002 -> 2)
    assert d.quotas({"key": 20}, {"key": "0.05"}) == {"key": 1}
    # ministry general units: 40 officers * 5 per year / 4 quarters = 50
    assert d.quotas({"general": 1000}, {"general": "0"}, per_officer_year={"general": 5}, officers=40) == {
        "general": 50}
    assert d.quotas({"A": 3}, {"A": "1"}) == {"A": 3}


def test_presets_year_and_quarter():
    q = d.preset("jiangxi_abc", "county")
    assert q["ratios"] == {"A": "0.25", "B": "0.125", "C": "0.05"} and q["cycle_years"]["B"] == 2
    y = d.preset("jiangxi_abc", "county", "year")
    assert y["ratios"] == {"A": "1", "B": "0.5", "C": "0.2"}
    m = d.preset("ministry_2015", "county")
    assert m["ratios"]["key"] == "0.25" and m["per_officer_year"] == {"general": 10}


def _officers(n, valid=True):
    start, end = (dt.date(2020, 1, 1), dt.date(2030, 1, 1)) if valid else (dt.date(2020, 1, 1), dt.date(2021, 1, 1))
    return [d.Officer(f"o{i}", start, end) for i in range(n)]


def test_assignment_constraints_always_hold():
    rng = random.Random(7)
    on = dt.date(2026, 4, 1)
    for trial in range(60):
        officers = _officers(rng.randint(3, 12)) + _officers(2, valid=False)[:rng.randint(0, 2)]
        officers = [d.Officer(f"x{k}-{o.id}", o.cert_valid_from, o.cert_valid_to) for k, o in enumerate(officers)]
        valid_ids = [o.id for o in officers if o.eligible_on(on)]
        objects = [f"U{i}" for i in range(rng.randint(1, 40))]
        conflicts = {(rng.choice(valid_ids), rng.choice(objects)) for _ in range(rng.randint(0, 10))}
        prev = {u: frozenset(rng.sample(valid_ids, 2)) for u in objects if rng.random() < 0.5}
        try:
            teams = d.assign_officers(objects, officers, on=on, seed=SEED, plan_code=f"T{trial}",
                                      conflicts=conflicts, previous_pair=prev)
        except d.AssignmentError as exc:  # only when no allowed team exists for that object
            free = [o for o in valid_ids if (o, exc.uscc) not in conflicts]
            assert all(frozenset(p) == prev.get(exc.uscc) for p in itertools.combinations(free, 2))
            continue
        load = dict.fromkeys(valid_ids, 0)
        for u, team in teams.items():
            assert len(set(team)) == 2
            assert all(o in valid_ids for o in team), "expired certificate assigned"
            assert not any((o, u) in conflicts for o in team), "conflicted officer assigned"
            assert frozenset(team) != prev.get(u), "same pair as the previous inspection"
            for o in team:
                load[o] += 1
        if not conflicts and not prev:
            assert max(load.values()) - min(load.values()) <= 1


def test_assignment_refuses_when_not_enough_officers():
    officers = _officers(2)
    with pytest.raises(d.AssignmentError):
        d.assign_officers(["U1"], officers, on=dt.date(2026, 1, 1), seed=SEED, plan_code="P",
                          conflicts={("o0", "U1")})
    with pytest.raises(d.AssignmentError):
        d.assign_officers(["U1"], officers, on=dt.date(2026, 1, 1), seed=SEED, plan_code="P",
                          previous_pair={"U1": frozenset({"o0", "o1"})})
    with pytest.raises(d.DrawError):
        d.assign_officers(["U1"], _officers(3), on=dt.date(2026, 1, 1), seed=SEED, plan_code="P", team=1)


def test_every_pair_combination_reachable():
    """Over many plan codes the officer ranks differ, so teams vary (not always the same pair)."""
    officers = _officers(4)
    teams = {d.assign_officers(["U1"], officers, on=dt.date(2026, 1, 1), seed=SEED, plan_code=f"P{i}")["U1"]
             for i in range(200)}
    assert teams == {tuple(sorted(p)) for p in itertools.combinations([o.id for o in officers], 2)}
