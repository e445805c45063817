"""Inventory API under /api/inventory/: sources (filters as on the page), their patrol checks
and the sources near a point."""

from ninja import Query, Router, Status
from ninja.pagination import paginate

from ecogov.core.api_utils import ERRORS, STAFF_AUTH, Pagination
from ecogov.core.errors import ValidationFailed

from . import mobile, selectors, services
from . import selectors_mobile as mobile_selectors
from .schemas import (
    CheckQuery,
    MobileRunDetailOut,
    MobileRunIn,
    MobileRunOut,
    MobileRunQuery,
    NearOut,
    PatrolCheckIn,
    PatrolCheckOut,
    SourceIn,
    SourceOut,
    SourcePatch,
    SourceQuery,
)

router = Router(auth=STAFF_AUTH, tags=["inventory"])

#: The largest radius of a "near" query [m].
MAX_RADIUS_M = 10_000


def _filtered(page, request, filters):
    fs = page.filter(request.user, {k: v for k, v in filters.dict().items() if v not in (None, "")})
    if fs.is_bound and not fs.is_valid():
        raise ValidationFailed("bad_filter", "筛选条件有误", "Invalid filter",
                               detail={"errors": {k: [str(m) for m in v] for k, v in fs.errors.items()}})
    return fs.qs


@router.get("/sources", response=list[SourceOut], summary="Inventory sources in your jurisdiction (filters: q, kind, state, area, dust_level, cover_state, unchecked_since)")
@paginate(Pagination)
def list_sources(request, filters: Query[SourceQuery]):
    return _filtered(selectors.SOURCES, request, filters)


@router.post("/sources", response={201: SourceOut, **ERRORS}, summary="Add a source (GeoJSON or lon/lat, WGS-84 or GCJ-02)")
def create_source(request, payload: SourceIn):
    data = payload.dict()
    datum = data.pop("datum")
    return Status(201, services.source_create(data=data, actor=request.user, datum=datum))


@router.get("/sources/near", response={200: list[NearOut], **ERRORS}, summary="Sources within radius_m of a WGS-84 point, nearest first")
def near(request, lon: float, lat: float, radius_m: float = 3000, kind: str = ""):
    if not 0 < radius_m <= MAX_RADIUS_M:
        raise ValidationFailed("bad_radius", f"半径应在 0 到 {MAX_RADIUS_M} 米之间",
                               f"radius_m must be in (0, {MAX_RADIUS_M}]")
    kinds = [k for k in kind.split(",") if k] or None
    return selectors.sources_near(request.user, lon=lon, lat=lat, radius_m=radius_m, kinds=kinds)


@router.get("/sources/{int:pk}", response={200: SourceOut, **ERRORS}, summary="One source")
def get_source(request, pk: int):
    return selectors.source_get(user=request.user, pk=pk)


@router.patch("/sources/{int:pk}", response={200: SourceOut, **ERRORS}, summary="Change a source")
def patch_source(request, pk: int, payload: SourcePatch):
    source = selectors.source_get(user=request.user, pk=pk, action="change")
    data = payload.dict(exclude_unset=True)
    datum = data.pop("datum", "wgs84")
    return services.source_update(source=source, data=data, actor=request.user, datum=datum)


@router.post("/sources/{int:pk}/checks", response={201: PatrolCheckOut, **ERRORS}, summary="Record a patrol check of a source")
def add_check(request, pk: int, payload: PatrolCheckIn):
    source = selectors.source_get(user=request.user, pk=pk, action="change")
    return Status(201, services.check_record(source=source, actor=request.user, **payload.dict()))


@router.get("/checks", response=list[PatrolCheckOut], summary="Patrol checks in your jurisdiction (filters: q, outcome, kind, start, end)")
@paginate(Pagination)
def list_checks(request, filters: Query[CheckQuery]):
    return _filtered(selectors.CHECKS, request, filters)


def _run_detail(request, run, created: bool = True) -> dict:
    roads = list(mobile_selectors.run_roads(request.user, run))
    fields = {k: getattr(run, k) for k in MobileRunOut.model_fields}
    return {**fields, "created": created, "roads": roads}


@router.get("/mobile-runs", response=list[MobileRunOut], summary="Mobile-monitoring runs (走航) in your jurisdiction (filters: vehicle, start, end)")
@paginate(Pagination)
def list_runs(request, filters: Query[MobileRunQuery]):
    return _filtered(mobile_selectors.RUNS, request, filters)


@router.get("/mobile-runs/{int:pk}", response={200: MobileRunDetailOut, **ERRORS}, summary="A run with its roads: readings, mean PM10/PM2.5 and the dust level set")
def get_run(request, pk: int):
    return _run_detail(request, mobile_selectors.run_get(user=request.user, pk=pk))


@router.post("/mobile-runs", response={200: MobileRunDetailOut, 201: MobileRunDetailOut, **ERRORS}, summary="Import a run as JSON readings (all or nothing; the same readings again: 200, nothing changed)")
def post_run(request, payload: MobileRunIn):
    run, created = mobile.run_from_api(payload=payload.dict(), actor=request.user)
    return Status(201 if created else 200, _run_detail(request, run, created))
