"""One filter definition for the complaint list page, its export and the API."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecogov.core.models import Jurisdiction

from . import selectors
from .choices import Channel, ComplaintStatus
from .models import Complaint, ComplaintCategory

CLOCK_CHOICES = [("overdue", _("Overdue")), ("due_soon", _("Due soon"))]


class ComplaintFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    status = django_filters.ChoiceFilter(choices=ComplaintStatus.choices(), label=_("Status"))
    channel = django_filters.ChoiceFilter(choices=Channel.choices(), label=_("Channel"))
    category = django_filters.ModelChoiceFilter(queryset=ComplaintCategory.objects.all(), method="in_category",
                                                label=_("Category"))
    district = django_filters.ModelChoiceFilter(queryset=Jurisdiction.objects.filter(level="district"),
                                                method="in_district", label=_("District"))
    received_from = django_filters.DateFilter(field_name="received_at", lookup_expr="date__gte", label=_("From"))
    received_to = django_filters.DateFilter(field_name="received_at", lookup_expr="date__lte", label=_("To"))
    clock = django_filters.ChoiceFilter(choices=CLOCK_CHOICES, method="by_clock", label=_("Time limit"))

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if user is not None:
            self.filters["district"].queryset = Jurisdiction.objects.for_user(user).filter(level="district")

    class Meta:
        model = Complaint
        fields = ["q", "status", "channel", "category", "district", "received_from", "received_to", "clock"]

    def search(self, qs, name, value):
        value = value.strip()
        return qs.filter(Q(tracking_code__icontains=value) | Q(description__icontains=value)
                         | Q(address__icontains=value)) if value else qs

    def in_category(self, qs, name, value):
        return qs.filter(Q(category=value) | Q(category__parent=value)) if value else qs

    def in_district(self, qs, name, value):
        return qs.filter(jurisdiction__path__startswith=value.path) if value else qs

    def by_clock(self, qs, name, value):
        today = timezone.localdate()
        user = getattr(self.request, "user", None)
        ids = (selectors.overdue if value == "overdue" else selectors.due_soon)(user, today).values("pk")
        return qs.filter(pk__in=ids)
