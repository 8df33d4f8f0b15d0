"""The Rocket.net response envelope, errors and list pagination.

Every ``/v1`` response except login uses the envelope
``{"success", "errors", "messages", "result"}``; lists add ``metadata`` with
``page``, ``page_size``, ``total``, ``sort`` and ``direction``. Errors use the same
envelope with ``success: false`` and repeat the message in ``result.msg``.
"""

import json

from werkzeug.wrappers import Response


class ApiError(Exception):
    """An error response: raise it from a handler and the app renders the envelope."""

    def __init__(self, status, message, headers=None, extra_messages=()):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}
        self.extra_messages = list(extra_messages)


def bad_request(message, *extra_messages):
    return ApiError(400, message, extra_messages=extra_messages)


def not_found(message):
    return ApiError(404, message)


def json_response(payload, status=200, headers=None):
    body = json.dumps(payload)
    return Response(body, status=status, headers=headers, content_type="application/json")


def envelope(result, metadata=None):
    payload = {"success": True, "errors": [], "messages": [], "result": result}
    if metadata is not None:
        payload["metadata"] = metadata
    return payload


def error_payload(message, extra_messages=()):
    messages = [message, *extra_messages]
    return {
        "success": False,
        "errors": messages,
        "messages": messages,
        "result": {"msg": message},
    }


def error_response(error):
    return json_response(
        error_payload(error.message, error.extra_messages),
        status=error.status,
        headers=error.headers,
    )


def parse_int(value, name, minimum=None, maximum=None):
    """Parse a query or path value as an integer, or raise a 400 that names it."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise bad_request(f"{name} must be an integer, got {value!r}") from None

    if minimum is not None and number < minimum:
        raise bad_request(f"{name} must be at least {minimum}, got {number}")

    if maximum is not None and number > maximum:
        raise bad_request(f"{name} must be at most {maximum}, got {number}")

    return number


def paginate(items, query, default_per_page, max_per_page=1000, sort_keys=None,
             default_sort=None, required=False):
    """Sort and slice ``items`` by the request's page/per_page/sort/direction.

    ``sort_keys`` maps each allowed ``sort`` value to a key function. ``required`` makes
    ``page`` and ``per_page`` mandatory, as the file manager list does. Returns
    ``(page_items, metadata)``.
    """
    for name in ("page", "per_page"):
        if required and name not in query:
            raise bad_request(f"{name} is required: pass it as a query parameter, for example {name}=1")

    page = parse_int(query.get("page", 1), "page", minimum=1)
    per_page = parse_int(query.get("per_page", default_per_page), "per_page", 1, max_per_page)

    direction = query.get("direction", "asc")
    if direction not in ("asc", "desc"):
        raise bad_request(f"direction must be 'asc' or 'desc', got {direction!r}")

    sort = query.get("sort", default_sort)
    ordered = list(items)
    if sort is not None and sort_keys is not None:
        if sort not in sort_keys:
            allowed = ", ".join(sorted(sort_keys))
            raise bad_request(f"sort must be one of {allowed}, got {sort!r}")
        ordered.sort(key=sort_keys[sort], reverse=direction == "desc")
    elif direction == "desc":
        ordered.reverse()

    start = (page - 1) * per_page
    metadata = {
        "page": page,
        "page_size": per_page,
        "total": len(ordered),
        "sort": sort or "",
        "direction": direction,
    }
    return ordered[start:start + per_page], metadata


def list_envelope(items, query, default_per_page, **options):
    page_items, metadata = paginate(items, query, default_per_page, **options)
    return envelope(page_items, metadata)


def require_fields(body, *names):
    """Raise a 400 listing every missing field of a JSON request body."""
    missing = [name for name in names if body.get(name) in (None, "")]
    if missing:
        joined = ", ".join(missing)
        raise bad_request(f"missing required field(s): {joined}")


def require_bool(body, name):
    value = body.get(name)
    if not isinstance(value, bool):
        raise bad_request(f"{name} must be true or false, got {value!r}")
    return value
