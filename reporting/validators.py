"""Validators for report schedule fields, shared by the model and the form."""

import functools
import re
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

MAX_RECIPIENTS = 20

_SEPARATORS = re.compile(r"[\s,;]+")


def parse_recipients(text: str) -> list[str]:
    """Split addresses separated by commas, semicolons, spaces or new lines, keeping order and dropping repeats."""
    addresses = []
    for part in _SEPARATORS.split(text or ""):
        address = part.strip()
        if address and address.lower() not in {a.lower() for a in addresses}:
            addresses.append(address)
    return addresses


def validate_recipients(value) -> None:
    """Check that `value` is a non-empty list of at most MAX_RECIPIENTS valid email addresses."""
    if not isinstance(value, list) or not value:
        raise ValidationError(
            _("Enter at least one recipient email address."),
            code="recipients_missing",
        )
    validate_external_recipients(value)


def validate_external_recipients(value) -> None:
    """Check that `value` is a list, possibly empty, of at most MAX_RECIPIENTS valid email addresses."""
    if not isinstance(value, list):
        raise ValidationError(_("Recipients must be a list of email addresses."), code="recipients_invalid")

    if len(value) > MAX_RECIPIENTS:
        raise ValidationError(
            _("There are %(count)s recipients, more than the maximum of %(maximum)s. Remove some addresses."),
            code="recipients_too_many",
            params={"count": len(value), "maximum": MAX_RECIPIENTS},
        )

    for address in value:
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError(
                _("“%(address)s” is not a valid email address. Correct it or remove it from the recipients."),
                code="recipient_invalid",
                params={"address": address},
            ) from None


@functools.cache
def timezone_names() -> frozenset[str]:
    """Return the IANA time zone names installed for zoneinfo (scanning them is slow, so the set is cached)."""
    return frozenset(zoneinfo.available_timezones())


def validate_timezone(value: str) -> None:
    """Check that `value` is an IANA time zone name that zoneinfo can load."""
    if value not in timezone_names():
        raise ValidationError(
            _("“%(zone)s” is not a known time zone. Use an IANA name such as Europe/Berlin or Asia/Shanghai."),
            code="timezone_invalid",
            params={"zone": value},
        )


ACCENT_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


def validate_accent_colour(value: str) -> None:
    if not ACCENT_COLOUR.fullmatch(value or ""):
        raise ValidationError(
            _("“%(value)s” is not a colour in the form #RRGGBB, such as #0d6efd."),
            code="accent_invalid",
            params={"value": value},
        )


def validate_https_url(value: str) -> None:
    """Check that a logo URL uses https, so the email never loads a logo over plain HTTP."""
    if value and not value.lower().startswith("https://"):
        raise ValidationError(
            _("The logo URL must start with https://."),
            code="logo_url_not_https",
        )


def validate_site_ids(value) -> None:
    if not isinstance(value, list) or not all(isinstance(item, int) and not isinstance(item, bool) and item > 0
                                              for item in value):
        raise ValidationError(_("Sites must be a list of Rocket.net site IDs."), code="site_ids_invalid")
