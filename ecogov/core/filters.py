"""Filter pieces shared by the apps' FilterSets (django-filter), so that every list page,
its .xlsx export and its API endpoint read ``?year=``, ``?q=`` and bad values the same way."""

from __future__ import annotations

import django_filters as df
from django.db.models import Q

from .errors import ValidationFailed
from .models import Jurisdiction
from .params import year_param


class YearFilter(df.CharFilter):
    """``?year=`` on the date ``field_name``: a year 2000..2100; junk is a 422 naming ``year``."""

    def filter(self, qs, value):
        year = year_param(value)
        return qs.filter(**{f"{self.field_name}__year": year}) if year else qs


def search(*fields: str, exact: tuple[str, ...] = ()):
    """A filter method matching the text in any of ``fields`` (or exactly one of ``exact``)."""
    def method(queryset, name, value):
        value = (value or "").strip()
        if not value:
            return queryset
        match = Q()
        for field in fields:
            match |= Q(**{f"{field}__icontains": value})
        for field in exact:
            match |= Q(**{field: value})
        return queryset.filter(match)
    return method


def within(queryset, lookup: str, code: str):
    """Rows whose jurisdiction (through ``lookup``) lies inside the jurisdiction with ``code``: all rows
    for no code, none for an unknown one."""
    if not code:
        return queryset
    node = Jurisdiction.objects.filter(code=code).only("path").first()
    if node is None:
        return queryset.none()
    return queryset.filter(**{f"{lookup}__path__startswith": node.path})


def checked(fs):
    """``fs``, or (for the API) a 422 naming the filters whose values are invalid."""
    if fs.is_bound and not fs.is_valid():
        errors = {k: [str(m) for m in v] for k, v in fs.errors.items()}
        text = "; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items())
        raise ValidationFailed("bad_filter", f"筛选条件有误：{text}", f"Invalid filter: {text}",
                               detail={"errors": errors})
    return fs
