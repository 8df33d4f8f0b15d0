"""Helpers shared by the service modules: input checks before sending, paging, task handles."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any, Callable, Iterable, Mapping, TypeVar

from rocketnet.client import Client
from rocketnet.envelope import ApiResult
from rocketnet.models import TaskHandle
from rocketnet.pagination import Page, iterate_pages, page_of

T = TypeVar("T")

DIRECTIONS = ("asc", "desc", "ASC", "DESC")
DURATIONS = ("30m", "1h", "6h", "12h", "24h", "72h", "7d", "30d")
SITE_TYPES = (0, 1, 2)
TASK_STATUSES = ("DONE", "ERROR", "NEW", "PROGRESS")
DEFAULT_PER_PAGE = 100


def check_choice(name: str, value: Any, allowed: Iterable[Any]) -> Any:
    """Return `value` if it is None or one of `allowed`; otherwise raise ValueError naming both."""
    allowed = tuple(allowed)
    if value is None or value in allowed:
        return value
    shown = ", ".join(repr(choice) for choice in allowed)
    raise ValueError(f"{name}={value!r} is not allowed; use one of {shown}")


def check_required(name: str, value: Any) -> Any:
    """Return `value`, or raise ValueError when it is None or an empty string."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError(f"{name} is required and must not be empty")
    return value


def check_positive(name: str, value: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name}={value!r} must be a whole number of at least 1")
    return value


def date_param(name: str, value: str | datetime.date | None) -> str | None:
    """Return a date as YYYY-MM-DD; strings pass through after a format check."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    try:
        datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{name}={value!r} is not a date; use YYYY-MM-DD") from None
    return str(value)


def body_of(**fields: Any) -> dict:
    """Return the fields that are not None, as a JSON body."""
    return {name: value for name, value in fields.items() if value is not None}


def slug_list(name: str, value: str | Iterable[str]) -> str:
    """Join plugin or theme slugs into the one comma-separated string the API expects."""
    if isinstance(value, str):
        slugs = [part.strip() for part in value.split(",")]
    else:
        slugs = [str(part).strip() for part in value]
    slugs = [slug for slug in slugs if slug]
    if not slugs:
        raise ValueError(f"{name} needs at least one slug, got {value!r}")
    for slug in slugs:
        if any(char.isspace() for char in slug):
            raise ValueError(f"{name} slug {slug!r} contains whitespace; slugs look like 'akismet'")
    return ",".join(slugs)


def list_all(
    client: Client,
    path: str,
    *,
    path_params: Mapping[str, Any] | None = None,
    query: Mapping[str, Any] | None = None,
    per_page: int = DEFAULT_PER_PAGE,
    parse: Callable[[dict], T] = lambda item: item,
    id_key: str = "id",
    items_key: str | None = None,
) -> list[T]:
    """Fetch every page of a list operation and return the parsed items.

    `items_key` names the field of `result` that contains the items, for the few lists whose
    `result` is an object such as {"additional_domains": [...]}.
    """
    check_positive("per_page", per_page)

    def fetch(page: int, size: int) -> ApiResult:
        api_result = client.send(
            "GET", path, path_params=path_params, query={**(query or {}), "page": page, "per_page": size},
        )
        if items_key is None:
            return api_result
        result = api_result.result if isinstance(api_result.result, dict) else {}
        return dataclasses.replace(api_result, result=result.get(items_key) or [])

    items = iterate_pages(fetch, per_page=per_page, id_key=id_key, describe=f"GET {path}")
    return [parse(item) for item in items]


def get_page(
    client: Client,
    path: str,
    *,
    path_params: Mapping[str, Any] | None = None,
    query: Mapping[str, Any] | None = None,
    page: int | None = None,
    per_page: int | None = None,
) -> Any:
    """Fetch one page (or the server's default page) and return the unwrapped result."""
    check_positive("page", page)
    check_positive("per_page", per_page)
    return client.send(
        "GET", path, path_params=path_params, query={**(query or {}), "page": page, "per_page": per_page},
    ).result


def fetch_page(
    client: Client,
    path: str,
    *,
    path_params: Mapping[str, Any] | None = None,
    query: Mapping[str, Any] | None = None,
    page: int,
    per_page: int = DEFAULT_PER_PAGE,
) -> Page:
    """Fetch one page of a list operation and return its items with the list's total."""
    check_positive("page", page)
    check_positive("per_page", per_page)
    api_result = client.send(
        "GET", path, path_params=path_params, query={**(query or {}), "page": page, "per_page": per_page},
    )
    return page_of(api_result, page=page, per_page=per_page)


def task_handle(result: Any, site_id: int | None) -> TaskHandle:
    return TaskHandle.from_api(result, site_id=site_id)
