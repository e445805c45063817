"""Demo dust responsibility and muck trucks (示范市): the 49 construction sites under way in one
district (seed 002; the inventory's sites) each with a responsibility letter and an assigned
inspector, monthly checklist inspections, three joint reviews (one orders a stop), and 20 sealed,
GPS-tracked muck trucks with a night's track each (three leave their route, two drive unsealed).
Runs after the inventory's loader; without its sites only the trucks are made."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from ecogov.core import clock
from ecogov.core.models import User

from . import muck
from .models_dust import (
    DustInspection,
    DustResponsibility,
    JointReview,
    MuckTruck,
    TruckTrack,
    TruckViolation,
)
from .services_dust import CHECKLIST, RECTIFY_WORKING_DAYS

TRUCKS, OFF_ROUTE, UNSEALED = 20, 3, 2
SITES = 49  # seed 002: 49 construction sites under way in one district
REVIEWS = (("rectify", "围挡破损、裸土未覆盖，限期整改"), ("stop", "多次检查未落实六个百分百，停工整改"),
           ("continue", "整改到位，同意继续施工"))


def _sites(ctx) -> list:
    district = ctx.data["jurisdictions"]["district"][1]
    in_district = [s for s in ctx.data.get("inventory_sources", [])
                   if s.kind == "construction" and s.jurisdiction.path.startswith(district.path)]
    return in_district[:SITES]  # the inventory's district sites come first; city-wide ones may follow


def _duties(ctx, rng, sites) -> list[DustResponsibility]:
    district = ctx.data["jurisdictions"]["district"][1]
    inspectors = list(User.objects.filter(role__in=("street", "district"), jurisdiction__path__startswith=district.path)
                      .order_by("username")) or [None]
    return DustResponsibility.objects.bulk_create([
        DustResponsibility(site=s, letter_no=f"扬尘责〔{ctx.today.year}〕{n + 1:03d}号",
                           signed_on=dt.date(ctx.today.year, 1, 10) + dt.timedelta(days=rng.randint(0, 60)),
                           responsible_person=s.holder or "项目经理", inspector=inspectors[n % len(inspectors)])
        for n, s in enumerate(sites)])


def _inspections(ctx, rng, duties) -> list[DustInspection]:
    out = []
    for d in duties:
        for month in range(max(1, ctx.today.month - 3), ctx.today.month):
            items = {k: rng.random() > 0.08 for k in CHECKLIST}
            out.append(DustInspection(duty=d, date=dt.date(ctx.today.year, month, rng.randint(1, 27)),
                                      inspector=d.inspector, items=items, failed=sum(not v for v in items.values())))
    return DustInspection.objects.bulk_create(out)


def _reviews(ctx, duties) -> None:
    held = ctx.today - dt.timedelta(days=20)
    JointReview.objects.bulk_create([
        JointReview(duty=duties[i], held_on=held, decision=decision, reasons=reasons,
                    due=clock.add_working_days(held, RECTIFY_WORKING_DAYS[decision])
                    if decision in RECTIFY_WORKING_DAYS else None)
        for i, (decision, reasons) in enumerate(REVIEWS)])


def _trucks(ctx, rng) -> None:
    city = ctx.data["jurisdictions"]["city"][0]
    lon0, lat0 = city.centroid_lon or 115.9, city.centroid_lat or 28.7
    trucks = MuckTruck.objects.bulk_create([
        MuckTruck(plate=f"示G{n + 1:04d}渣", company=f"示范市渣土运输公司{n % 4 + 1}", jurisdiction=city,
                  gps_device=f"GPS{rng.randint(10**7, 10**8 - 1)}",
                  route=[[round(lon0 + 0.002 * n, 6), round(lat0, 6)], [round(lon0 + 0.002 * n, 6), round(lat0 + 0.05, 6)]])
        for n in range(TRUCKS)])
    tz, night = timezone.get_current_timezone(), ctx.today - dt.timedelta(days=2)
    violations, tracks = [], []
    for n, t in enumerate(trucks):
        (x, y0), _ = t.route
        fixes = []
        for k in range(26):
            off = 0.01 if n < OFF_ROUTE and 10 <= k < 14 else 0.0  # ~0.98 km east of the route for 4 fixes
            closed = not (OFF_ROUTE <= n < OFF_ROUTE + UNSEALED and 5 <= k < 8)
            fixes.append(muck.Fix(dt.datetime.combine(night, dt.time(22, k), tzinfo=tz), x + off, y0 + 0.002 * k, closed))
        found = muck.unsealed(fixes) + muck.off_route(fixes, t.route, t.corridor_m)
        violations += [TruckViolation(truck=t, kind=v.kind, at=v.at, lon=v.lon, lat=v.lat, detail=v.detail) for v in found]
        tracks.append(TruckTrack(truck=t, started_at=fixes[0].at, ended_at=fixes[-1].at, fixes=len(fixes),
                                 points=[[round(f.lon, 6), round(f.lat, 6)] for f in fixes]))
    TruckViolation.objects.bulk_create(violations)
    TruckTrack.objects.bulk_create(tracks)


def load(ctx) -> None:
    rng = random.Random(ctx.seed * 1000 + 183)
    sites = _sites(ctx)
    duties = _duties(ctx, rng, sites) if sites else []
    if duties:
        _inspections(ctx, rng, duties)
        _reviews(ctx, duties)
    _trucks(ctx, rng)
    ctx.log(f"  dust responsibility: {len(duties)} sites; muck trucks: {TRUCKS}")
