"""Demo hazardous waste and radioactive sources (示范市), of the seed's shape: 11 small-quantity
collection points serving 7,000 units, a year of collection records of which 95.4 % of the
tonnes went to handlers inside the city, and 18 disused radioactive sources of 7 holding units,
all sent to storage (100 %), beside the sources still in use. Deterministic (its own stream)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from .choices import SourceStatus, WasteRole
from .models import CollectionPoint, CollectionRecord, RadioactiveSource, WasteUnit

POINTS, UNITS_SERVED = 11, 7000
TOTAL_KG, OUTSIDE_KG = 2_000_000, 92_000  # 1,908 t of 2,000 t in the city: 95.4 %
IN_CITY_RECORDS, OUTSIDE_RECORDS, PRODUCERS = 200, 20, 40
STORED_PER_HOLDER = (4, 3, 3, 2, 2, 2, 2)  # 18 disused sources of 7 units
IN_USE = 30
CODES = ("HW08 900-249-08", "HW12 900-252-12", "HW49 900-041-49", "HW06 900-404-06", "HW17 336-064-17")
HOLDERS = ("示范钢铁集团有限公司", "示范市第一人民医院", "示范石化有限公司", "示范水泥有限公司",
           "示范无损检测有限公司", "示范造纸有限公司", "示范市中心医院")
NUCLIDES = (("Cs-137", "IV"), ("Co-60", "II"), ("Am-241", "IV"), ("Ir-192", "II"), ("Kr-85", "V"))


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` cut at ``parts - 1`` distinct random points: ``parts`` positive integers."""
    cuts = sorted(rng.sample(range(1, total), parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def _units(districts) -> tuple[list[WasteUnit], list[WasteUnit], list[WasteUnit]]:
    producers = [WasteUnit(name=f"{districts[i % len(districts)].name}产废单位{i + 1:02d}", role=WasteRole.PRODUCER,
                           jurisdiction=districts[i % len(districts)]) for i in range(PRODUCERS)]
    inside = [WasteUnit(name=f"示范市危险废物处置中心{i + 1}号", role=WasteRole.HANDLER, jurisdiction=districts[i],
                        licence_no=f"示危废经字{i + 1:03d}号") for i in range(4)]
    outside = [WasteUnit(name=f"邻市危险废物利用处置有限公司{i + 1}", role=WasteRole.HANDLER, in_city=False,
                         jurisdiction=districts[0], licence_no=f"外危废经字{i + 1:03d}号") for i in range(2)]
    WasteUnit.objects.bulk_create(producers + inside + outside)
    return producers, inside, outside


def _near(rng, district) -> tuple[float | None, float | None]:
    """A position near the district's centroid (none when the district has no centroid)."""
    if district.centroid_lon is None or district.centroid_lat is None:
        return None, None
    return (round(district.centroid_lon + rng.uniform(-0.02, 0.02), 6),
            round(district.centroid_lat + rng.uniform(-0.02, 0.02), 6))


def _points(rng, districts, operators) -> list[CollectionPoint]:
    served = _split(rng, UNITS_SERVED, POINTS)
    rows = []
    for i in range(POINTS):
        d = districts[i % len(districts)]
        lon, lat = _near(random.Random(182_000 + i), d)  # own stream: the records' draws stay as they were
        rows.append(CollectionPoint(code=f"SJD-{i + 1:02d}", name=f"{d.name}小微危废收集点{i + 1:02d}", jurisdiction=d,
                                    operator=operators[i % len(operators)], units_served=served[i],
                                    opened_on=dt.date(2024, 1 + i, 1), lon=lon, lat=lat))
    return CollectionPoint.objects.bulk_create(rows)


def _records(rng, year, producers, points, handlers, kgs, prefix) -> list[CollectionRecord]:
    return [CollectionRecord(manifest_no=f"{prefix}{year}{n + 1:05d}", producer=rng.choice(producers),
                             point=rng.choice(points) if rng.random() < 0.8 else None, handler=rng.choice(handlers),
                             waste_code=rng.choice(CODES), tonnes=Decimal(kg) / 1000,
                             collected_on=dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 300)))
            for n, kg in enumerate(kgs)]


def _sources(rng, ctx, districts) -> list[RadioactiveSource]:
    out = []
    for h, stored in enumerate(STORED_PER_HOLDER):
        holder, d = HOLDERS[h], districts[h % len(districts)]
        for k in range(stored):
            nuclide, cat = rng.choice(NUCLIDES)
            disused = ctx.today - dt.timedelta(days=rng.randint(120, 300))
            out.append(RadioactiveSource(
                code=f"0{h + 1}{k + 1:02d}CS{rng.randint(100000, 999999)}", holder=holder, jurisdiction=d,
                nuclide=nuclide, category=cat, status=SourceStatus.STORED, disused_on=disused,
                stored_on=disused + dt.timedelta(days=rng.randint(10, 60)), storage="省城市放射性废物库"))
    for k in range(IN_USE):
        nuclide, cat = rng.choice(NUCLIDES)
        out.append(RadioactiveSource(code=f"9{k + 1:03d}CS{rng.randint(100000, 999999)}",
                                     holder=f"示范市使用单位{k % 12 + 1:02d}", jurisdiction=districts[k % len(districts)],
                                     nuclide=nuclide, category=cat))
    return RadioactiveSource.objects.bulk_create(out)


def load(ctx) -> None:
    rng = random.Random(ctx.seed * 1000 + 182)
    districts = ctx.data["jurisdictions"]["district"]
    producers, inside, outside = _units(districts)
    points = _points(rng, districts, inside)
    year = ctx.today.year
    records = (_records(rng, year, producers, points, inside, _split(rng, TOTAL_KG - OUTSIDE_KG, IN_CITY_RECORDS), "LD")
               + _records(rng, year, producers, points, outside, _split(rng, OUTSIDE_KG, OUTSIDE_RECORDS), "LW"))
    CollectionRecord.objects.bulk_create(records, batch_size=500)
    sources = _sources(rng, ctx, districts)
    ctx.log(f"  hazardous waste: {POINTS} points serving {UNITS_SERVED} units, {len(records)} records; "
            f"radioactive sources: {len(sources)}")
