"""Helpers for the categories that keep their records in ``extras`` and check request fields.

Each category stores its records under its own key in ``Site.extras`` or
``Account.extras``, so a state reset (which rebuilds accounts and sites) clears them too.
"""

import re
import uuid
from datetime import date, datetime, time, timezone

from .responses import ApiError, bad_request, not_found, parse_int

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
DURATIONS = {
    "30m": 30 * 60,
    "1h": 3600,
    "6h": 6 * 3600,
    "12h": 12 * 3600,
    "24h": 24 * 3600,
    "72h": 72 * 3600,
    "7d": 7 * 24 * 3600,
    "30d": 30 * 24 * 3600,
}


def stored(owner, key, factory=dict):
    """Return ``owner.extras[key]``, creating it with ``factory()`` on first use."""
    if key not in owner.extras:
        owner.extras[key] = factory()
    return owner.extras[key]


def text(body, name, required=True, max_length=255):
    """Return the stripped string field ``name`` of a JSON body, or raise a 400 naming it."""
    value = body.get(name)
    if value is None or value == "":
        if required:
            raise bad_request(f"{name} is required: pass it as a string in the JSON body")
        return None

    if not isinstance(value, str):
        raise bad_request(f"{name} must be a string, got {value!r}")

    value = value.strip()
    if required and not value:
        raise bad_request(f"{name} must not be blank")
    if len(value) > max_length:
        raise bad_request(f"{name} must be at most {max_length} characters, got {len(value)}")
    return value


def email(body, name="email", required=True):
    value = text(body, name, required=required)
    if value is not None and not EMAIL_PATTERN.match(value):
        raise bad_request(f"{name} must be an email address like name@example.com, got {value!r}")
    return value.lower() if value else value


def optional_bool(body, name, default=None):
    if name not in body:
        return default
    value = body[name]
    if not isinstance(value, bool):
        raise bad_request(f"{name} must be true or false, got {value!r}")
    return value


def query_bool(query, name, default=None):
    """Parse a boolean query parameter written as true/false/1/0, or raise a 400."""
    value = query.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in ("true", "1"):
        return True
    if lowered in ("false", "0"):
        return False
    raise bad_request(f"{name} must be true or false, got {value!r}")


def duration_seconds(query, required=True):
    """Return the seconds of the ``duration`` query parameter (30m ... 30d), or raise a 400."""
    value = query.get("duration")
    allowed = ", ".join(DURATIONS)
    if not value:
        if required:
            raise bad_request(f"duration is required: pass one of {allowed}")
        return None
    if value not in DURATIONS:
        raise bad_request(f"duration must be one of {allowed}, got {value!r}")
    return DURATIONS[value]


def record_by_int_id(records, raw_id, kind, missing_status=404):
    """Return ``records[int(raw_id)]`` or raise 400 (not a number) / ``missing_status`` (unknown)."""
    number = parse_int(raw_id, f"{kind} id", minimum=1)
    if number not in records:
        raise ApiError(missing_status, f"{kind} {number} not found")
    return records[number]


def record_by_uuid(records, raw_id, kind):
    """Return ``records[raw_id]`` for a UUID key or raise 400 (malformed) / 404 (unknown)."""
    try:
        key = str(uuid.UUID(raw_id))
    except ValueError:
        raise bad_request(f"{kind} id must be a UUID like 3f2b6c1e-8d1a-4c55-9f0e-2a7d4b6c8e10, got {raw_id!r}") from None
    if key not in records:
        raise not_found(f"{kind} {key} not found")
    return records[key]


def parse_instant(value, name, end_of_day=False):
    """Parse ``YYYY-MM-DD`` or an ISO 8601 timestamp into epoch seconds, or raise a 400.

    A bare date means its first second, or its last second with ``end_of_day``.
    """
    text_value = (value or "").strip()
    try:
        if len(text_value) == 10:
            day = date.fromisoformat(text_value)
            moment = datetime.combine(day, time.max if end_of_day else time.min, tzinfo=timezone.utc)
        else:
            moment = datetime.fromisoformat(text_value.replace("Z", "+00:00"))
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=timezone.utc)
    except ValueError:
        raise bad_request(f"{name} must be a date like 2024-05-21 or a timestamp like "
                          f"2024-05-21T12:00:00Z, got {value!r}") from None
    return moment.timestamp()


def list_query(query):
    """Return the query as a plain dict with ``direction`` lowercased.

    Several list operations document ``ASC`` and ``DESC`` beside ``asc`` and ``desc``.
    """
    plain = dict(query.items())
    if "direction" in plain:
        plain["direction"] = plain["direction"].lower()
    return plain
