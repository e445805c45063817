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

Draw rule: each stratum gets the 16-byte key
``K = HMAC-SHA256(key=seed, msg="<plan>|<stratum>")[:16]``; each object of the
stratum gets the rank key ``SipHash-2-4(K, <uscc as ASCII>)`` (the 64-bit
result as an unsigned integer); objects are ordered by ``(prior, rank key,
uscc)`` and the first ``quota`` are drawn. HMAC-SHA256 and SipHash-2-4 are
pseudo-random functions (SipHash: Aumasson & Bernstein, 2012, the keyed hash
behind Python's own ``hash``), so within a stratum (and a ``prior`` group)
every object is equally likely to be drawn, and nobody can steer the result
without the seed, which is fixed before anyone can see it is needed (the pool
is frozen at the same time). SipHash is evaluated with numpy over whole
columns, so a national pool of 3.5 million objects is ranked in about a second.

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

def _ascii_array(values, what: str) -> np.ndarray:
    arr = np.asarray(values)
    if arr.dtype.kind == "S":
        return arr
    try:
        return arr.astype(str).astype("S") if arr.size else np.array([], dtype="S1")
    except UnicodeEncodeError as exc:
        raise DrawError(f"{what} must be ASCII") from exc


def snapshot_document(plan_code: str, quota: Mapping[str, int], rows: Iterable[tuple[str, str, int]]) -> bytes:
    """The canonical snapshot document (see the module docstring) from ``(uscc, stratum, prior)`` rows."""
    rows = list(rows)
    return snapshot_document_arrays(plan_code, quota, [r[0] for r in rows], [r[1] for r in rows],
                                    [1 if r[2] else 0 for r in rows])


def snapshot_document_arrays(plan_code: str, quota: Mapping[str, int], uscc, stratum, prior) -> bytes:
    """Same, from columns (vectorised: 3.5 million rows in about a second)."""
    _check_token(plan_code, "plan code")
    head = [f"# {FORMAT}", f"plan,{plan_code}"]
    for name in sorted(quota):
        _check_token(name, "stratum")
        head.append(f"quota,{name},{int(quota[name])}")
    head.append(HEADER)
    u, st = _ascii_array(uscc, "uscc"), _ascii_array(stratum, "stratum")
    pr = np.where(np.asarray(prior, dtype=np.uint8) > 0, b"1", b"0") if u.size else np.array([], dtype="S1")
    if u.size > 1 and not bool(np.all(u[1:] > u[:-1])):
        order = np.argsort(u, kind="stable")
        u, st, pr = u[order], st[order], pr[order]
        dup = np.flatnonzero(u[1:] == u[:-1])
        if dup.size:
            raise DrawError(f"duplicate uscc in the pool: {u[dup[0]].decode()}")
    for bad in (b",", b"|", b"\n", b"\r"):
        if u.size and (np.any(np.strings.find(u, bad) >= 0) or np.any(np.strings.find(st, bad) >= 0)):
            raise DrawError("uscc and stratum must not contain , | or line breaks")
    if u.size and (np.any(np.strings.str_len(u) == 0) or np.any(np.strings.str_len(st) == 0)):
        raise DrawError("empty uscc or stratum")
    body = b""
    if u.size and _same_width(u) and _same_width(st):
        body = _fixed_width_body(u, st, pr)
    elif u.size:
        lines = np.strings.add(np.strings.add(np.strings.add(np.strings.add(u, b","), st), b","), pr)
        body = b"\n".join(lines.tolist()) + b"\n"
    return ("\n".join(head) + "\n").encode("utf-8") + body


def _same_width(arr: np.ndarray) -> bool:
    return bool(np.all(np.strings.str_len(arr) == arr.dtype.itemsize))


def _fixed_width_body(u: np.ndarray, st: np.ndarray, pr: np.ndarray) -> bytes:
    """All lines the same width (the usual case: 18-character USCCs, one-letter classes)."""
    ul, sl = u.dtype.itemsize, st.dtype.itemsize
    width = ul + sl + 4
    m = np.empty((u.size, width), dtype=np.uint8)
    m[:, :ul] = np.frombuffer(u.tobytes(), dtype=np.uint8).reshape(u.size, ul)
    m[:, ul] = 44
    m[:, ul + 1: ul + 1 + sl] = np.frombuffer(st.tobytes(), dtype=np.uint8).reshape(u.size, sl)
    m[:, width - 3] = 44
    m[:, width - 2] = np.frombuffer(pr.astype("S1").tobytes(), dtype=np.uint8)
    m[:, width - 1] = 10
    return m.tobytes()


def _parse_fixed_width(body: bytes):
    """Columns of a body whose lines all have the first line's width, or None."""
    width = body.find(b"\n") + 1
    first = body[:width]
    if width < 6 or len(body) % width or first.count(b",") != 2:
        return None
    m = np.frombuffer(body, dtype=np.uint8).reshape(-1, width)
    ul = first.find(b",")
    if not (bool(np.all(m[:, -1] == 10)) and bool(np.all((m == 44).sum(axis=1) == 2))
            and bool(np.all(m[:, ul] == 44)) and bool(np.all(m[:, width - 3] == 44))):
        return None
    uscc = np.ascontiguousarray(m[:, :ul]).view(f"S{ul}").reshape(-1)
    stratum = np.ascontiguousarray(m[:, ul + 1: width - 3]).view(f"S{width - 4 - ul}").reshape(-1)
    p = m[:, width - 2]
    if not bool(np.all((p == 48) | (p == 49))) or np.any(m == 0):
        raise DrawError("prior must be 0 or 1")
    return uscc, stratum, (p == 49).astype(np.uint8)


def _check_token(value: str, what: str) -> None:
    if not value or any(c in value for c in ",|\n\r") or not value.isascii():
        raise DrawError(f"bad {what}: {value!r}")


@dataclass
class Snapshot:
    """A parsed snapshot: columns as numpy byte-string arrays, rows sorted by uscc."""

    plan_code: str
    quota: dict[str, int]
    uscc: np.ndarray
    stratum: np.ndarray
    prior: np.ndarray

    def rows(self) -> list[tuple[str, str, int]]:
        return [(u.decode(), s.decode(), int(p)) for u, s, p in zip(self.uscc, self.stratum, self.prior, strict=True)]


def parse_snapshot(document: bytes) -> Snapshot:
    """Read a snapshot document; refuse anything that is not in canonical form."""
    if not document.startswith(f"# {FORMAT}\nplan,".encode()) or not document.endswith(b"\n"):
        raise DrawError("not an ecogov-draw/1 snapshot document")
    marker = f"\n{HEADER}\n".encode()
    cut = document.find(marker)
    if cut < 0:
        raise DrawError("missing the uscc,stratum,prior header")
    head = document[:cut].decode("utf-8").split("\n")
    plan_code = head[1][5:]
    quota: dict[str, int] = {}
    for line in head[2:]:
        tag, name, n = line.split(",")
        if tag != "quota":
            raise DrawError(f"unexpected line: {line}")
        quota[name] = int(n)
    body = document[cut + len(marker):]
    fixed = _parse_fixed_width(body) if body else None
    if fixed is not None:
        uscc, stratum, prior = fixed
        head_doc = snapshot_document_arrays(plan_code, quota, [], [], [])
        if head_doc != document[: cut + len(marker)] or (uscc.size > 1 and not bool(np.all(uscc[1:] > uscc[:-1]))):
            raise DrawError("snapshot document is not canonical (order, duplicates or formatting)")
        if not bool(np.all(np.strings.str_len(uscc) == uscc.dtype.itemsize)) or \
                not bool(np.all(np.strings.str_len(stratum) == stratum.dtype.itemsize)):
            raise DrawError("snapshot document is not canonical (empty field)")
        return Snapshot(plan_code, quota, uscc, stratum, prior)
    if body:
        parts = np.array(body[:-1].replace(b"\n", b",").split(b","), dtype="S")
        if parts.size % 3:
            raise DrawError("every object line needs uscc,stratum,prior")
        uscc, stratum, prior = parts[0::3], parts[1::3], parts[2::3]
        if not bool(np.all((prior == b"0") | (prior == b"1"))):
            raise DrawError("prior must be 0 or 1")
        prior = (prior == b"1").astype(np.uint8)
    else:
        uscc, stratum, prior = (np.array([], dtype="S1"),) * 2 + (np.array([], dtype=np.uint8),)
    if snapshot_document_arrays(plan_code, quota, uscc, stratum, prior) != document:
        raise DrawError("snapshot document is not canonical (order, duplicates or formatting)")
    return Snapshot(plan_code, quota, uscc, stratum, prior)


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

def _rotl(x: np.ndarray, r: int, tmp: np.ndarray) -> None:
    """x = rotate-left(x, r) in place (``tmp`` is scratch space of the same shape)."""
    np.left_shift(x, np.uint64(r), out=tmp)
    np.right_shift(x, np.uint64(64 - r), out=x)
    np.bitwise_or(x, tmp, out=x)


def _sipround(v0, v1, v2, v3, tmp) -> None:
    v0 += v1
    _rotl(v1, 13, tmp)
    v1 ^= v0
    _rotl(v0, 32, tmp)
    v2 += v3
    _rotl(v3, 16, tmp)
    v3 ^= v2
    v0 += v3
    _rotl(v3, 21, tmp)
    v3 ^= v0
    v2 += v1
    _rotl(v1, 17, tmp)
    v1 ^= v2
    _rotl(v2, 32, tmp)


_CHUNK = 1 << 16  # rows per pass: the working set stays in the CPU cache


def siphash24(key, messages: np.ndarray) -> np.ndarray:
    """SipHash-2-4 (Aumasson & Bernstein 2012) of each row of ``messages`` ((n, L) uint8, one
    length L for all rows); the 64-bit results as uint64. ``key`` is 16 bytes, or a pair of
    uint64 arrays ``(k0, k1)`` giving each row its own key (little-endian halves)."""
    n, length = messages.shape
    if isinstance(key, bytes | bytearray):
        if len(key) != 16:
            raise DrawError("SipHash needs a 16-byte key")
        k0 = np.full(n, int.from_bytes(key[:8], "little"), dtype=np.uint64)
        k1 = np.full(n, int.from_bytes(key[8:], "little"), dtype=np.uint64)
    else:
        k0, k1 = key
    out = np.empty(n, dtype=np.uint64)
    full = length // 8
    with np.errstate(over="ignore"):
        for lo in range(0, n, _CHUNK):
            hi = min(n, lo + _CHUNK)
            out[lo:hi] = _siphash_chunk(k0[lo:hi], k1[lo:hi], messages[lo:hi], length, full)
    return out


def _siphash_chunk(k0, k1, msgs, length: int, full: int) -> np.ndarray:
    n = k0.size
    v0 = k0 ^ np.uint64(0x736F6D6570736575)
    v1 = k1 ^ np.uint64(0x646F72616E646F6D)
    v2 = k0 ^ np.uint64(0x6C7967656E657261)
    v3 = k1 ^ np.uint64(0x7465646279746573)
    tmp = np.empty(n, dtype=np.uint64)
    tail = np.zeros((n, 8), dtype=np.uint8)
    tail[:, : length - 8 * full] = msgs[:, 8 * full:]
    tail[:, 7] = length & 0xFF
    for i in range(full + 1):
        block = tail if i == full else np.ascontiguousarray(msgs[:, 8 * i: 8 * i + 8])
        m = block.view("<u8").reshape(n).astype(np.uint64)
        v3 ^= m
        _sipround(v0, v1, v2, v3, tmp)
        _sipround(v0, v1, v2, v3, tmp)
        v0 ^= m
    v2 ^= np.uint64(0xFF)
    for _ in range(4):
        _sipround(v0, v1, v2, v3, tmp)
    return v0 ^ v1 ^ v2 ^ v3


def stratum_key(seed: bytes, plan_code: str, stratum: str) -> bytes:
    """The 16-byte SipHash key of one stratum: ``HMAC-SHA256(seed, "<plan>|<stratum>")[:16]``."""
    return hmac.digest(seed, f"{plan_code}|{stratum}".encode(), "sha256")[:16]


def rank_keys(seed: bytes, plan_code: str, strata, usccs) -> np.ndarray:
    """``SipHash-2-4(stratum_key(stratum), uscc)`` for every object (one pass over all strata).

    ``strata`` is one stratum name for all rows, or a column of names.
    """
    usccs = _ascii_array(usccs, "uscc")
    out = np.empty(usccs.size, dtype=np.uint64)
    if not usccs.size:
        return out
    if isinstance(strata, str):
        strata = np.full(usccs.size, strata.encode(), dtype=f"S{max(1, len(strata))}")
    names, code = np.unique(_ascii_array(strata, "stratum"), return_inverse=True)
    keys = [stratum_key(seed, plan_code, n.decode()) for n in names]
    k0 = np.array([int.from_bytes(k[:8], "little") for k in keys], dtype=np.uint64)[code]
    k1 = np.array([int.from_bytes(k[8:], "little") for k in keys], dtype=np.uint64)[code]
    width = usccs.dtype.itemsize
    matrix = np.frombuffer(usccs.tobytes(), dtype=np.uint8).reshape(usccs.size, width)
    lengths = np.strings.str_len(usccs)
    if bool(np.all(lengths == width)):
        return siphash24((k0, k1), matrix)
    for length in np.unique(lengths).tolist():
        idx = np.flatnonzero(lengths == length)
        out[idx] = siphash24((k0[idx], k1[idx]), matrix[idx, :length])
    return out


@dataclass(frozen=True)
class Drawn:
    stratum: str
    rank: int  # 1-based within the stratum
    uscc: str


def _top(keys: np.ndarray, prior: np.ndarray, k: int) -> np.ndarray:
    """Positions of the first ``k`` by (prior, key, position), in that order, in O(n)."""
    fresh = np.flatnonzero(prior == 0)
    if fresh.size >= k:
        pool = fresh
    else:
        old = np.flatnonzero(prior != 0)
        head = fresh[np.lexsort((fresh, keys[fresh]))]
        rest = _top(keys[old], np.zeros(old.size, dtype=np.uint8), k - fresh.size)
        return np.concatenate([head, old[rest]])
    kth = np.partition(keys[pool], k - 1)[k - 1]
    cand = pool[keys[pool] <= kth]  # every tie at the boundary stays in
    return cand[np.lexsort((cand, keys[cand]))][:k]


def draw(seed: bytes, snapshot: Snapshot) -> list[Drawn]:
    """The drawn objects, ordered by stratum then rank (see the module docstring)."""
    if len(seed) != 32:
        raise DrawError("the seed must be 32 bytes")
    out: list[Drawn] = []
    if not snapshot.uscc.size:
        return out
    all_keys = rank_keys(seed, snapshot.plan_code, snapshot.stratum, snapshot.uscc)
    for stratum in sorted(snapshot.quota):
        idx = np.flatnonzero(snapshot.stratum == stratum.encode())
        k = min(snapshot.quota[stratum], idx.size)
        if k <= 0:
            continue
        chosen = idx[_top(all_keys[idx], snapshot.prior[idx], k)]
        out.extend(Drawn(stratum, r, snapshot.uscc[j].decode()) for r, j in enumerate(chosen.tolist(), start=1))
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
