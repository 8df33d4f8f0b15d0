"""Template filters for values the Rocket.net API reports in its own units."""

from django import template
from django.template.defaultfilters import filesizeformat

register = template.Library()


@register.filter
def kilobytes(value):
    """Format a size given in kilobytes (1024 bytes) the way filesizeformat formats bytes."""
    if value in (None, ""):
        return ""
    try:
        return filesizeformat(float(value) * 1024)
    except (TypeError, ValueError):
        return ""
