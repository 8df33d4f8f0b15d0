"""Formatting shared by a report's HTML, text and PDF parts and the report pages, so all of them print the same values."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.template.defaultfilters import date as format_date
from django.utils import formats, numberformat, timezone


def local_datetime(value: dt.datetime | None, zone: ZoneInfo | str, format_name: str = "DATETIME_FORMAT") -> str:
    """Format an aware datetime as wall-clock time in `zone`, in the active language's format.

    Callers pass the schedule's zone explicitly, so the result does not depend on which time
    zone happens to be active, which is what let the PDF print UTC under a local label.
    """
    if value is None:
        return ""

    zone = ZoneInfo(zone) if isinstance(zone, str) else zone
    if timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    return format_date(value.astimezone(zone), format_name)


def grouped(value) -> str:
    """Format a count with the active language's thousands separator (482345 -> "482,345")."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    # Always groups of three: Django's zh-Hans format groups by four with no separator, and a comma every
    # four digits ("6,5627") reads as a typo, while mainland Chinese business text writes 65,627.
    return numberformat.format(
        value,
        formats.get_format("DECIMAL_SEPARATOR"),
        grouping=3,
        thousand_sep=formats.get_format("THOUSAND_SEPARATOR") or ",",
        force_grouping=True,
        use_l10n=True,
    )
