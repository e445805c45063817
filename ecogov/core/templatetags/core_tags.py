"""Small template helpers shared by every app."""

from decimal import Decimal

from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs) -> str:
    """The current query string with ``kwargs`` replaced (for paging and sorting links)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return query.urlencode()


@register.simple_tag
def history_url(obj) -> str:
    """URL of ``obj``'s history tab."""
    ct = ContentType.objects.get_for_model(type(obj))
    return reverse("core:history", args=[ct.pk, obj.pk])


@register.filter
def choice_label(value, choiceset) -> str:
    return choiceset.label(value)


@register.simple_tag
def cell(column, obj):
    """The value of an ``excel.Column`` for ``obj`` (the on-screen table = the export).

    Numbers are shown as people read them (14,000 rather than 14000.0); the
    export keeps the raw numbers.
    """
    return display_number(column.value(obj))


def display_number(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, Decimal):
        return f"{value:,f}" if value != value.to_integral_value() else f"{int(value):,}"
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10000 else value
    return value


@register.inclusion_tag("core/_related.html", takes_context=True)
def related_panels(context, obj):
    """Panels of links to ``obj`` from other apps (both sides of a cross-app link)."""
    from ecogov.core.selectors import related_panels as panels

    return {"panels": panels(context["request"].user, obj)}


@register.simple_tag(takes_context=True)
def workflow_steps(context, workflow, obj):
    """``{% workflow_steps WORKFLOW obj as steps %}``: the moves the signed-in user may make now."""
    return workflow.steps(obj, context["request"].user)
