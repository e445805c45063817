"""Muck-truck checks on hand-made tracks (no database)."""

from __future__ import annotations

import datetime as dt
import math

from ecogov.thirdparty.muck import Fix, distance_to_route_m, off_route, unsealed

T0 = dt.datetime(2026, 6, 1, 22, 0)
# A route due east along the equator-free parallel 30°N from 120.00° to 120.02° E.
ROUTE = [[120.00, 30.0], [120.02, 30.0]]
# One 0.001° of latitude = 6,371,008.8 m * pi / 180 / 1000 = 111.195 m.
M_PER_MILLIDEG_LAT = 6_371_008.8 * math.pi / 180 / 1000


def fix(minute, lon, lat, closed=True):
    return Fix(T0 + dt.timedelta(minutes=minute), lon, lat, closed)


def test_distance_to_route_by_hand():
    # 0.002° north of the route's middle: 2 x 111.195 = 222.39 m
    assert abs(distance_to_route_m(120.01, 30.002, ROUTE) - 2 * M_PER_MILLIDEG_LAT) < 0.01
    # beyond the east end by 0.001° of longitude at 30°N: 111.195 x cos 30° = 96.297 m
    assert abs(distance_to_route_m(120.021, 30.0, ROUTE) - M_PER_MILLIDEG_LAT * math.cos(math.radians(30))) < 0.01


def test_one_violation_per_excursion():
    track = [fix(0, 120.000, 30.0), fix(1, 120.005, 30.003),  # 333.6 m off: leaves
             fix(2, 120.008, 30.004),                         # still off: same excursion
             fix(3, 120.010, 30.001),                         # 111.2 m: back inside 200 m
             fix(4, 120.015, 30.0025)]                        # 278 m: a second excursion
    v = off_route(track, ROUTE, corridor_m=200)
    assert [x.at.minute for x in v] == [1, 4] and "334 米" in v[0].detail


def test_lid_open_while_moving():
    track = [fix(0, 120.000, 30.0, closed=False),   # open but standing (first fix): loading
             fix(1, 120.000, 30.0001, closed=False),  # 11 m: still not moving
             fix(2, 120.003, 30.0, closed=False),    # 289 m moved with the lid open: violation
             fix(3, 120.006, 30.0, closed=False),    # same run
             fix(4, 120.009, 30.0, closed=True),
             fix(5, 120.012, 30.0, closed=False)]    # opened again while driving: second violation
    assert [x.at.minute for x in unsealed(track)] == [2, 5]
