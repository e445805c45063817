"""Rectification API under /api/rectification/: the ledger (filters as on the
page) and the closing of an item (销号)."""

from ninja import Query, Router
from ninja.pagination import paginate

from ecogov.core.api_utils import ERRORS, STAFF_AUTH, Pagination
from ecogov.core.errors import ValidationFailed

from . import selectors, services
from .schemas import CloseIn, ItemQuery, RectificationItemOut

router = Router(auth=STAFF_AUTH, tags=["rectification"])


@router.get("/items", response=list[RectificationItemOut], summary="Rectification items in your jurisdiction (filters: q, status, inspection)")
@paginate(Pagination)
def list_items(request, filters: Query[ItemQuery]):
    fs = selectors.item_filterset(request.user, {k: v for k, v in filters.dict().items() if v not in (None, "")})
    if fs.is_bound and not fs.is_valid():
        raise ValidationFailed("bad_filter", "筛选条件有误", "Invalid filter", detail={"errors": {k: [str(m) for m in v] for k, v in fs.errors.items()}})
    return fs.qs


@router.post("/items/{int:pk}/close", response={200: RectificationItemOut, **ERRORS}, summary="Close (销号) a rectified item")
def close_item(request, pk: int, payload: CloseIn):
    item = selectors.item_get(user=request.user, pk=pk, action="change")
    return services.rectification_close(item=item, closed_date=payload.closed_date, actor=request.user)
