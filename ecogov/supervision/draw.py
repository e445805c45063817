"""The verifiable double-random draw (双随机): a pure, deterministic function.

No Django and no I/O here; numpy only. Services freeze the pool into a
*snapshot document*, publish its SHA-256 and the SHA-256 of a secret seed when
the plan is approved, run :func:`draw` and :func:`assign_officers`, and reveal
the seed after the inspections. Anyone holding the snapshot document and the
revealed seed recomputes the same list (``ecogov supervision verify-draw``,
see ``docs/supervision-draw.md``).

Snapshot document, format ``ecogov-draw/1`` (UTF-8, ``\\n`` line ends)::

    # ecogov-draw/1
    plan,<plan code>
    quota,<stratum>,<n>            one line per stratum, strata sorted
    uscc,stratum,prior             column header
    <uscc>,<stratum>,<0|1>         one line per object, sorted by uscc

``prior`` is 1 when the object was already inspected in the current cycle
(those are drawn last). ``snapshot_sha256`` is the hex SHA-256 of the whole
document. The seed is 32 random bytes, revealed as 64 hex characters; the
commitment published at approval is the hex SHA-256 of the 32 raw bytes.

Draw rule: in every stratum, each object gets the key
``HMAC-SHA256(key=seed, msg="<plan>|<stratum>|<uscc>")[:8]`` read as a
big-endian unsigned 64-bit integer; objects are ordered by ``(prior, key,
uscc)`` and the first ``quota`` are drawn. HMAC-SHA256 is a pseudo-random
function, so within a stratum (and a ``prior`` group) every object is equally
likely to be drawn, and nobody can steer the result without the seed, which is
fixed before anyone can see it is needed (the pool is frozen at the same time).

References
----------
MEE General Office, 关于在污染源日常环境监管领域推广随机抽查制度的实施方案 (2015);
Jiangxi A/B/C differentiated supervision scheme; standards.md §8.1-8.2.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import hmac
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

import numpy as np

FORMAT = "ecogov-draw/1"
HEADER = "uscc,stratum,prior"

#: Quarterly ratios [fraction of the stratum per quarter]; a year plan uses 4x (capped at 1).
#: ``cycle_years``: objects inspected within the cycle are drawn last, so that every A
#: object is inspected within 1 year and every B object within 2 (Jiangxi).
#: ``per_officer_year``: general units by the officer:unit ratio (ministry 2015: 1:5 city, 1:10 county).
PRESETS: dict[str, dict[str, dict]] = {
    "jiangxi_abc": {
        "county": {"stratify": "class", "ratios": {"A": "0.25", "B": "0.125", "C": "0.05"},
                   "per_officer_year": {}, "cycle_years": {"A": 1, "B": 2, "C": 1}},
        "city": {"stratify": "class", "ratios": {"A": "0.25", "B": "0.125", "C": "0.05"},
                 "per_officer_year": {}, "cycle_years": {"A": 1, "B": 2, "C": 1}},
    },
    "ministry_2015": {
        "city": {"stratify": "ministry", "ratios": {"key": "0.05", "special": "0.15", "general": "0"},
                 "per_officer_year": {"general": 5}, "cycle_years": {"key": 1, "special": 1, "general": 1}},
        "county": {"stratify": "ministry", "ratios": {"key": "0.25", "special": "0.15", "general": "0"},
                   "per_officer_year": {"general": 10}, "cycle_years": {"key": 1, "special": 1, "general": 1}},
    },
}


class DrawError(ValueError):
    """A malformed snapshot, seed or parameter."""


# ---------------------------------------------------------------- parameters

def preset(scheme: str, level: str, period_type: str = "quarter") -> dict:
    """A copy of the preset's parameters for ``level`` and ``period_type`` (editable by the caller)."""
    base = PRESETS[scheme][level]
    factor = Decimal(4) if period_type == "year" else Decimal(1)
    ratios = {k: str(min(Decimal(1), Decimal(v) * factor).normalize()) for k, v in base["ratios"].items()}
    return {"stratify": base["stratify"], "ratios": ratios,
            "per_officer_year": dict(base["per_officer_year"]), "cycle_years": dict(base["cycle_years"])}


def stratum_of(stratify: str, *, supervision_class: str, is_key_unit: bool, is_special: bool) -> str:
    """The stratum of one object: its A/B/C class ("U" when unclassed) or key/special/general."""
    if stratify == "class":
        return supervision_class or "U"
    if is_special:
        return "special"
    return "key" if is_key_unit else "general"


