"""One filter definition per list (django-filter), shared by the list page, its
.xlsx export and the API (``selectors.CASES`` ... are the core ListPages)."""

from __future__ import annotations

import django_filters as df
from django.utils.translation import gettext_lazy as _

from ecogov.core.filters import YearFilter, search

from .choices import CaseStatus, Circumstance, TransferReceiver, TransferStatus
from .models import CaseTransfer, DiscretionRule, PenaltyCase, YellowCard


class CaseFilterSet(df.FilterSet):
    q = df.CharFilter(method=search("case_no", "supervised_object__name", "decision_no"), label=_("Search"))
    year = YearFilter(field_name="opened_date", label=_("Year"))
    status = df.ChoiceFilter(choices=CaseStatus.choices(), label=_("Status"))

    class Meta:
        model = PenaltyCase
        fields: list[str] = []


class YellowCardFilterSet(df.FilterSet):
    q = df.CharFilter(method=search("supervised_object__name", "reason", exact=("supervised_object__uscc",)),
                      label=_("Search"))
    year = YearFilter(field_name="issued_date", label=_("Year"))

    class Meta:
        model = YellowCard
        fields: list[str] = []


class TransferFilterSet(df.FilterSet):
    q = df.CharFilter(method=search("case__case_no", "case__supervised_object__name", "receiver_name"),
                      label=_("Search"))
    receiver = df.ChoiceFilter(choices=TransferReceiver.choices(), label=_("Receiver"))
    status = df.ChoiceFilter(choices=TransferStatus.choices(), label=_("Status"))

    class Meta:
        model = CaseTransfer
        fields: list[str] = []


class DiscretionFilterSet(df.FilterSet):
    q = df.CharFilter(method=search("code", "violation", "legal_basis"), label=_("Search"))
    circumstance = df.ChoiceFilter(choices=Circumstance.choices(), label=_("Circumstance"))

    class Meta:
        model = DiscretionRule
        fields: list[str] = []
