"""Fraud indicators on uploaded test records (pure functions, no database).

Each indicator takes plain :class:`Rec` values and returns :class:`Hit` values;
``services.detect_for`` builds the records from the database and stores the hits.

- identical curves (曲线雷同): the same second-by-second readings on different
  vehicles. Real tailpipe readings never repeat over a whole test, so two
  plates with one curve means one of the tests was not run on its vehicle.
- impossible test duration: shorter or longer than the method allows (below),
  or a curve whose number of readings does not match the time the test took.
- test outside the station's opening hours.
- a plate passing right after failing elsewhere: a fail at one station followed
  within ``PASS_AFTER_FAIL_HOURS`` by a pass at another (检测 "异地通过").
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: Plausible duration of one test per method [s], the bureau's supervision thresholds: the VMAS
#: driving cycle alone lasts 195 s; ASM runs two modes of at least 25 s each plus settling; an idle
#: test two speeds; lug-down three load points; free acceleration three to six accelerations.
DURATION_S: dict[str, tuple[int, int]] = {
    "idle": (60, 600), "asm": (90, 600), "vmas": (195, 600), "lug_down": (120, 900),
    "free_accel": (30, 600), "lab": (60, 86_400),
}
#: Fewer readings than this are too short to compare as a curve.
MIN_CURVE = 10
#: A curve may differ from the test's duration by this many readings (start and end of logging).
CURVE_SLACK_S = 5
PASS_AFTER_FAIL_HOURS = 24


@dataclass(frozen=True)
class Rec:
    """One test as the indicators see it; times are local wall-clock times."""

    id: int
    station_id: int
    plate: str
    method: str
    started_at: dt.datetime
    ended_at: dt.datetime
    result: str
    curve_hash: str = ""
    curve_len: int = 0
    opens: dt.time = dt.time(0, 0)
    closes: dt.time = dt.time(23, 59, 59)


@dataclass(frozen=True)
class Hit:
    kind: str
    record_id: int
    other_id: int | None
    detail: str


def curve_hash(readings: Sequence[float]) -> str:
    """A fingerprint of a curve (readings rounded to 0.001); empty when the curve is too short."""
    if len(readings) < MIN_CURVE:
        return ""
    text = ";".join(f"{float(v):.3f}" for v in readings)
    return hashlib.sha256(text.encode()).hexdigest()


def identical_curves(recs: Iterable[Rec]) -> list[Hit]:
    """Every later record whose curve equals an earlier record's on another plate."""
    by_hash: dict[str, list[Rec]] = defaultdict(list)
    for r in recs:
        if r.curve_hash:
            by_hash[r.curve_hash].append(r)
    hits: list[Hit] = []
    for group in by_hash.values():
        group.sort(key=lambda r: (r.started_at, r.id))
        first = group[0]
        for r in group[1:]:
            if r.plate != first.plate:
                hits.append(Hit("identical_curve", r.id, first.id,
                                f"与 {first.plate}（{first.started_at:%Y-%m-%d %H:%M}）的检测曲线完全相同"))
    return hits


def impossible_durations(recs: Iterable[Rec]) -> list[Hit]:
    """Records outside their method's duration range, or whose curve length does not fit the duration."""
    hits: list[Hit] = []
    for r in recs:
        seconds = int((r.ended_at - r.started_at).total_seconds())
        low, high = DURATION_S.get(r.method, (1, 86_400))
        if not low <= seconds <= high:
            hits.append(Hit("duration", r.id, None, f"检测用时 {seconds} 秒，方法允许 {low}–{high} 秒"))
        elif r.curve_len and abs(r.curve_len - seconds) > CURVE_SLACK_S:
            hits.append(Hit("duration", r.id, None, f"检测用时 {seconds} 秒，但有 {r.curve_len} 个逐秒数据"))
    return hits


def outside_hours(recs: Iterable[Rec]) -> list[Hit]:
    """Records started before opening or ended after closing (or on another day)."""
    hits: list[Hit] = []
    for r in recs:
        late = r.ended_at.date() != r.started_at.date() or r.ended_at.time() > r.closes
        if r.started_at.time() < r.opens or late:
            hits.append(Hit("off_hours", r.id, None,
                            f"检测时间 {r.started_at:%H:%M}–{r.ended_at:%H:%M}，"
                            f"营业时间 {r.opens:%H:%M}–{r.closes:%H:%M}"))
    return hits


def pass_after_fail(recs: Iterable[Rec], hours: int = PASS_AFTER_FAIL_HOURS) -> list[Hit]:
    """A pass at one station within ``hours`` after the same plate failed at another station."""
    by_plate: dict[str, list[Rec]] = defaultdict(list)
    for r in recs:
        by_plate[r.plate].append(r)
    window = dt.timedelta(hours=hours)
    hits: list[Hit] = []
    for group in by_plate.values():
        group.sort(key=lambda r: (r.started_at, r.id))
        for i, r in enumerate(group):
            if r.result != "pass":
                continue
            fails = [f for f in group[:i] if f.result == "fail" and f.station_id != r.station_id
                     and r.started_at - f.ended_at <= window]
            if fails:
                f = fails[-1]
                gap = (r.started_at - f.ended_at).total_seconds() / 3600
                hits.append(Hit("pass_after_fail", r.id, f.id, f"{gap:.1f} 小时前在另一机构检测不合格"))
    return hits


def detect(recs: Sequence[Rec]) -> list[Hit]:
    """Every indicator over ``recs``."""
    return [*identical_curves(recs), *impossible_durations(recs), *outside_hours(recs), *pass_after_fail(recs)]
