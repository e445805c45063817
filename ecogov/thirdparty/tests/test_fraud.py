"""Each fraud indicator on hand-made records (no database)."""

from __future__ import annotations

import datetime as dt

from ecogov.thirdparty import fraud
from ecogov.thirdparty.fraud import Rec

T0 = dt.datetime(2026, 5, 11, 10, 0, 0)


def rec(i, *, station=1, plate="示A00001", method="asm", start=T0, seconds=180, result="pass", curve=None,
        opens=dt.time(8, 30), closes=dt.time(17, 30)):
    curve = curve if curve is not None else [round(0.1 * i + 0.001 * k, 3) for k in range(seconds)]
    return Rec(id=i, station_id=station, plate=plate, method=method, started_at=start,
               ended_at=start + dt.timedelta(seconds=seconds), result=result, curve_hash=fraud.curve_hash(curve),
               curve_len=len(curve), opens=opens, closes=closes)


def test_identical_curve_on_another_plate_hits_the_later_test():
    curve = [0.5, 0.7, 0.9, 1.1, 1.0, 0.8, 0.6, 0.6, 0.7, 0.9, 1.2, 1.4]
    a = rec(1, plate="示A11111", curve=curve, seconds=12, method="free_accel")
    b = rec(2, plate="示B22222", curve=curve, seconds=12, method="free_accel", start=T0 + dt.timedelta(hours=2))
    c = rec(3, plate="示C33333", seconds=12, method="free_accel")  # another curve
    hits = fraud.identical_curves([b, a, c])
    assert [(h.kind, h.record_id, h.other_id) for h in hits] == [("identical_curve", 2, 1)]


def test_same_curve_on_the_same_plate_is_not_a_hit():
    curve = [1.0 + k / 100 for k in range(20)]
    assert fraud.identical_curves([rec(1, curve=curve), rec(2, curve=curve, start=T0 + dt.timedelta(days=1))]) == []


def test_readings_rounded_to_a_thousandth_compare_equal_and_short_curves_not_at_all():
    assert fraud.curve_hash([0.1234] * 10) == fraud.curve_hash([0.1231] * 10)
    assert fraud.curve_hash([0.1] * 9) == ""  # 9 readings < MIN_CURVE = 10


def test_durations_outside_the_method_range_or_curve_mismatch():
    ok = rec(1, seconds=180)  # ASM 90..600 s, 180 readings
    short = rec(2, seconds=60)  # 60 s < 90 s
    vmas_short = rec(3, method="vmas", seconds=194)  # the VMAS cycle alone is 195 s
    mismatch = rec(4, seconds=300, curve=[0.5 + k / 1000 for k in range(200)])  # 300 s, 200 readings: 100 > 5
    near = rec(5, seconds=300, curve=[0.5 + k / 1000 for k in range(296)])  # 4 readings off: within the slack
    hits = fraud.impossible_durations([ok, short, vmas_short, mismatch, near])
    assert [h.record_id for h in hits] == [2, 3, 4]
    assert "60 秒" in hits[0].detail and "90–600" in hits[0].detail


def test_tests_outside_opening_hours():
    inside = rec(1, start=dt.datetime(2026, 5, 11, 8, 30))  # at opening, ends 08:33
    early = rec(2, start=dt.datetime(2026, 5, 11, 8, 29))
    late = rec(3, start=dt.datetime(2026, 5, 11, 17, 28))  # ends 17:31 > 17:30
    overnight = rec(4, start=dt.datetime(2026, 5, 11, 23, 59), closes=dt.time(23, 59, 59))
    assert [h.record_id for h in fraud.outside_hours([inside, early, late, overnight])] == [2, 3, 4]


def test_pass_right_after_failing_elsewhere():
    fail = rec(1, station=1, plate="示D44444", result="fail", start=T0)
    elsewhere = rec(2, station=2, plate="示D44444", start=T0 + dt.timedelta(hours=5, minutes=3))  # hit
    same_station = rec(3, station=1, plate="示E55555", result="fail", start=T0)
    retest_same = rec(4, station=1, plate="示E55555", start=T0 + dt.timedelta(hours=1))  # same station: no
    late_fail = rec(5, station=1, plate="示F66666", result="fail", start=T0)
    two_days = rec(6, station=2, plate="示F66666", start=T0 + dt.timedelta(hours=30))  # 30 h > 24 h: no
    hits = fraud.pass_after_fail([fail, elsewhere, same_station, retest_same, late_fail, two_days])
    assert [(h.record_id, h.other_id) for h in hits] == [(2, 1)]
    # the fail ended 10:03 (180 s from 10:00), the pass began 15:03: 5.0 h later
    assert hits[0].detail.startswith("5.0 小时前")


def test_detect_runs_every_indicator():
    r = rec(1, seconds=30, start=dt.datetime(2026, 5, 11, 6, 0))  # ASM in 30 s at 06:00
    assert sorted(h.kind for h in fraud.detect([r])) == ["duration", "off_hours"]
