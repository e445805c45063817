"""Geometry: normalising GeoJSON (GCJ-02 in, WGS-84 stored), distances and bearings,
on values worked out by hand below."""

import math

import pytest

from ecogov.core.geo import gcj02_to_wgs84, wgs84_to_gcj02
from ecogov.inventory import geometry as geo

R = 6371008.8  # [m]


def test_gcj02_offset_at_105e_35n_by_hand():
    # The GCJ-02 forward transform at x = lon - 105 = 0, y = lat - 35 = 0:
    #   transform_lat(0, 0) = -100 (every sine term is sin 0 = 0, every root sqrt 0 = 0)
    #   transform_lon(0, 0) = 300
    # Krasovsky a = 6378245 m, e^2 = 0.00669342162296594323; sin 35 deg = 0.573576436
    #   magic = 1 - e^2 sin^2 = 1 - 0.00669342162 * 0.328989928 = 0.997797932; sqrt = 0.998898415
    #   dlat = -100 * 180 / (a (1 - e^2) / (magic * sqrt) * pi)
    #        = -18000 / (6335552.72 / 0.996698763 * 3.14159265) = -18000 / 19969580.6 = -0.000901371 deg
    #   dlon = 300 * 180 / (a / sqrt * cos 35 deg * pi)
    #        = 54000 / (6385278.9 * 0.819152044 * 3.14159265) = 54000 / 16432202 = 0.0032862 deg
    lon, lat = wgs84_to_gcj02(105.0, 35.0)
    assert lon == pytest.approx(105.0032862, abs=2e-7)
    assert lat == pytest.approx(34.9990986, abs=2e-7)
    # and the stored value of that GCJ-02 input is the WGS-84 point again (within 1 cm)
    shape = geo.normalise({"type": "Point", "coordinates": [105.0032862, 34.9990986]}, "GCJ-02")
    assert shape["coordinates"] == pytest.approx([105.0, 35.0], abs=2e-7)


def test_every_vertex_of_a_gcj02_polygon_is_converted_and_the_ring_closed():
    ring = [[115.9, 28.6], [115.91, 28.6], [115.91, 28.61]]
    shape = geo.normalise({"type": "Polygon", "coordinates": [ring]}, "gcj02")
    out = shape["coordinates"][0]
    assert len(out) == 4 and out[0] == out[-1]
    for given, stored in zip(ring, out, strict=False):
        back = wgs84_to_gcj02(*stored)
        assert back == pytest.approx(tuple(given), abs=2e-7)
        assert stored == pytest.approx(list(gcj02_to_wgs84(*given)), abs=1e-7)
    # GCJ-02 lies a few hundred metres east of WGS-84 here: the stored longitudes are smaller
    assert all(s[0] < g[0] for g, s in zip(ring, out, strict=False))


def test_wgs84_input_is_kept_and_bad_input_refused():
    assert geo.point(115.9, 28.6) == {"type": "Point", "coordinates": [115.9, 28.6]}
    for bad in ({"type": "Point", "coordinates": [200, 28]}, {"type": "Circle"},
                {"type": "LineString", "coordinates": [[115, 28]]},
                {"type": "Polygon", "coordinates": [[[115, 28], [116, 28], [115, 28]]]}, "POINT(1 2)"):
        with pytest.raises(geo.GeometryError):
            geo.normalise(bad)
    with pytest.raises(geo.GeometryError):
        geo.normalise({"type": "Point", "coordinates": [115, 28]}, "bd09")


def test_point_distance_one_kilometre_north_is_exact():
    # 1000 m along a meridian is 1000 / R radians of latitude.
    dlat = math.degrees(1000 / R)  # 0.00899321 deg
    d = geo.distance_m({"type": "Point", "coordinates": [116.0, 28.0 + dlat]}, 116.0, 28.0)
    assert d == pytest.approx(1000.0, abs=1e-6)


def test_distance_to_a_line_is_to_its_nearest_point_not_its_vertices():
    # A road along the meridian 116.01 E from 27.99 to 28.01 N, seen from (116.0, 28.0):
    # the nearest point is (116.01, 28.0), R * cos 28 deg * 0.01 deg in radians away
    # = 6371008.8 * 0.882947592 * 0.000174532925 = 981.79 m; its ends are ~1490 m away.
    road = {"type": "LineString", "coordinates": [[116.01, 27.99], [116.01, 28.01]]}
    assert geo.distance_m(road, 116.0, 28.0) == pytest.approx(981.79, abs=0.5)


def test_distance_to_a_polygon_is_zero_inside_and_to_the_edge_outside():
    square = geo.normalise({"type": "Polygon", "coordinates": [[[115.99, 27.99], [116.01, 27.99],
                                                                  [116.01, 28.01], [115.99, 28.01]]]})
    assert geo.distance_m(square, 116.0, 28.0) == 0.0
    # from 0.01 deg of latitude south of the south edge: R * 0.01 deg = 1111.95 m
    assert geo.distance_m(square, 116.0, 27.98) == pytest.approx(1111.95, abs=0.5)


def test_search_box_holds_the_circle():
    x0, y0, x1, y1 = geo.search_box(116.0, 28.0, 3000)
    # 3000 m of latitude = 0.026979 deg; of longitude at 28 N: 0.026979 / cos 28 deg = 0.030556 deg
    assert y1 - 28.0 == pytest.approx(0.026979, abs=1e-5)
    assert x1 - 116.0 >= 0.030556 - 1e-5


@pytest.mark.parametrize("to,expected", [((116.0, 28.1), 0.0), ((116.1, 28.0), 89.98), ((116.0, 27.9), 180.0),
                                         ((115.9, 28.0), 270.02)])
def test_bearings(to, expected):
    # due east along a parallel the initial great-circle bearing is slightly less than 90 deg
    # (the great circle bends toward the pole): atan2(sin dl cos p, sin p cos p (1 - cos dl)),
    # at 28 N and dl = 0.1 deg: atan2(0.0015410, 0.00000063) = 89.977 deg
    assert geo.bearing_deg(116.0, 28.0, *to) == pytest.approx(expected, abs=0.01)


def test_anchor_and_bbox():
    line = {"type": "LineString", "coordinates": [[1, 1], [2, 1], [3, 2]]}
    assert geo.anchor(line) == (2, 1)
    square = geo.normalise({"type": "Polygon", "coordinates": [[[0, 0], [2, 0], [2, 2], [0, 2]]]})
    assert geo.anchor(square) == (1, 1)
    assert geo.bbox(line) == (1, 1, 3, 2)
