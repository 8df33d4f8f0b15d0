"""Reading the API's response envelope and turning error responses into typed errors.

Normal responses look like {"success", "errors", "messages", "result", "metadata"}. Three shapes
differ: login returns a bare {"token": ...}, a few lists (custom SSL) return a bare [] and several
reporting endpoints return a GraphQL-like {"data": {"viewer": ...}} with no `result`.
"""

from __future__ import annotations

import email.utils
import logging
import re
import time
from dataclasses import dataclass, field
from typing import Any

import requests

from rocketnet import errors

logger = logging.getLogger(__name__)

MAX_TEXT_LENGTH = 300

LOCKED_PATTERN = re.compile(r"\block(ed)?\b", re.IGNORECASE)
TAG_PATTERN = re.compile(r"<[^>]+>")
SPACE_PATTERN = re.compile(r"\s+")


@dataclass(frozen=True)
class ApiResult:
    """A parsed successful response: `result` and `metadata` unwrapped, `body` as received."""

    status: int
    result: Any
    metadata: dict = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)
    body: Any = None


def trim_text(text: str, limit: int = MAX_TEXT_LENGTH) -> str:
    """Return `text` without HTML tags, with whitespace collapsed, cut to `limit` characters."""
    text = SPACE_PATTERN.sub(" ", TAG_PATTERN.sub(" ", text)).strip()
    if len(text) > limit:
        return text[: limit - 3] + "..."
    return text


def read_body(response: requests.Response) -> Any:
    """Return the decoded JSON body, or None when the body is empty or not JSON."""
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return None


def parse_success(response: requests.Response, method: str, path: str) -> ApiResult:
    """Unwrap a 2xx response; a 2xx with `success: false` raises like an error response."""
    body = read_body(response)

    if isinstance(body, dict) and body.get("success") is False:
        raise error_from_response(response, method, path)

    if isinstance(body, dict) and "data" in body and "result" not in body:
        return _parse_graphql_like(response, body, method, path)

    if isinstance(body, dict) and ("result" in body or "success" in body):
        return ApiResult(
            status=response.status_code,
            result=body.get("result"),
            metadata=body.get("metadata") or {},
            messages=_as_strings(body.get("messages")),
            body=body,
        )

    # Bare lists, GraphQL-like reports and the login token object: the body is the result.
    if body is None and response.content:
        logger.warning("Non-JSON success body from %s %s: %s", method, path, trim_text(response.text))
        return ApiResult(status=response.status_code, result=trim_text(response.text), body=None)
    return ApiResult(status=response.status_code, result=body, body=body)


def _parse_graphql_like(response: requests.Response, body: dict, method: str, path: str) -> ApiResult:
    # Reporting bodies: {"data": {"viewer": ...}, "errors": [...]}.
    # A body with errors and no data means the report failed.
    graphql_errors = body.get("errors") or []
    if body.get("data") is None and graphql_errors:
        messages = [trim_text(str(item.get("message", item)) if isinstance(item, dict) else str(item))
                    for item in graphql_errors]
        raise errors.ServerError(response.status_code, messages, retryable=False, method=method, path=path)
    if graphql_errors:
        logger.warning("%s %s returned data with errors: %s", method, path, trim_text(str(graphql_errors)))
    return ApiResult(status=response.status_code, result=body.get("data"), body=body)


def error_from_response(response: requests.Response, method: str, path: str) -> errors.RocketNetError:
    """Build the typed error for an error response (or a 2xx whose envelope has success: false)."""
    status = response.status_code
    body = read_body(response)
    messages, codes, field_errors = _error_details(body)

    if body is None and response.content:
        messages = [trim_text(response.text)]
    context = {"method": method, "path": path, "error_codes": codes}

    if status == 401:
        return errors.AuthenticationError(status, messages, **context)
    if status == 403:
        return errors.PermissionDeniedError(status, _explain_forbidden(response, messages), **context)
    if status in (404, 410):
        return errors.NotFoundError(status, messages, **context)
    if status == 429:
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        return errors.RateLimitedError(status, messages, retry_after=retry_after, **context)
    if status >= 500:
        return errors.ServerError(status, messages, **context)
    mentions_lock = any(LOCKED_PATTERN.search(message) for message in messages)
    if status == 423 or (mentions_lock and (status == 400 or 200 <= status < 300)):
        return errors.SiteLockedError(status, messages, field_errors=field_errors, **context)
    if status in (400, 405, 409, 412, 422) or 200 <= status < 300:
        return errors.ValidationError(status, messages, field_errors=field_errors, **context)
    return errors.RocketNetError(status, messages, **context)


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Return the Retry-After header in seconds (it may be seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        logger.warning("Ignoring unreadable Retry-After header %r", trim_text(value, 60))
        return None
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def _error_details(body: Any) -> tuple[list[str], list[str], dict[str, list[str]]]:
    """Return (messages, error codes, field errors) from an error envelope."""
    if not isinstance(body, dict):
        return [], [], {}

    messages = _as_strings(body.get("messages"))
    codes = _as_strings(body.get("errors")) if isinstance(body.get("errors"), list) else []
    field_errors: dict[str, list[str]] = {}

    result = body.get("result")
    if isinstance(result, dict):
        msg = result.get("msg")
        if isinstance(msg, str) and msg and msg not in messages:
            messages.append(trim_text(msg))
        field_errors.update(_field_errors(result.get("errors") or result.get("fields")))
    if isinstance(body.get("errors"), dict):
        field_errors.update(_field_errors(body["errors"]))
    if not messages and isinstance(body.get("message"), str):
        messages.append(trim_text(body["message"]))
    if not messages and codes:
        # Some servers put the human message in `errors`; show it as the message, not as a code.
        messages, codes = codes, []
    codes = [code for code in codes if code not in messages]
    return messages, codes, field_errors


def _field_errors(value: Any) -> dict[str, list[str]]:
    if not isinstance(value, dict):
        return {}
    return {str(name): _as_strings(msgs if isinstance(msgs, list) else [msgs]) for name, msgs in value.items()}


def _as_strings(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [trim_text(str(item)) for item in value if item not in (None, "")]


def _explain_forbidden(response: requests.Response, messages: list[str]) -> list[str]:
    # Cloudflare's HTML block page (error 1010) means the User-Agent was refused, not the account.
    text = response.text if response.content else ""
    if "1010" in text and "<" in text:
        return ["Cloudflare blocked the request (error 1010): the client's User-Agent was refused"]
    return messages
