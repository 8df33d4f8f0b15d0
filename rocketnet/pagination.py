"""Walking paged list operations (page from 1, per_page, metadata.total)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from rocketnet.envelope import ApiResult
from rocketnet.errors import UnexpectedResponseError

logger = logging.getLogger(__name__)

# Hard stop for a server that keeps returning new items forever; 10,000 pages of even 10 items
# is far beyond any account seen.
MAX_PAGES = 10_000


@dataclass(frozen=True)
class Page:
    """One page of a paged list and the item count the API reported for the whole list."""

    items: list
    total: int
    page: int
    per_page: int


def page_of(api_result: ApiResult, *, page: int, per_page: int) -> Page:
    """Return one fetched page with its metadata.total.

    Without a total, it is estimated as one more page while this one is full.
    """
    items = _items(api_result.result)
    total = api_result.metadata.get("total") if isinstance(api_result.metadata, dict) else None
    if not isinstance(total, int) or isinstance(total, bool):
        total = (page - 1) * per_page + len(items) + (1 if len(items) == per_page else 0)
    return Page(items, total, page, per_page)


def iterate_pages(
    fetch_page: Callable[[int, int], ApiResult],
    *,
    per_page: int,
    start_page: int = 1,
    id_key: str = "id",
    describe: str = "list",
) -> Iterator[dict]:
    """Yield every item of a paged list, fetching `fetch_page(page, per_page)` page by page.

    Stops when page * page_size >= metadata.total, on an empty page, or on a page whose items
    were all seen before (a server that ignores `page` would otherwise loop forever).
    """
    if per_page < 1:
        raise ValueError(f"per_page must be at least 1, got {per_page!r}")

    seen: set[Any] = set()
    page = start_page

    while page < start_page + MAX_PAGES:
        api_result = fetch_page(page, per_page)
        items = _items(api_result.result)
        if not items:
            return

        keys = [_identity(item, id_key) for item in items]
        if all(key in seen for key in keys):
            logger.warning("%s: page %d repeats items already seen; stopping", describe, page)
            return
        for item, key in zip(items, keys):
            if key not in seen:
                seen.add(key)
                yield item

        if _is_last_page(api_result.metadata, page, per_page, len(items)):
            return
        page += 1

    logger.warning("%s: stopped after %d pages", describe, MAX_PAGES)


def _items(result: Any) -> list:
    if isinstance(result, list):
        return result
    if result in (None, "", {}):
        return []
    raise UnexpectedResponseError(None, [f"expected a list of items, got {type(result).__name__}"])


def _identity(item: Any, id_key: str) -> Any:
    if isinstance(item, dict) and item.get(id_key) is not None:
        return item[id_key]
    return repr(item)


def _is_last_page(metadata: dict, page: int, per_page: int, item_count: int) -> bool:
    total = metadata.get("total") if isinstance(metadata, dict) else None
    page_size = metadata.get("page_size") if isinstance(metadata, dict) else None
    if not isinstance(page_size, int) or page_size < 1:
        page_size = per_page

    if isinstance(total, int):
        return page * page_size >= total
    # Without a total, a short page is the last one.
    return item_count < page_size
