"""Benchmark of the one map at city scale (``make bench``; not a test).

20,000 inventory sources (85 % points, 10 % road lines, 5 % bare-land polygons) spread over the
demo city's box and 2,000 air stations with one hour of readings and wind. Measured:

1. the city view: every inventory layer and the station layer as the map asks for them at
   zoom 11 over the whole city (server time, JSON payload), against the naive peer of shipping
   every feature whole;
2. a ring query: the 1/2/3 km rings of one national station in the densest part of the city
   (server time, rows).

Targets: city view <= 2 s and <= 1.5 MB; ring query (about 4,000 sources inside 3 km) <= 1.5 s. The data is built once into its
own folder (``var/bench-map``, not timed). Usage: ``python benchmarks/bench_map.py [--sources N]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("ECOGOV_VAR_DIR", str(ROOT / "var" / "bench-map"))
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecogov.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from ecogov.core import contrib  # noqa: E402
from ecogov.core.demo import CITY_BBOX, build_jurisdictions  # noqa: E402
from ecogov.core.geo import geojson_contains  # noqa: E402
from ecogov.core.models import Jurisdiction, User  # noqa: E402
from ecogov.dashboard import selectors  # noqa: E402
from ecogov.inventory import geometry as geo  # noqa: E402
from ecogov.inventory.choices import SourceKind  # noqa: E402
from ecogov.inventory.models import Source  # noqa: E402
from ecogov.monitoring.models import Reading, Station, WindReading  # noqa: E402

TARGET_VIEW_S, TARGET_VIEW_MB, TARGET_RING_S = 2.0, 1.5, 1.5
CENTRE = (115.90, 28.70)  # the densest part of the city (half the sources within 5 km)


def _shape(rng: random.Random, lon: float, lat: float) -> tuple[str, dict]:
    roll = rng.random()
    if roll < 0.10:
        return "road", {"type": "LineString", "coordinates": [[lon, lat], [lon + 0.003, lat + 0.001]]}
    if roll < 0.15:
        s = 0.0006
        return "bare_land", {"type": "Polygon", "coordinates": [[[lon, lat], [lon + s, lat], [lon + s, lat + s],
                                                                  [lon, lat + s], [lon, lat]]]}
    kind = rng.choice(["construction", "restaurant", "restaurant", "filling_station", "car_repair", "congested_road"])
    if kind == "congested_road":
        return kind, {"type": "LineString", "coordinates": [[lon, lat], [lon + 0.001, lat]]}
    return kind, {"type": "Point", "coordinates": [lon, lat]}


def _position(rng: random.Random) -> tuple[float, float]:
    x0, y0, x1, y1 = CITY_BBOX
    if rng.random() < 0.5:
        return round(CENTRE[0] + rng.gauss(0, 0.03), 6), round(CENTRE[1] + rng.gauss(0, 0.03), 6)
    return round(rng.uniform(x0, x1), 6), round(rng.uniform(y0, y1), 6)


def build(n_sources: int, n_stations: int) -> None:
    call_command("migrate", verbosity=0)
    if Source.objects.count() == n_sources and Station.objects.count() == n_stations:
        return
    print("building the city once (not timed) ...", flush=True)
    Source.objects.all().delete()
    Station.objects.all().delete()
    if not Jurisdiction.objects.exists():
        build_jurisdictions()
    if not User.objects.filter(username="bench").exists():
        User.objects.create(username="bench", role="admin", is_superuser=True,
                            jurisdiction=Jurisdiction.objects.get(level="city"))
    grids = list(Jurisdiction.objects.filter(level="grid"))
    rng = random.Random(20261202)
    rows = []
    for i in range(n_sources):
        lon, lat = _position(rng)
        kind, shape = _shape(rng, lon, lat)
        grid = next((g for g in grids if geojson_contains(g.boundary, lon, lat)), grids[0])
        x0, y0, x1, y1 = geo.bbox(shape)
        ax, ay = geo.anchor(shape)
        rows.append(Source(code=f"B{i:06d}", kind=kind, name=f"源{i}", jurisdiction=grid, geometry=shape, lon=ax,
                           lat=ay, min_lon=x0, min_lat=y0, max_lon=x1, max_lat=y1))
    Source.objects.bulk_create(rows, batch_size=2000)
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    stations = [Station(code="BN0001", name="国控站", kind="national", lon=CENTRE[0], lat=CENTRE[1])]
    stations += [Station(code=f"BM{i:05d}", name=f"微站{i}", kind="micro", lon=_position(rng)[0],
                         lat=_position(rng)[1]) for i in range(n_stations - 1)]
    Station.objects.bulk_create(stations, batch_size=2000)
    now = timezone.now()
    readings, winds = [], []
    for st in Station.objects.all():
        readings.append(Reading(station=st, time=hour, so2=8, no2=30, co=0.6, o3=60, pm10=50,
                                pm25=rng.uniform(10, 120), source="bench", ingested=now))
        winds.append(WindReading(station=st, time=hour, direction=rng.uniform(0, 360), speed=2.0, source="bench",
                                 ingested=now))
    Reading.objects.bulk_create(readings, batch_size=2000)
    WindReading.objects.bulk_create(winds, batch_size=2000)


def city_view(user, *, zoom: int, whole: bool) -> tuple[float, int, int, int]:
    x0, y0, x1, y1 = CITY_BBOX
    params = {"zoom": str(99 if whole else zoom), "bbox": f"{x0},{y0},{x1},{y1}"}
    keys = [f"inventory-{k}" for k in SourceKind.values()] + ["monitoring-stations"]
    t = time.perf_counter()
    size = features = zipped = 0
    bodies = []
    for key in keys:
        data = selectors.layer_collection(user, key, params)
        bodies.append(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode())
        size += len(bodies[-1])
        features += len(data["features"])
    elapsed = time.perf_counter() - t
    for body in bodies:  # what the layer views send to a browser that accepts gzip (not timed)
        zipped += len(gzip.compress(body, 6))
    return elapsed, size, features, zipped


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", type=int, default=20_000)
    parser.add_argument("--stations", type=int, default=2_000)
    args = parser.parse_args()
    build(args.sources, args.stations)
    user = User.objects.get(username="bench")
    assert contrib.map_layers.get("inventory-restaurant") is not None
    city_view(user, zoom=11, whole=False)  # warm the caches of Django and the database
    view_s, view_bytes, view_n, view_gz = city_view(user, zoom=11, whole=False)
    peer_s, peer_bytes, peer_n, peer_gz = city_view(user, zoom=11, whole=True)
    station = Station.objects.get(code="BN0001")
    selectors.station_rings(user, station.pk)
    t = time.perf_counter()
    data = selectors.station_rings(user, station.pk)
    ring_s = time.perf_counter() - t
    print(f"{args.sources:,} sources, {args.stations:,} stations, as of {dt.datetime.now():%Y-%m-%d %H:%M}")
    print(f"city view (zoom 11, aggregated): {view_s * 1000:.0f} ms, {view_bytes / 1e6:.2f} MB, {view_n:,} features, "
          f"{view_gz / 1e3:.0f} kB gzipped")
    print(f"peer (every feature whole):      {peer_s * 1000:.0f} ms, {peer_bytes / 1e6:.2f} MB, {peer_n:,} features, "
          f"{peer_gz / 1e3:.0f} kB gzipped")
    print(f"ratio: payload {peer_bytes / view_bytes:.1f}x smaller, server time {peer_s / view_s:.1f}x")
    print(f"ring query (1/2/3 km, {len(data['rows']):,} sources inside): {ring_s * 1000:.0f} ms")
    ok = view_s <= TARGET_VIEW_S and view_bytes / 1e6 <= TARGET_VIEW_MB and ring_s <= TARGET_RING_S
    print(f"targets: city view <= {TARGET_VIEW_S} s and <= {TARGET_VIEW_MB} MB, ring <= {TARGET_RING_S} s: "
          f"{'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
