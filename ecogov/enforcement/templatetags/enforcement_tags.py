"""Template helpers of the enforcement pages: they ask the services, never decide themselves."""

from django import template

from ecogov.enforcement import services

register = template.Library()


@register.filter
def transfer_moves(transfer) -> list[tuple[str, str]]:
    """``{% for v, l in row|transfer_moves %}``: the statuses ``transfer`` may move to now."""
    return services.transfer_next_statuses(transfer)
