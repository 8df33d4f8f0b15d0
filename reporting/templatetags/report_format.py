"""Template filters for report times and counts; they call reporting.formatting, like the PDF does."""

from django import template

from reporting import formatting

register = template.Library()


@register.filter
def report_time(value, zone):
    """Usage: {{ report.period_start|report_time:schedule.zone }}."""
    return formatting.local_datetime(value, zone)


@register.filter
def grouped(value):
    """Usage: {{ row.visitors|grouped }}."""
    return formatting.grouped(value)
