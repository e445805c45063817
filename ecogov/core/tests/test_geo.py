"""Coordinates: GCJ-02 round trip, the China box, point in polygon, distance."""

import math

import pytest

from ecogov.core.errors import ValidationFailed
from ecogov.core.geo import (
    gcj02_to_wgs84,
    geojson_contains,
    haversine_m,
    outside_china,
    to_wgs84,
    wgs84_to_gcj02,
)


@pytest.mark.parametrize("lon,lat", [(115.89, 28.68), (116.397, 39.909), (121.47, 31.23), (113.26, 23.13)])
def test_gcj02_round_trip_within_a_centimetre(lon, lat):
    glon, glat = wgs84_to_gcj02(lon, lat)
    # GCJ-02 shifts points in China by a few hundred metres.
    shift = haversine_m(lon, lat, glon, glat)
    assert 50 < shift < 1000
    wlon, wlat = gcj02_to_wgs84(glon, glat)
    assert haversine_m(lon, lat, wlon, wlat) < 0.01


#: Published WGS-84 -> GCJ-02 pairs (lon, lat): the three city points of the eviltransform test suite
#: (github.com/googollee/eviltransform, "wgsLat, wgsLng, gcjLat, gcjLng", reordered here to lon, lat)
#: and the example printed in the coordtransform README (github.com/wandergis/coordtransform,
#: wgs84togcj02(116.404, 39.915)). Two independent implementations of the same published algorithm.
PUBLISHED = [
    ((121.5272106, 31.1774276), (121.531541859215, 31.17530398364597)),  # Shanghai
    ((113.912316, 22.543847), (113.9171764808363, 22.540796131694766)),  # Shenzhen
    ((116.377817, 39.911954), (116.38404722455657, 39.91334545536069)),  # Beijing
    ((116.404, 39.915), (116.41024449916938, 39.91640428150164)),  # Beijing, coordtransform's example
]


@pytest.mark.parametrize("wgs,gcj", PUBLISHED)
def test_gcj02_forward_matches_the_published_reference_points(wgs, gcj):
    assert wgs84_to_gcj02(*wgs) == pytest.approx(gcj, abs=1e-9)


@pytest.mark.parametrize("wgs,gcj", PUBLISHED)
def test_gcj02_inverse_recovers_the_published_wgs84_point(wgs, gcj):
    # the iterated inverse is exact to the tolerance (1e-9 degrees, 0.1 mm), not the one-step
    # approximation 2 * gcj - f(gcj), which is off by up to about 1e-6 degrees
    assert gcj02_to_wgs84(*gcj) == pytest.approx(wgs, abs=1e-9)


def test_coordtransform_one_step_inverse_is_within_ten_centimetres_of_the_exact_one():
    # coordtransform's README also prints gcj02towgs84(116.404, 39.915) = (116.39775550083061,
    # 39.91359571849836), its one-step approximation: ours lies within 10 cm of it
    lon, lat = gcj02_to_wgs84(116.404, 39.915)
    assert haversine_m(lon, lat, 116.39775550083061, 39.91359571849836) < 0.1
    assert wgs84_to_gcj02(lon, lat) == pytest.approx((116.404, 39.915), abs=1e-9)


def test_no_shift_outside_china():
    assert outside_china(2.35, 48.85)
    assert wgs84_to_gcj02(2.35, 48.85) == (2.35, 48.85)
    assert gcj02_to_wgs84(2.35, 48.85) == (2.35, 48.85)


def test_to_wgs84_accepts_both_datums_and_refuses_others():
    assert to_wgs84(115.9, 28.7, "WGS-84") == (115.9, 28.7)
    lon, lat = to_wgs84(*wgs84_to_gcj02(115.9, 28.7), "GCJ-02")
    assert math.isclose(lon, 115.9, abs_tol=1e-7) and math.isclose(lat, 28.7, abs_tol=1e-7)
    with pytest.raises(ValidationFailed):
        to_wgs84(115.9, 28.7, "bd09")


def test_polygon_with_hole_and_multipolygon():
    outer = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
    hole = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]
    poly = {"type": "Polygon", "coordinates": [outer, hole]}
    assert geojson_contains(poly, 1, 1)
    assert not geojson_contains(poly, 5, 5)
    assert not geojson_contains(poly, 11, 5)
    multi = {"type": "MultiPolygon", "coordinates": [[hole], [[[20, 20], [30, 20], [30, 30], [20, 20]]]]}
    assert geojson_contains(multi, 5, 5)
    assert geojson_contains({"type": "Feature", "geometry": poly}, 1, 1)
    assert not geojson_contains(None, 1, 1)


def test_haversine_one_degree_of_latitude():
    # One degree of a great circle on a 6,371,008.8 m sphere: 2*pi*R/360 = 111,195.08 m.
    assert haversine_m(116.0, 28.0, 116.0, 29.0) == pytest.approx(111195.08, abs=0.01)
