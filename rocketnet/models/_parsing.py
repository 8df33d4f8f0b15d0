"""Lenient readers for API fields: a missing or malformed value becomes None, never an exception."""

from __future__ import annotations

from typing import Any

from rocketnet.errors import UnexpectedResponseError


def int_or_none(value: Any) -> int | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def dict_or_empty(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def require_dict(data: Any, kind: str) -> dict:
    if not isinstance(data, dict):
        raise UnexpectedResponseError(None, [f"expected a {kind} object, got {type(data).__name__}"])
    return data
