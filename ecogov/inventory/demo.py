"""Demo inventory (污染源清单): the sources around the demo city's national and provincial
stations and across the city, in the shape of seed 002 (49 construction sites under way in
the district of the 青云谱 station, with their dust-responsibility holders; roads from
mobile monitoring; bare land by class and cover; restaurants, filling stations, car-repair
and spray-painting shops, congested segments), each checked by patrols in the last weeks."""

from __future__ import annotations

import datetime as dt
import math

from ecogov.core.geo import geojson_contains

from . import geometry as geo
from .choices import BareClass, CheckOutcome, CoverState, DustLevel, SourceKind, SourceState
from .models import Source, SourceCheck

#: Sources per kind around each national/provincial station (inside about 3.5 km).
NEAR_STATION = {"road": 5, "bare_land": 3, "restaurant": 12, "filling_station": 2, "car_repair": 5,
                "congested_road": 2}
CONSTRUCTION_IN_DISTRICT = 49  # seed 002: 49 construction sites under way
CITY_WIDE = {"restaurant": 60, "car_repair": 30, "filling_station": 15, "bare_land": 10, "construction": 30}
NAMES = {
    "construction": "{}安置房项目", "road": "{}路", "bare_land": "{}地块", "restaurant": "{}餐馆",
    "filling_station": "{}加油站", "car_repair": "{}汽修厂", "congested_road": "{}路口",
}
PLACES = "洪都 青云 井冈 迎宾 象湖 抚河 昌南 岱山 京山 施尧 城南 桃花 广场 站前 朝阳 滨江".split()
HOLDERS = ["中建五局", "江西建工", "城建集团", "市政公用", "洪都建设", "昌南置业"]


def _point(ctx, lon, lat, radius_m) -> tuple[float, float]:
    r = radius_m * math.sqrt(ctx.rng.random())
    a = ctx.rng.uniform(0, 2 * math.pi)
    dlat = math.degrees(r * math.cos(a) / geo.EARTH_RADIUS_M)
    dlon = math.degrees(r * math.sin(a) / geo.EARTH_RADIUS_M) / math.cos(math.radians(lat))
    return round(lon + dlon, 6), round(lat + dlat, 6)


def _shape(ctx, kind: str, lon: float, lat: float) -> dict:
    if kind in ("road", "congested_road"):
        d = 0.004 if kind == "road" else 0.0015
        east = ctx.rng.random() < 0.5
        return {"type": "LineString", "coordinates": [[lon, lat], [lon + (d if east else 0), lat + (0 if east else d)]]}
    if kind == "bare_land":
        s = 0.0008
        return {"type": "Polygon", "coordinates": [[[lon, lat], [lon + s, lat], [lon + s, lat + s], [lon, lat + s]]]}
    return {"type": "Point", "coordinates": [lon, lat]}


def _attrs(ctx, kind: str) -> dict:
    rng = ctx.rng
    if kind == "construction":
        return {"holder": rng.choice(HOLDERS), "cover_state": rng.choice(CoverState.values())}
    if kind in ("road", "congested_road"):
        return {"dust_level": rng.choices(DustLevel.values(), weights=[6, 3, 1])[0]}
    if kind == "bare_land":
        return {"bare_class": rng.choice(BareClass.values()), "cover_state": rng.choice(CoverState.values())}
    if kind == "restaurant":
        return {"has_purifier": rng.random() < 0.85}
    return {}


class _Builder:
    def __init__(self, ctx):
        self.ctx, self.grids, self.sources = ctx, ctx.data["jurisdictions"]["grid"], []

    def grid_of(self, lon, lat):
        return next((g for g in self.grids if geojson_contains(g.boundary, lon, lat)), None)

    def add(self, kind: str, lon: float, lat: float) -> None:
        shape = geo.normalise(_shape(self.ctx, kind, lon, lat))
        grid = self.grid_of(lon, lat)
        if grid is None:
            return
        n = len(self.sources) + 1
        ax, ay = geo.anchor(shape)
        x0, y0, x1, y1 = geo.bbox(shape)
        self.sources.append(Source(
            code=f"WR{n:05d}", kind=kind, name=NAMES[kind].format(PLACES[n % len(PLACES)] + str(n)),
            jurisdiction=grid, geometry=shape, lon=ax, lat=ay, min_lon=x0, min_lat=y0, max_lon=x1, max_lat=y1,
            **_attrs(self.ctx, kind)))


def _checks(ctx, sources: list[Source]) -> list[SourceCheck]:
    out = []
    for s in sources:
        day = ctx.today - dt.timedelta(days=ctx.rng.randint(0, 45))
        bad = ctx.rng.random() < 0.12
        out.append(SourceCheck(source=s, date=day, outcome=CheckOutcome.PROBLEM if bad else CheckOutcome.OK,
                               findings="扬尘防治措施不到位，未落实六个百分百" if bad else ""))
        s.last_checked, s.state = day, SourceState.PROBLEM if bad else SourceState.ACTIVE
    return out


def load(ctx) -> None:
    b = _Builder(ctx)
    stations = [s for s in ctx.data.get("monitoring_stations", []) if s.kind in ("national", "provincial")]
    for st in stations:
        for kind, n in NEAR_STATION.items():
            for _ in range(n):
                b.add(kind, *_point(ctx, st.lon, st.lat, 3500))
    district = ctx.data["jurisdictions"]["district"][1]
    x0, y0, x1, y1 = geo.bbox(geo.normalise(district.boundary))
    for _ in range(CONSTRUCTION_IN_DISTRICT):
        b.add(SourceKind.CONSTRUCTION, round(ctx.rng.uniform(x0, x1), 6), round(ctx.rng.uniform(y0, y1), 6))
    city = ctx.data["jurisdictions"]["city"][0]
    cx0, cy0, cx1, cy1 = geo.bbox(geo.normalise(city.boundary))
    for kind, n in CITY_WIDE.items():
        for _ in range(n):
            b.add(kind, round(ctx.rng.uniform(cx0, cx1), 6), round(ctx.rng.uniform(cy0, cy1), 6))
    checks = _checks(ctx, b.sources)
    Source.objects.bulk_create(b.sources, batch_size=1000)
    SourceCheck.objects.bulk_create(checks, batch_size=1000)
    ctx.data["inventory_sources"] = b.sources
    ctx.log(f"  inventory: {len(b.sources)} sources, {len(checks)} patrol checks")
