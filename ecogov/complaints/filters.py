"""One filter definition per list (django-filter): the complaint list page, its export and the API
share ``ComplaintFilter``; the reward list ``RewardFilter``."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecogov.core.models import Jurisdiction

from . import deadlines
from .choices import ACCEPTANCE_PENDING, FINISH_RUNNING, Channel, ComplaintStatus, RewardStatus
from .models import Complaint, ComplaintCategory, Reward

CLOCK_CHOICES = [("overdue", _("Overdue")), ("due_soon", _("Due soon"))]


def overdue_q(today: dt.date) -> Q:
    """Past a due day: acceptance notice not given, or not finished in time."""
    return Q(status__in=ACCEPTANCE_PENDING, acceptance_due__lt=today) | Q(status__in=FINISH_RUNNING,
                                                                          finish_due__lt=today)


def due_until_q(today: dt.date, until: dt.date) -> Q:
    """A running clock whose due day lies in ``[today, until]``."""
    return (Q(status__in=ACCEPTANCE_PENDING, acceptance_due__gte=today, acceptance_due__lte=until)
            | Q(status__in=FINISH_RUNNING, finish_due__gte=today, finish_due__lte=until))


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
        if value == "overdue":
            return qs.filter(overdue_q(today))
        return qs.filter(due_until_q(today, deadlines.due_soon_until(today)))


class RewardFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    status = django_filters.ChoiceFilter(choices=RewardStatus.choices(), label=_("Status"))

    class Meta:
        model = Reward
        fields = ["q", "status"]

    def search(self, qs, name, value):
        value = value.strip()
        return qs.filter(Q(complaint__tracking_code__icontains=value) | Q(kind__name__icontains=value)) if value else qs
