"""WordPress plugins of a site: list, search, install, activate, update, delete.

Install and delete take one comma-separated string of slugs ("akismet,hello-dolly"), although
the schema reads like a single name. These functions accept a list and join it.
"""

from __future__ import annotations

import logging
from typing import Iterable

from rocketnet.client import Client
from rocketnet.models import Plugin
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

PLUGIN_SORTS = ("name", "status", "title", "update", "version")
PLUGIN_STATUS_CHANGES = ("activate", "deactivate")
SEARCH_BROWSE = ("new", "popular", "top-rated", "updated")


@operation("GET", "/v1/sites/{id}/plugins")
def list_plugins(
    client: Client,
    site_id: int,
    *,
    search: str | None = None,
    sort: str | None = None,
    direction: str | None = None,
    per_page: int = 100,
) -> list[Plugin]:
    """Return every installed plugin of the site (all pages)."""
    check_choice("sort", sort, PLUGIN_SORTS)
    check_choice("direction", direction, DIRECTIONS)
    query = {"search": search, "sort": sort, "direction": direction}
    return list_all(
        client, "/v1/sites/{id}/plugins", path_params={"id": site_id}, query=query,
        per_page=per_page, parse=Plugin.from_api, id_key="name",
    )


@operation("POST", "/v1/sites/{id}/plugins")
def install_plugins(
    client: Client,
    site_id: int,
    *,
    plugins: str | Iterable[str] | None = None,
    activate: bool | None = None,
    custom_url: str | None = None,
) -> list[dict]:
    """Install plugins by slug (a list, or a comma-separated string), or one from `custom_url`.

    Returns one entry per plugin with `name`, `version`, `activated` and a `note` that explains
    a plugin that was not installed.
    """
    if plugins is None and not custom_url:
        raise ValueError("install_plugins needs plugins (slugs) or custom_url (a zip URL)")
    slugs = slug_list("plugins", plugins) if plugins is not None else None
    body = body_of(plugins=slugs, activate=activate, custom_url=custom_url)
    result = client.send("POST", "/v1/sites/{id}/plugins", path_params={"id": site_id}, body=body).result
    logger.info("Installed plugins %s on site %s", slugs or custom_url, site_id)
    return result or []


@operation("PATCH", "/v1/sites/{id}/plugins", idempotent=True)
def change_plugin_status(client: Client, site_id: int, *, plugin: str, status: str) -> dict:
    """Activate or deactivate one plugin; `status` is "activate" or "deactivate"."""
    check_required("plugin", plugin)
    check_choice("status", check_required("status", status), PLUGIN_STATUS_CHANGES)
    body = {"plugin": plugin, "status": status}
    return client.send("PATCH", "/v1/sites/{id}/plugins", path_params={"id": site_id}, body=body).result


@operation("PUT", "/v1/sites/{id}/plugins")
def update_plugin(client: Client, site_id: int, *, plugin: str) -> dict:
    """Update one plugin to its latest version."""
    check_required("plugin", plugin)
    return client.send("PUT", "/v1/sites/{id}/plugins", path_params={"id": site_id}, body={"plugin": plugin}).result


@operation("DELETE", "/v1/sites/{id}/plugins")
def delete_plugins(client: Client, site_id: int, *, plugins: str | Iterable[str]) -> dict:
    """Delete plugins by slug (a list, or a comma-separated string)."""
    slugs = slug_list("plugins", plugins)
    result = client.send("DELETE", "/v1/sites/{id}/plugins", path_params={"id": site_id}, body={"plugins": slugs})
    logger.info("Deleted plugins %s from site %s", slugs, site_id)
    return result.result


@operation("GET", "/v1/sites/{id}/plugins/search")
def search_plugins(
    client: Client,
    site_id: int,
    *,
    query: str | None = None,
    browse: str | None = None,
    page: int | None = None,
    per_page: int | None = None,
) -> list[dict]:
    """Return one page of plugins from the WordPress directory (the full directory is huge)."""
    check_choice("browse", browse, SEARCH_BROWSE)
    return get_page(
        client, "/v1/sites/{id}/plugins/search", path_params={"id": site_id},
        query={"query": query, "browse": browse}, page=page, per_page=per_page,
    ) or []


@operation("GET", "/v1/sites/{id}/featured_plugins")
def list_featured_plugins(client: Client, site_id: int) -> list[dict]:
    """Return the plugins Rocket.net features, with their install status on this site."""
    return client.send("GET", "/v1/sites/{id}/featured_plugins", path_params={"id": site_id}).result or []


@operation("POST", "/v1/sites/{id}/plugins/rocket/cdn_cache_management")
def install_cdn_cache_plugin(client: Client, site_id: int) -> None:
    """Install or reinstall Rocket.net's CDN cache management plugin."""
    client.send("POST", "/v1/sites/{id}/plugins/rocket/cdn_cache_management", path_params={"id": site_id})
