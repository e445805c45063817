"""Rectification API under /api/rectification/: batches, the ledger (filters as on the
page), one item, creating an item, workflow moves, the summary of a batch, and the
direct closing of an inspection's item (销号)."""

from ninja import Query, Router
from ninja.pagination import paginate

from ecogov.core.api_utils import ERRORS, STAFF_AUTH, Pagination, get_for_user
from ecogov.core.errors import ValidationFailed
from ecogov.core.models import Jurisdiction

from . import selectors, services
from .schemas import (
    CloseIn,
    HandoverBatchOut,
    ItemDetailOut,
    ItemIn,
    ItemQuery,
    ItemTransitionIn,
    LedgerSummaryOut,
    RectificationItemOut,
)
from .workflow import WORKFLOW, item_transition

router = Router(auth=STAFF_AUTH, tags=["rectification"])


def _detail(item, user) -> dict:
    out = RectificationItemOut.from_orm(item).dict()
    out["milestones"] = list(item.milestones.values("title", "due", "share", "done_date"))
    out["children"] = list(selectors.items_for(user).filter(parent=item).values_list("pk", flat=True))
    out["allowed"] = WORKFLOW.allowed(item, user)
    return out


@router.get("/batches", response=list[HandoverBatchOut], summary="Batches of problems handed over (交办批次)")
@paginate(Pagination)
def list_batches(request):
    return selectors.batches_for(request.user)


@router.get("/items", response=list[RectificationItemOut],
            summary="Rectification items in your jurisdiction (filters: batch, unit, state, progress, overdue...)")
@paginate(Pagination)
def list_items(request, filters: Query[ItemQuery]):
    fs = selectors.item_filterset(request.user, {k: v for k, v in filters.dict().items() if v not in (None, "")})
    if fs.is_bound and not fs.is_valid():
        raise ValidationFailed("bad_filter", "筛选条件有误", "Invalid filter", detail={"errors": {k: [str(m) for m in v] for k, v in fs.errors.items()}})
    return fs.qs


@router.post("/items", response={201: ItemDetailOut, **ERRORS}, summary="Create a problem, or a task under a parent")
def create_item(request, payload: ItemIn):
    data = payload.dict(exclude={"batch", "parent", "jurisdiction", "milestones"})
    if payload.batch:
        data["batch"] = selectors.batch_get(user=request.user, code=payload.batch)
    parent = selectors.item_get(user=request.user, pk=payload.parent, action="change") if payload.parent else None
    if payload.jurisdiction:
        data["jurisdiction"] = get_for_user(Jurisdiction, request.user, code=payload.jurisdiction)
    item = services.item_create(data=data, actor=request.user, parent=parent,
                                milestones=[m.dict() for m in payload.milestones])
    return 201, _detail(item, request.user)


@router.get("/items/{int:pk}", response={200: ItemDetailOut, **ERRORS}, summary="One item with its milestones, tasks and allowed moves")
def get_item(request, pk: int):
    return _detail(selectors.item_get(user=request.user, pk=pk), request.user)


@router.post("/items/{int:pk}/transition", response={200: ItemDetailOut, **ERRORS},
             summary="Move an item in the workflow ({\"to\": STATE}); an illegal move answers 409 with the allowed moves")
def transition(request, pk: int, payload: ItemTransitionIn):
    item = selectors.item_get(user=request.user, pk=pk, action="change")
    data = {k: v for k, v in payload.dict(exclude={"to"}).items() if v not in ("", None)}
    return _detail(item_transition(item=item, to=payload.to, actor=request.user, data=data), request.user)


@router.get("/summary", response={200: LedgerSummaryOut, **ERRORS},
            summary="Received, closed, completion rate, behind schedule and overdue problems (of a batch)")
def summary(request, batch: str | None = None):
    b = selectors.batch_get(user=request.user, code=batch) if batch else None
    return selectors.summary(request.user, b)


@router.post("/items/{int:pk}/close", response={200: RectificationItemOut, **ERRORS}, summary="Close (销号) a rectified item")
def close_item(request, pk: int, payload: CloseIn):
    item = selectors.item_get(user=request.user, pk=pk, action="change")
    return services.rectification_close(item=item, closed_date=payload.closed_date, actor=request.user)
