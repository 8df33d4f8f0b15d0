"""Recipient and time zone validation, with messages that name the bad value."""

import smtplib

import pytest
from django.core.exceptions import ValidationError

from reporting.services import is_transient_smtp_error
from reporting.validators import MAX_RECIPIENTS, parse_recipients, validate_recipients, validate_timezone


def messages_of(error):
    return " ".join(error.value.messages)


def test_parse_recipients_separators():
    text = "a@example.com, b@example.com;c@example.com\n\nd@example.com  A@example.com"

    assert parse_recipients(text) == ["a@example.com", "b@example.com", "c@example.com", "d@example.com"]


def test_validate_recipients_names_bad_address():
    with pytest.raises(ValidationError) as error:
        validate_recipients(["ok@example.com", "broken@", "also-ok@example.com"])

    assert "“broken@”" in messages_of(error)
    assert error.value.code == "recipient_invalid"


def test_validate_recipients_empty():
    with pytest.raises(ValidationError) as error:
        validate_recipients([])

    assert error.value.code == "recipients_missing"


def test_validate_recipients_too_many():
    addresses = [f"user{number}@example.com" for number in range(MAX_RECIPIENTS + 1)]

    with pytest.raises(ValidationError) as error:
        validate_recipients(addresses)

    assert str(MAX_RECIPIENTS + 1) in messages_of(error)


def test_validate_recipients_accepts_valid():
    validate_recipients(["one@example.com", "two@example.org"])


def test_validate_timezone_names_bad_zone():
    with pytest.raises(ValidationError) as error:
        validate_timezone("Europe/Berln")

    assert "“Europe/Berln”" in messages_of(error)
    assert "Europe/Berlin" in messages_of(error)


@pytest.mark.parametrize("zone", ["UTC", "Europe/Berlin", "America/New_York", "Asia/Shanghai"])
def test_validate_timezone_accepts_iana(zone):
    validate_timezone(zone)


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (smtplib.SMTPResponseException(421, b"try later"), True),
        (smtplib.SMTPResponseException(451, b"local error"), True),
        (smtplib.SMTPResponseException(550, b"mailbox unavailable"), False),
        (smtplib.SMTPServerDisconnected("lost"), True),
        (smtplib.SMTPRecipientsRefused({"x@example.com": (550, b"no")}), False),
        (ConnectionRefusedError(111, "refused"), True),
        (TimeoutError("timed out"), True),
        (ValueError("bug"), False),
    ],
)
def test_is_transient_smtp_error(error, transient):
    assert is_transient_smtp_error(error) is transient
