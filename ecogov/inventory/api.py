"""Inventory API under /api/inventory/: sources (filters as on the page), their patrol checks
and the sources near a point."""

from ninja import Query, Router, Status
from ninja.pagination import paginate

from ecogov.core.api_utils import ERRORS, STAFF_AUTH, Pagination
from ecogov.core.errors import ValidationFailed

from . import selectors, services
from .schemas import (
    CheckQuery,
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
