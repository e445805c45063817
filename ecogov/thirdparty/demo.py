"""Demo third parties for the demo city (示范市): 12 environmental testing agencies and 68
vehicle-emission inspection stations under online supervision, each with its test lines and a
month of uploaded tests. 46 stations faked tests (one fraud pattern each, in turn: an identical
curve on another vehicle, an impossible duration, a test outside opening hours, a pass right
after a fail elsewhere); the indicators find them and each was punished, as MISSION.md reports
("46 stations punished for fraud"). Six more hits are still open. Deterministic: its own random
stream (the city's ``ctx.rng`` is left where it was for the loaders after it)."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from . import demo_dust, demo_waste, fraud, services
from .choices import HitStatus, StationKind, TestMethod
from .models import FraudHit, Line, Station, TestRecord

AGENCIES, VEHICLE_STATIONS, PUNISHED, STILL_OPEN = 12, 68, 46, 6
TESTS_PER_STATION = 6
SECONDS = {"asm": 180, "vmas": 220, "lug_down": 240, "idle": 150, "free_accel": 90, "lab": 600}
PATTERNS = ("identical_curve", "duration", "off_hours", "pass_after_fail")


def _stations(districts) -> list[Station]:
    rows = []
    for i in range(AGENCIES + VEHICLE_STATIONS):
        agency = i < AGENCIES
        d = districts[i % len(districts)]
        rows.append(Station(
            code=f"{'JC' if agency else 'JDC'}-{i + 1:03d}", jurisdiction=d,
            name=f"{d.name}{'环境检测有限公司' if agency else '机动车检测站'}{i + 1:02d}",
            kind=StationKind.TESTING_AGENCY if agency else StationKind.VEHICLE_STATION,
            address=f"{d.name}工业大道{i + 1}号", opens=dt.time(8, 30), closes=dt.time(17, 30)))
    return Station.objects.bulk_create(rows)


def _lines(rng, stations) -> dict[int, Line]:
    lines = []
    for s in stations:
        method = TestMethod.LAB if s.kind == StationKind.TESTING_AGENCY else rng.choice(("asm", "vmas", "lug_down"))
        lines.append(Line(station=s, code="1", method=method, instrument=rng.choice(("佛分 FGA-4100", "南华 NHA-506")),
                          instrument_serial=f"SN{rng.randint(100000, 999999)}"))
    return {ln.station_id: ln for ln in Line.objects.bulk_create(lines)}


def _record(rng, station, line, n: int, start: dt.datetime, *, plate=None, result="pass", seconds=None, curve=None):
    seconds = seconds or SECONDS[line.method]
    curve = curve if curve is not None else [round(rng.uniform(0.05, 2.5), 3) for _ in range(seconds)]
    return TestRecord(station=station, line=line, record_no=f"{station.code}-{n:05d}",
                      plate=plate or f"示{rng.choice('ABCDE')}{rng.randint(10000, 99999)}", method=line.method,
                      started_at=start, ended_at=start + dt.timedelta(seconds=seconds), result=result,
                      curve=curve, curve_hash=fraud.curve_hash(curve))


def _day(ctx, rng, hour: int | None = None) -> dt.datetime:
    tz = timezone.get_current_timezone()
    day = ctx.today - dt.timedelta(days=rng.randint(3, 30))
    return dt.datetime.combine(day, dt.time(hour if hour is not None else rng.randint(9, 15), rng.randint(0, 59)),
                               tzinfo=tz)


def _fake(rng, ctx, station, line, pattern: str, clean: list[TestRecord], other: Station, other_line) -> list:
    """The faked test(s) of one station, following ``pattern``."""
    n = TESTS_PER_STATION + 1
    if pattern == "identical_curve":
        source = next(r for r in clean if r.method == line.method and r.station_id != station.pk)
        later = source.started_at + dt.timedelta(days=1, hours=1)
        return [_record(rng, station, line, n, later, curve=list(source.curve))]
    if pattern == "duration":
        return [_record(rng, station, line, n, _day(ctx, rng), seconds=fraud.DURATION_S[line.method][0] // 2)]
    if pattern == "off_hours":
        return [_record(rng, station, line, n, _day(ctx, rng, hour=22))]
    plate = f"示F{rng.randint(10000, 99999)}"
    failed = _record(rng, other, other_line, 900 + station.pk % 1000, _day(ctx, rng, hour=9), plate=plate, result="fail")
    return [failed, _record(rng, station, line, n, failed.ended_at + dt.timedelta(hours=3), plate=plate)]


def load(ctx) -> None:
    rng = random.Random(ctx.seed * 1000 + 18)
    stations = _stations(ctx.data["jurisdictions"]["district"])
    lines = _lines(rng, stations)
    clean = [_record(rng, s, lines[s.pk], k + 1, _day(ctx, rng)) for s in stations for k in range(TESTS_PER_STATION)]
    TestRecord.objects.bulk_create(clean, batch_size=500)
    vehicle = [s for s in stations if s.kind == StationKind.VEHICLE_STATION]
    fakers = vehicle[: PUNISHED + STILL_OPEN]
    faked = []
    for i, s in enumerate(fakers):
        other = vehicle[-1 - i % 10]
        faked += _fake(rng, ctx, s, lines[s.pk], PATTERNS[i % len(PATTERNS)], clean, other, lines[other.pk])
    TestRecord.objects.bulk_create(faked, batch_size=500)
    services.detect_for(TestRecord.objects.select_related("station").filter(pk__in=[r.pk for r in faked]))
    _punish(ctx, fakers[:PUNISHED])
    demo_waste.load(ctx)
    demo_dust.load(ctx)
    ctx.log(f"  third parties: {len(stations)} stations, {len(clean) + len(faked)} test records, "
            f"{PUNISHED} stations punished for fraud, {FraudHit.objects.filter(status=HitStatus.OPEN).count()} hits open")


def _punish(ctx, stations) -> None:
    """The first hit of each punishing station: referred, then punished (a decision per station)."""
    for n, s in enumerate(stations, start=1):
        hit = FraudHit.objects.filter(station=s).order_by("pk").first()
        if hit is None:
            continue
        hit.status, hit.case_no = HitStatus.PUNISHED, f"示环罚〔{ctx.today.year}〕{n:03d}号"
        hit.note = "检测数据弄虚作假，已依法处罚"
        hit.save(update_fields=["status", "case_no", "note"])
