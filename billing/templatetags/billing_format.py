"""Template filters for billing pages: labels of the API's enum values and its dates."""

from django import template

from billing.labels import api_label
from billing.selectors import parse_day

register = template.Library()


@register.filter
def billing_label(value, kind):
    """Show an API enum value as its translated label, for example {{ row.status|billing_label:"invoice_status" }}."""
    return api_label(kind, value)


@register.filter
def api_day(value):
    """Return the day of an API date or timestamp ("2027-01-03" or "2027-01-03T02:00:00Z"), or None."""
    return parse_day(value) if value else None
