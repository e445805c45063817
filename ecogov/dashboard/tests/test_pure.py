"""Rings, sectors, hexagons and clustering on values worked out by hand."""

import math

import pytest

from ecogov.core.geo import haversine_m
from ecogov.dashboard import cluster, hexbin, rings


def test_ring_edges_are_inclusive():
    radii = (1000, 2000, 3000)
    assert rings.ring_of(0, radii) == 0
    assert rings.ring_of(1000.0, radii) == 0          # exactly on the 1 km edge: inside the 1 km ring
    assert rings.ring_of(1000.0001, radii) == 1
    assert rings.ring_of(3000.0, radii) == 2
    assert rings.ring_of(3000.01, radii) is None


def test_radii_are_configurable_and_checked():
    assert rings.parse_radii(None) == (1000, 2000, 3000)
    assert rings.parse_radii("500, 1500") == (500.0, 1500.0)
    for bad in ("3000,1000", "0,1000", "a,b", "1,2,3,4,5,6", "20000"):
        with pytest.raises(rings.RadiiError):
            rings.parse_radii(bad)


@pytest.mark.parametrize("deg,sector", [(0, 0), (11.24, 0), (11.25, 1), (348.75, 0), (348.74, 15), (90, 4),
                                        (180, 8), (270, 12), (359.9, 0), (-22.5, 15)])
def test_sixteen_sectors_centred_on_north(deg, sector):
    # sector i covers [22.5 i - 11.25, 22.5 i + 11.25)
    assert rings.sector_of(deg) == sector


def test_upwind_is_the_sector_the_wind_blows_from():
    # a north wind (from 0 deg): sources north of the station (bearing 0..11.24 or 348.75..) are upwind
    assert rings.is_upwind(5, 0) and rings.is_upwind(350, 0)
    assert not rings.is_upwind(180, 0) and not rings.is_upwind(12, 0)
    assert not rings.is_upwind(5, None)


def test_sector_polygon_reaches_the_radius():
    poly = rings.sector_polygon(116.0, 28.0, 4, 3000)  # the east sector, 78.75..101.25 deg
    ring = poly["coordinates"][0]
    assert ring[0] == ring[-1] == [116.0, 28.0]
    for lon, lat in ring[1:-1]:
        assert haversine_m(116.0, 28.0, lon, lat) == pytest.approx(3000, abs=0.01)
    # the middle arc point is due east: same latitude to within the great circle's bend (< 1e-5 deg)
    mid = ring[1 + 4]
    assert mid[1] == pytest.approx(28.0, abs=1e-4) and mid[0] > 116.0


def test_hexagons_count_points_and_have_the_right_size():
    # three points within 10 m of each other fall in one 500 m hexagon; one 5 km away in another
    pts = [(116.0, 28.0), (116.00005, 28.0), (116.0, 28.00005), (116.05, 28.0)]
    cells = hexbin.density(pts, 500, lat0=28.0)
    assert sorted(c["count"] for c in cells) == [1, 3]
    # circumradius 500 m: each vertex is 500 m from the hexagon's centre, so opposite vertices 1000 m apart
    ring = cells[0]["geometry"]["coordinates"][0]
    assert len(ring) == 7 and ring[0] == ring[-1]
    assert haversine_m(*ring[0], *ring[3]) == pytest.approx(1000, rel=2e-3)


def test_cluster_aggregates_only_above_the_threshold():
    feats = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [116 + i * 1e-5, 28.0]},
              "properties": {"colour": "#f00"}} for i in range(10)]
    fc = {"type": "FeatureCollection", "features": feats}
    assert cluster.cluster(fc, 10, threshold=20) is fc
    out = cluster.cluster(fc, 10, threshold=5)
    # at zoom 10 one 60 px cell spans 60 * 360 / (256 * 1024) = 0.0824 deg: all ten points in one cell
    assert cluster.cell_deg(10) == pytest.approx(0.0823974609375)
    assert [f["properties"]["count"] for f in out["features"]] == [10]
    assert out["features"][0]["geometry"]["coordinates"][0] == pytest.approx(116.000045, abs=1e-6)
    assert cluster.cluster(fc, cluster.MAX_CLUSTER_ZOOM, threshold=5) is fc


def test_one_kilometre_north_by_hand():
    # the ring tests place sources at d metres north: d / R radians of latitude
    assert math.degrees(1000 / 6371008.8) == pytest.approx(0.0089932, abs=1e-7)


def test_a_known_point_lands_on_the_same_gcj02_tile_pixel_both_ways():
    from ecogov.dashboard import datum

    # (105 E, 35 N) in WGS-84 is (105.0032862 E, 34.9990986 N) in GCJ-02 (worked out by hand in
    # ecogov/inventory/tests/test_geometry.py). A Gaode-style tile draws that place at the pixel of its
    # GCJ-02 coordinates; the shifted overlay must land there, the unshifted one about 300 m off.
    point = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [105.0, 35.0]}, "properties": {}}]}
    shifted = datum.shift_collection(point)["features"][0]["geometry"]["coordinates"]
    for zoom in (12, 16, 18):
        tile_pixel = datum.pixel(105.0032862, 34.9990986, zoom)
        assert datum.pixel(*shifted, zoom) == tile_pixel
    # at zoom 18 the world is 256 * 2^18 = 67,108,864 pixels wide: 0.0032862 deg is 612.6 pixels
    assert datum.pixel(105.0032862, 35.0, 18)[0] - datum.pixel(105.0, 35.0, 18)[0] in (612, 613)
    line = {"type": "LineString", "coordinates": [[105.0, 35.0], [105.0, 35.0]]}
    assert datum.shift_geometry(line)["coordinates"][0] == shifted