def quotas(counts: Mapping[str, int], ratios: Mapping[str, str], *, per_officer_year: Mapping[str, int] | None = None,
           officers: int = 0, period_type: str = "quarter") -> dict[str, int]:
    """Objects to draw per stratum: ``max(ceil(ratio * n), officers * per_officer / periods)``, at most n.

    Ratios are decimal strings so that ``ceil`` is exact (0.05 * 20 is 1, not 1.0000000000000002).
    """
    periods = 1 if period_type == "year" else 4
    out = {}
    for stratum, n in sorted(counts.items()):
        by_ratio = (Decimal(str(ratios.get(stratum, "0"))) * n).to_integral_value(ROUND_CEILING)
        per = (per_officer_year or {}).get(stratum, 0)
        by_officers = (Decimal(officers * per) / periods).to_integral_value(ROUND_CEILING)
        out[stratum] = int(min(n, max(by_ratio, by_officers)))
    return out


# ---------------------------------------------------------------- snapshot

def snapshot_document(plan_code: str, quota: Mapping[str, int], rows: Iterable[tuple[str, str, int]]) -> bytes:
    """The canonical snapshot document (see the module docstring)."""
    _check_token(plan_code, "plan code")
    lines = [f"# {FORMAT}", f"plan,{plan_code}"]
    for stratum in sorted(quota):
        _check_token(stratum, "stratum")
        lines.append(f"quota,{stratum},{int(quota[stratum])}")
    lines.append(HEADER)
    ordered = sorted(rows, key=lambda r: r[0])
    previous = None
    for uscc, stratum, prior in ordered:
        if uscc == previous:
            raise DrawError(f"duplicate uscc in the pool: {uscc}")
        previous = uscc
        lines.append(f"{uscc},{stratum},{1 if prior else 0}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _check_token(value: str, what: str) -> None:
    if not value or any(c in value for c in ",|\n\r"):
        raise DrawError(f"bad {what}: {value!r}")


@dataclass
class Snapshot:
    plan_code: str
    quota: dict[str, int]
    uscc: list[str]
    stratum: list[str]
    prior: list[int]


def parse_snapshot(document: bytes) -> Snapshot:
    """Read a snapshot document; refuse anything that is not in canonical form."""
    text = document.decode("utf-8")
    lines = text.split("\n")
    if not text.endswith("\n") or lines[0] != f"# {FORMAT}" or not lines[1].startswith("plan,"):
        raise DrawError("not an ecogov-draw/1 snapshot document")
    plan_code = lines[1][5:]
    quota: dict[str, int] = {}
    i = 2
    while lines[i].startswith("quota,"):
        _, stratum, n = lines[i].split(",")
        quota[stratum] = int(n)
        i += 1
    if lines[i] != HEADER:
        raise DrawError("missing the uscc,stratum,prior header")
    uscc, strata, prior = [], [], []
    for line in lines[i + 1:-1]:
        u, s, p = line.split(",")
        uscc.append(u)
        strata.append(s)
        prior.append(int(p))
    snap = Snapshot(plan_code, quota, uscc, strata, prior)
    if snapshot_document(plan_code, quota, zip(uscc, strata, prior, strict=True)) != document:
        raise DrawError("snapshot document is not canonical (order, duplicates or formatting)")
    return snap


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def seed_commitment(seed: bytes) -> str:
    """What is published at approval: the hex SHA-256 of the 32 raw seed bytes."""
    if len(seed) != 32:
        raise DrawError("the seed must be 32 bytes")
    return sha256_hex(seed)


def seed_from_hex(seed_hex: str) -> bytes:
    try:
        seed = bytes.fromhex(seed_hex.strip())
    except ValueError as exc:
        raise DrawError("the seed must be 64 hexadecimal characters") from exc
    if len(seed) != 32:
        raise DrawError("the seed must be 64 hexadecimal characters")
    return seed


# ---------------------------------------------------------------- draw

def rank_keys(seed: bytes, plan_code: str, strata: Sequence[str], usccs: Sequence[str]) -> np.ndarray:
    """``HMAC-SHA256(seed, "plan|stratum|uscc")[:8]`` as big-endian uint64, one per object."""
    digest = hmac.digest
    prefix = plan_code + "|"
    raw = b"".join(
        [digest(seed, f"{prefix}{s}|{u}".encode(), "sha256")[:8] for s, u in zip(strata, usccs, strict=True)]
    )
    return np.frombuffer(raw, dtype=">u8").astype(np.uint64)


@dataclass(frozen=True)
class Drawn:
    stratum: str
    rank: int  # 1-based within the stratum
    uscc: str


def draw(seed: bytes, snapshot: Snapshot) -> list[Drawn]:
    """The drawn objects, ordered by stratum then rank (see the module docstring)."""
    if len(seed) != 32:
        raise DrawError("the seed must be 32 bytes")
    n = len(snapshot.uscc)
    if n == 0:
        return []
    keys = rank_keys(seed, snapshot.plan_code, snapshot.stratum, snapshot.uscc)
    strata = np.array(snapshot.stratum)
    prior = np.asarray(snapshot.prior, dtype=np.uint8)
    out: list[Drawn] = []
    for stratum in sorted(snapshot.quota):
        idx = np.flatnonzero(strata == stratum)
        k = min(snapshot.quota[stratum], idx.size)
        if k <= 0:
            continue
        # rows are sorted by uscc and lexsort is stable: ties (never seen in practice) go by uscc
        order = idx[np.lexsort((keys[idx], prior[idx]))[:k]]
        out.extend(Drawn(stratum, r, snapshot.uscc[j]) for r, j in enumerate(order.tolist(), start=1))
    return out


# ---------------------------------------------------------------- officers

@dataclass(frozen=True)
class Officer:
    id: str
    cert_valid_from: dt.date | None
    cert_valid_to: dt.date | None
    active: bool = True

    def eligible_on(self, day: dt.date) -> bool:
        return bool(self.active and self.cert_valid_from and self.cert_valid_to
                    and self.cert_valid_from <= day <= self.cert_valid_to)


class AssignmentError(DrawError):
    def __init__(self, uscc: str, message: str):
        super().__init__(message)
        self.uscc = uscc


def assign_officers(
    drawn: Sequence[str],
    officers: Sequence[Officer],
    *,
    on: dt.date,
    seed: bytes,
    plan_code: str,
    conflicts: set[tuple[str, str]] | frozenset = frozenset(),
    previous_pair: Mapping[str, frozenset[str]] | None = None,
    load: Mapping[str, int] | None = None,
    team: int = 2,
) -> dict[str, tuple[str, ...]]:
    """Officers for every drawn object (``uscc -> officer ids``).

    Rules: ``team`` (>= 2) officers per object, certificate valid on ``on``, no
    declared conflict ``(officer id, uscc)``, not the same team as the object's
    previous inspection, least-loaded officers first (ties broken by a seeded
    rank), so that loads differ by at most one when nothing else constrains.
    Raises :class:`AssignmentError` naming the first object that cannot be staffed.
    """
    if team < 2:
        raise DrawError("at least two officers per inspection")
    previous_pair = previous_pair or {}
    load = load or {}
    pool = [o for o in officers if o.eligible_on(on)]
    heap = [(load.get(o.id, 0), hmac.digest(seed, f"{plan_code}|officer|{o.id}".encode(), "sha256")[:8], o.id)
            for o in pool]
    heapq.heapify(heap)
    out: dict[str, tuple[str, ...]] = {}
    for uscc in drawn:
        chosen, skipped = [], []
        avoid = previous_pair.get(uscc)
        while heap and len(chosen) < team:
            entry = heapq.heappop(heap)
            officer_id = entry[2]
            if (officer_id, uscc) in conflicts:
                skipped.append(entry)
                continue
            if avoid and len(chosen) == team - 1 and frozenset([*(c[2] for c in chosen), officer_id]) == avoid:
                skipped.append(entry)
                continue
            chosen.append(entry)
        for entry in skipped:
            heapq.heappush(heap, entry)
        if len(chosen) < team:
            for entry in chosen:
                heapq.heappush(heap, entry)
            chosen = _fallback_team(heap, uscc, team, conflicts, avoid)
        for entry in chosen:
            heapq.heappush(heap, (entry[0] + 1, entry[1], entry[2]))
        out[uscc] = tuple(sorted(c[2] for c in chosen))
    return out


def _fallback_team(heap: list, uscc: str, team: int, conflicts, avoid) -> list:
    """Rare path: the greedy pick was blocked by the previous-pair rule; take the
    least-loaded allowed combination instead (or refuse when none exists)."""
    candidates = sorted(e for e in heap if (e[2], uscc) not in conflicts)
    for combo in itertools.combinations(candidates, team):
        if frozenset(e[2] for e in combo) != avoid:
            for entry in combo:
                heap.remove(entry)
            heapq.heapify(heap)
            return list(combo)
    raise AssignmentError(uscc, f"not enough eligible officers for {uscc}")
