"""Open-day reads: places left, the staff list (one ``ListPage``: page, export
and filters) with registered and attended counts, the yearly counts (open days
held, visitors), the public list, the registrations as the user may see them,
and the home cards."""

from __future__ import annotations

from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecogov.complaints.crypto import may_see_personal_data
from ecogov.core.pages import ListPage
from ecogov.core.privacy import mask_name, mask_phone

from .filters import OpenDayFilter
from .models import Facility, OpenDayEvent, OpenDayRegistration
from .tables import COLUMNS


def places_left(event: OpenDayEvent) -> int:
    taken = event.registrations.aggregate(n=Sum("party_size"))["n"] or 0
    return max(0, event.capacity - taken)


def events_for(user):
    """Open days in ``user``'s scope."""
    return OpenDayEvent.objects.for_user(user)


def events_counted(user):
    """Open days in ``user``'s scope, newest first, with the people registered and attended."""
    return events_for(user).select_related("facility").annotate(
        registered=Sum("registrations__party_size"), came=Sum("registrations__attended")).order_by("-date", "-pk")


OPEN_DAYS = ListPage(
    filterset=OpenDayFilter, columns=COLUMNS, queryset=events_counted,
    title=gettext_lazy("Environmental facility open days"), filename="open-days", link="outreach:openday_detail",
    template="outreach/openday_list.html", page_size=50, dated=True,
)


def event_list(user, *, year: int, q: str = ""):
    """The staff list of ``year`` (the list page's filters)."""
    return OPEN_DAYS.filter(user, {"year": year, "q": q}).qs


def yearly_counts(events_qs, year: int) -> dict:
    """Open days held in ``year`` (distinct days with an event held) and visitors (people who came)."""
    held = events_qs.filter(date__year=year, held=True)
    visitors = OpenDayRegistration.objects.filter(event__in=held).aggregate(n=Sum("attended"))["n"] or 0
    return {"year": year, "events": held.count(), "open_days": held.values("date").distinct().count(),
            "visitors": visitors}


def may_reveal(user) -> bool:
    """The explicit permission to see registrants in full (the same roles as for complaint reporters)."""
    return may_see_personal_data(user)


def registrations_view(event: OpenDayEvent, user, *, revealed: bool = False) -> list[dict]:
    """The registrations of ``event``, masked (张* 138****5678); in full only right after an audited
    reveal (``services.registrations_reveal``) by a role with the permission."""
    full = revealed and may_reveal(user)
    return [{"reg": r, "name": r.name if full else mask_name(r.name), "phone": r.phone if full else mask_phone(r.phone)}
            for r in event.registrations.all()]


def facilities_for(user):
    return Facility.objects.for_user(user)


def public_upcoming(limit: int = 50) -> list[tuple[OpenDayEvent, int]]:
    """Open days from today still open for registration, soonest first, with the places left."""
    events = OpenDayEvent.objects.for_user(None).select_related("facility").filter(
        date__gte=timezone.localdate(), registration_open=True).order_by("date")[:limit]
    return [(e, places_left(e)) for e in events]


def public_event(pk: int) -> OpenDayEvent | None:
    return OpenDayEvent.objects.for_user(None).select_related("facility").filter(pk=pk).first()


def home_cards(user) -> list[dict]:
    """For ``core.contrib.home_cards``: this year's open days held and their visitors, in ``user``'s scope."""
    scope = events_for(user)
    if not scope.exists() and not user.is_superuser:
        return []
    counts = yearly_counts(scope, timezone.localdate().year)
    return [{"label": _("Open days held this year"), "value": counts["open_days"],
             "url": reverse("outreach:openday_list"),
             "note": _("%(visitors)s visitors") % {"visitors": counts["visitors"]}}]
