"""Third-party API under /api/thirdparty/: stations, test records (one record, or a whole
.xlsx/CSV file, all rows or none), fraud indicator hits, and a hit referred for a case;
hazardous-waste collection records (list, .xlsx import), the disposal-rate table and figures;
muck-truck violations and track imports."""

from ninja import File, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from ecogov.core.api_utils import ERRORS, STAFF_AUTH, Pagination
from ecogov.core.errors import ValidationFailed

from . import selectors, selectors_dust, selectors_waste, services, services_dust, services_waste
from .schemas import (
    CollectionOut,
    CollectionQuery,
    DismissIn,
    HitOut,
    HitQuery,
    ImportUpdatedOut,
    RateQuery,
    RateRowOut,
    RecordIn,
    RecordOut,
    RecordQuery,
    RecordsImportOut,
    ReferIn,
    StationOut,
    StationQuery,
    TruckViolationOut,
    TruckViolationQuery,
    WasteFiguresOut,
)

router = Router(auth=STAFF_AUTH, tags=["thirdparty"])


def _filtered(page, request, filters):
    fs = page.filter(request.user, {k: v for k, v in filters.dict().items() if v not in (None, "")})
    if fs.is_bound and not fs.is_valid():
        raise ValidationFailed("bad_filter", "筛选条件有误", "Invalid filter",
                               detail={"errors": {k: [str(m) for m in v] for k, v in fs.errors.items()}})
    return fs.qs


@router.get("/stations", response=list[StationOut], summary="Testing agencies and inspection stations (filters: q, kind)")
@paginate(Pagination)
def list_stations(request, filters: Query[StationQuery]):
    return _filtered(selectors.STATIONS, request, filters)


@router.get("/records", response=list[RecordOut], summary="Test records (filters: plate, station, method, result, start, end)")
@paginate(Pagination)
def list_records(request, filters: Query[RecordQuery]):
    return _filtered(selectors.RECORDS, request, filters)


@router.post("/records", response={201: RecordOut, **ERRORS}, summary="Upload one test record; the fraud indicators run on it")
def create_record(request, payload: RecordIn):
    return Status(201, services.record_create(actor=request.user, data=payload.dict()))


@router.post("/records/import", response={200: RecordsImportOut, **ERRORS}, summary="Upload a .xlsx or CSV of test records: every row or none (422 lists the bad rows)")
def import_records(request, file: File[UploadedFile]):
    result = services.records_import(actor=request.user, data=file.read(), filename=file.name or "")
    return {"created": result.created}


@router.get("/hits", response=list[HitOut], summary="Fraud indicator hits (filters: kind, status, station)")
@paginate(Pagination)
def list_hits(request, filters: Query[HitQuery]):
    return _filtered(selectors.HITS, request, filters)


@router.post("/hits/{int:pk}/refer", response={200: HitOut, **ERRORS}, summary="Open a penalty case from a hit (or record the referral)")
def refer_hit(request, pk: int, payload: ReferIn):
    hit = selectors.hit_get(user=request.user, pk=pk, action="change")
    return services.hit_refer(hit=hit, facts=payload.facts, actor=request.user)


@router.post("/hits/{int:pk}/dismiss", response={200: HitOut, **ERRORS}, summary="Dismiss a hit with a reason")
def dismiss_hit(request, pk: int, payload: DismissIn):
    hit = selectors.hit_get(user=request.user, pk=pk, action="change")
    return services.hit_dismiss(hit=hit, reason=payload.reason, actor=request.user)


@router.get("/waste/records", response=list[CollectionOut], summary="Hazardous-waste collection records (filters: year, point, in_city)")
@paginate(Pagination)
def list_collections(request, filters: Query[CollectionQuery]):
    return _filtered(selectors_waste.COLLECTIONS, request, filters)


@router.post("/waste/records/import", response={200: ImportUpdatedOut, **ERRORS}, summary="Upload a .xlsx of hazardous-waste collection records: every row or none (422 lists the bad rows); a known manifest number is updated")
def import_collections(request, file: File[UploadedFile]):
    result = services_waste.collections_import(actor=request.user, data=file.read())
    return {"created": result.created, "updated": result.updated}


@router.get("/waste/rates", response=list[RateRowOut], summary="In-city disposal rate per district of the producers, then the total (filter: year)")
def waste_rates(request, filters: Query[RateQuery]):
    return selectors_waste.disposal_table(request.user, year=filters.year)


@router.get("/waste/figures", response=WasteFiguresOut, summary="Collection points, in-city disposal rate and radioactive-source storage rate in your jurisdiction")
def waste_figures(request):
    w, s = selectors_waste.disposal_figures(request.user), selectors_waste.source_figures(request.user)
    return {"points": w["points"], "units_served": w["units_served"], "tonnes": w["tonnes"], "in_city": w["in_city"],
            "rate": w["rate"], "sources_disused": s["disused"], "sources_stored": s["stored"],
            "source_holders": s["holders"], "storage_rate": s["rate"]}


@router.get("/trucks/violations", response=list[TruckViolationOut], summary="Muck-truck violations (filters: kind, plate)")
@paginate(Pagination)
def list_truck_violations(request, filters: Query[TruckViolationQuery]):
    return _filtered(selectors_dust.TRUCK_VIOLATIONS, request, filters)


@router.post("/trucks/{int:pk}/track", response={200: RecordsImportOut, **ERRORS}, summary="Import a muck truck's GPS track (CSV: time, lon, lat, lid_closed; all fixes or none); returns the new violations")
def import_track(request, pk: int, file: File[UploadedFile]):
    truck = selectors_dust.truck_get(user=request.user, pk=pk, action="change")
    return {"created": services_dust.track_import(truck=truck, data=file.read(), actor=request.user)}
