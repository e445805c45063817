"""Core API: who am I, and the jurisdictions in my scope."""

from __future__ import annotations

from ninja import Router
from ninja.pagination import paginate

from . import selectors
from .api_utils import STAFF_AUTH, Pagination
from .schemas import JurisdictionOut, MeOut

router = Router(auth=STAFF_AUTH, tags=["core"])


@router.get("/me", response=MeOut, summary="The signed-in user, role and jurisdiction")
def me(request):
    return request.user


@router.get("/jurisdictions", response=list[JurisdictionOut], summary="Jurisdictions in the user's scope")
@paginate(Pagination)
def jurisdictions(request, level: str | None = None):
    return selectors.jurisdictions_for(request.user, level).select_related("parent")
