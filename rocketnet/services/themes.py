"""WordPress themes of a site: list, search, install, activate, update, delete.

Install and delete take one comma-separated string of slugs, like plugins; these functions
accept a list and join it.
"""

from __future__ import annotations

import logging
from typing import Iterable

from rocketnet.client import Client
from rocketnet.models import Theme
from rocketnet.registry import operation
from rocketnet.services._common import (
    DIRECTIONS,
    body_of,
    check_choice,
    check_required,
    get_page,
    list_all,
    slug_list,
)

logger = logging.getLogger(__name__)

THEME_SORTS = ("description", "name", "status", "title", "update", "version")
THEME_STATUS_CHANGES = ("activate", "deactivate")
SEARCH_BROWSE = ("featured", "new", "popular", "updated")


@operation("GET", "/v1/sites/{id}/themes")
def list_themes(
    client: Client,
    site_id: int,
    *,
    search: str | None = None,
    sort: str | None = None,
    direction: str | None = None,
    per_page: int = 100,
) -> list[Theme]:
    """Return every installed theme of the site (all pages)."""
    check_choice("sort", sort, THEME_SORTS)
    check_choice("direction", direction, DIRECTIONS)
    query = {"search": search, "sort": sort, "direction": direction}
    return list_all(
        client, "/v1/sites/{id}/themes", path_params={"id": site_id}, query=query,
        per_page=per_page, parse=Theme.from_api, id_key="name",
    )


@operation("POST", "/v1/sites/{id}/themes")
def install_themes(
    client: Client,
    site_id: int,
    *,
    themes: str | Iterable[str] | None = None,
    activate: bool | None = None,
    custom_url: str | None = None,
) -> list[dict]:
    """Install themes by slug (a list, or a comma-separated string), or one from `custom_url`."""
    if themes is None and not custom_url:
        raise ValueError("install_themes needs themes (slugs) or custom_url (a zip URL)")
    slugs = slug_list("themes", themes) if themes is not None else None
    body = body_of(themes=slugs, activate=activate, custom_url=custom_url)
    result = client.send("POST", "/v1/sites/{id}/themes", path_params={"id": site_id}, body=body).result
    logger.info("Installed themes %s on site %s", slugs or custom_url, site_id)
    return result or []


@operation("PATCH", "/v1/sites/{id}/themes", idempotent=True)
def change_theme_status(client: Client, site_id: int, *, theme: str, status: str = "activate") -> dict:
    """Activate (or deactivate) one theme; WordPress has one active theme at a time."""
    check_required("theme", theme)
    check_choice("status", check_required("status", status), THEME_STATUS_CHANGES)
    body = {"theme": theme, "status": status}
    return client.send("PATCH", "/v1/sites/{id}/themes", path_params={"id": site_id}, body=body).result


@operation("PUT", "/v1/sites/{id}/themes")
def update_theme(client: Client, site_id: int, *, theme: str, update: bool | None = None) -> dict:
    """Update one theme to its latest version."""
    check_required("theme", theme)
    body = body_of(theme=theme, update=update)
    return client.send("PUT", "/v1/sites/{id}/themes", path_params={"id": site_id}, body=body).result


@operation("DELETE", "/v1/sites/{id}/themes")
def delete_themes(client: Client, site_id: int, *, themes: str | Iterable[str]) -> dict:
    """Delete themes by slug (a list, or a comma-separated string)."""
    slugs = slug_list("themes", themes)
    result = client.send("DELETE", "/v1/sites/{id}/themes", path_params={"id": site_id}, body={"themes": slugs})
    logger.info("Deleted themes %s from site %s", slugs, site_id)
    return result.result


@operation("GET", "/v1/sites/{id}/themes/search")
def search_themes(
    client: Client,
    site_id: int,
    *,
    query: str | None = None,
    browse: str | None = None,
    page: int | None = None,
    per_page: int | None = None,
) -> list[dict]:
    """Return one page of themes from the WordPress directory."""
    check_choice("browse", browse, SEARCH_BROWSE)
    return get_page(
        client, "/v1/sites/{id}/themes/search", path_params={"id": site_id},
        query={"query": query, "browse": browse}, page=page, per_page=per_page,
    ) or []
