"""Public pages (no login): the complaint form, the tracking page, the map's
boundaries and the duplicate hint."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ecogov.core.cache import public_page, static_stamp
from ecogov.core.errors import DomainError
from ecogov.core.models import Jurisdiction
from ecogov.core.params import id_param

from . import selectors, services
from .choices import Channel
from .forms import PublicComplaintForm, TrackForm
from .ratelimit import RateLimited, check_rate
from .routing import normalise_point, route_location


def _domain_error_to_form(form, exc: DomainError) -> None:
    detail = exc.detail if isinstance(exc.detail, dict) else {}
    field = detail.get("field")
    try:
        form.add_error(field if field in form.fields else None, exc.message)
    except ValidationError:
        form.add_error(None, exc.message)


@require_http_methods(["GET", "POST"])
def submit(request):
    """The public complaint form: category, description, map point or address, photos, named or anonymous."""
    form = PublicComplaintForm(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            check_rate(request, "submit")
            if form.is_valid():
                d = form.cleaned_data
                c = services.complaint_submit(
                    category=d["category"], description=d["description"], channel=Channel.WEB, lon=d.get("lon"),
                    lat=d.get("lat"), datum=d.get("datum") or "wgs84", address=d.get("address", ""),
                    anonymous=d.get("anonymous", False), reporter_name=d.get("reporter_name", ""),
                    reporter_phone=d.get("reporter_phone", ""), reporter_email=d.get("reporter_email", ""),
                    photos=request.FILES.getlist("photos"), actor=None,
                )
                request.session["complaints_last_code"] = c.tracking_code
                return redirect(reverse("portal:complaints_public:done", args=[c.tracking_code]))
            status = 422
        except RateLimited as exc:
            form.add_error(None, exc.message)
            status = 429
        except DomainError as exc:
            _domain_error_to_form(form, exc)
            status = 422
    return render(request, "complaints/public_submit.html", {"form": form}, status=status)


def done(request, code: str):
    """The confirmation page with the tracking code (shown only to the browser that filed it)."""
    if request.session.get("complaints_last_code") != code:
        return redirect("portal:complaints_public:track")
    c = selectors.get_by_tracking_code(code)
    similar = selectors.duplicate_candidates(category=c.category, lon=c.lon, lat=c.lat, at=c.received_at,
                                             exclude_pk=c.pk, jurisdiction=c.jurisdiction) if c else []
    return render(request, "complaints/public_done.html", {"code": code, "similar": len(similar)})


def track(request):
    """Status and handling result by tracking code; never any personal data."""
    if not request.GET:  # the blank form, the same for everyone: cached
        return public_page(request, "complaints:track", "complaints/public_track.html", static_stamp,
                           lambda: {"form": TrackForm(), "result": None})
    form = TrackForm(request.GET or None)
    result, status = None, 200
    if form.is_valid():
        try:
            check_rate(request, "track")
            c = selectors.get_by_tracking_code(form.cleaned_data["code"])
            if c is None:
                form.add_error("code", _("No complaint has this tracking code."))
                status = 404
            else:
                result = selectors.public_view(c)
        except RateLimited as exc:
            form.add_error(None, exc.message)
            status = 429
    return render(request, "complaints/public_track.html", {"form": form, "result": result}, status=status)


def boundaries(request):
    """District and street boundaries as a GeoJSON FeatureCollection for the map (no tile server)."""
    level = request.GET.get("level", "district")
    rows = Jurisdiction.objects.filter(level=level).exclude(boundary__isnull=True).only("code", "name", "boundary")
    features = [{"type": "Feature", "properties": {"code": j.code, "name": j.name},
                 "geometry": j.boundary.get("geometry", j.boundary) if isinstance(j.boundary, dict) else None}
                for j in rows]
    return JsonResponse({"type": "FeatureCollection", "features": features})


def duplicates(request):
    """Open complaints of the same category nearby (for the form's hint); no personal data."""
    cat = selectors.categories().filter(pk=id_param(request.GET.get("category"), "category") or 0).first()
    try:
        lon, lat = normalise_point(request.GET.get("lon"), request.GET.get("lat"), request.GET.get("datum", "wgs84"))
    except DomainError:
        lon = lat = None
    if cat is None or lon is None:
        return JsonResponse({"count": 0, "items": []})
    rows = selectors.duplicate_candidates(category=cat, lon=lon, lat=lat, jurisdiction=route_location(lon, lat))
    items = [{"tracking_code": c.tracking_code, "received": str(c.received_at.date()), "status": c.status_label,
              "distance_m": round(d)} for c, d in rows[:5]]
    return JsonResponse({"count": len(rows), "items": items})
