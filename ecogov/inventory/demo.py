"""Demo inventory (污染源清单): the sources around the demo city's national and provincial
stations and across the city, in the shape of seed 002 (49 construction sites under way in
the district of the 青云谱 station, with their dust-responsibility holders; roads from
mobile monitoring; bare land by class and cover; restaurants, filling stations, car-repair
and spray-painting shops, congested segments), each checked by patrols in the last weeks."""

from __future__ import annotations

import datetime as dt
import math

from ecogov.core.geo import geojson_contains

from . import demo_mobile
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
    "discharge_zone": "{}污水排放控制区", "outfall": "{}排污口",
}
FINDINGS = {
    "construction": "扬尘防治措施不到位，未落实六个百分百", "road": "路面积尘较重，未按时洒水保洁",
    "bare_land": "裸土未覆盖", "restaurant": "油烟净化器未正常运行", "filling_station": "油气回收装置异常",
    "car_repair": "露天喷漆作业", "congested_road": "拥堵时段尾气排放集中", "discharge_zone": "雨污混接未完成改造",
    "outfall": "排污口整治未完成，存在污水直排",
}
#: Seed 003: 739 sewage-discharge control zones on one map and 280 problem outfalls rectified.
DISCHARGE_ZONES = 739
OUTFALLS = 280
#: Outfalls whose rectification is still under way (the rest are done).
OUTFALLS_OPEN = 28
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
    if kind == "discharge_zone":
        s = 0.006
        return {"type": "Polygon", "coordinates": [[[lon, lat], [lon + s, lat], [lon + s, lat + s], [lon, lat + s]]]}
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
    outfalls = 0
    for s in sources:
        day = ctx.today - dt.timedelta(days=ctx.rng.randint(0, 45))
        if s.kind == "outfall":
            outfalls += 1
            bad = outfalls <= OUTFALLS_OPEN
        else:
            bad = ctx.rng.random() < 0.12
        findings = FINDINGS.get(s.kind, FINDINGS["construction"]) if bad else ""
        out.append(SourceCheck(source=s, date=day, outcome=CheckOutcome.PROBLEM if bad else CheckOutcome.OK,
                               findings=findings))
        s.last_checked, s.state = day, SourceState.PROBLEM if bad else SourceState.ACTIVE
    return out


def _water(ctx, b: _Builder) -> None:
    """739 control zones tiling the city (a 27 x 28 lattice, 739 cells kept) and 280 outfalls."""
    x0, y0, x1, y1 = geo.bbox(geo.normalise(ctx.data["jurisdictions"]["city"][0].boundary))
    cols, rows = 27, 28
    cells = [(i, j) for j in range(rows) for i in range(cols)][:DISCHARGE_ZONES]
    w, h = (x1 - x0) / cols, (y1 - y0) / rows
    for i, j in cells:
        b.add("discharge_zone", round(x0 + i * w + w * 0.1, 6), round(y0 + j * h + h * 0.1, 6))
    for _ in range(OUTFALLS):
        b.add("outfall", round(ctx.rng.uniform(x0, x1), 6), round(ctx.rng.uniform(y0, y1), 6))


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
    _water(ctx, b)
    checks = _checks(ctx, b.sources)
    Source.objects.bulk_create(b.sources, batch_size=1000)
    SourceCheck.objects.bulk_create(checks, batch_size=1000)
    ctx.data["inventory_sources"] = b.sources
    ctx.log(f"  inventory: {len(b.sources)} sources, {len(checks)} patrol checks")
    demo_mobile.load(ctx)
