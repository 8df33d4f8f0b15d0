"""Sites: list, create, read, update, delete, clone, staging, locks, settings and locations.

Site tasks (listing, cancelling, waiting) live in site_tasks.
"""

from __future__ import annotations

import datetime
import logging
import time
from typing import Any, Callable

from rocketnet.client import Client
from rocketnet.errors import TaskTimeoutError
from rocketnet.models import Location, Site, TaskHandle
from rocketnet.registry import operation
from rocketnet.services._common import (
    DIRECTIONS,
    SITE_TYPES,
    body_of,
    check_choice,
    check_required,
    date_param,
    list_all,
    task_handle,
)

logger = logging.getLogger(__name__)

SITE_SORTS = ("created_at", "domain", "label", "disk_usage")
PHP_VERSIONS = ("5.6", "7.0", "7.2", "7.3", "7.4", "8.0", "8.1", "8.2", "8.3", "8.4")
CORE_AUTO_UPDATES = (0, 1, 2)
ON_OFF = (0, 1)


@operation("GET", "/v1/sites")
def list_sites(
    client: Client,
    *,
    search: str | None = None,
    domain: str | None = None,
    sort: str | None = None,
    direction: str | None = None,
    per_page: int = 100,
) -> list[Site]:
    """Return every site of the account (all pages), optionally filtered and sorted."""
    check_choice("sort", sort, SITE_SORTS)
    check_choice("direction", direction, DIRECTIONS)
    query = {"search": search, "domain": domain, "sort": sort, "direction": direction}
    return list_all(client, "/v1/sites", query=query, per_page=per_page, parse=Site.from_api)


@operation("POST", "/v1/sites")
def create_site(
    client: Client,
    *,
    name: str,
    location: int,
    admin_username: str,
    admin_email: str,
    admin_password: str | None = None,
    label: str | None = None,
    restricted_location: int | None = None,
    multisite: bool | None = None,
    template_id: str | None = None,
    install_plugins: str | None = None,
    sub_path: str | None = None,
    site_type: int | None = None,
    static_site: bool | None = None,
    metadata: dict | None = None,
    php_version: str | None = None,
    template_replacements: list | None = None,
) -> Site:
    """Create a site and return it at once; it provisions in the background.

    The schema marks only `name` required, but the API rejects a create without `location`,
    `admin_username` and `admin_email`. Follow readiness with wait_for_site_ready().
    """
    check_required("name", name)
    check_required("location", location)
    check_required("admin_username", admin_username)
    check_required("admin_email", admin_email)
    check_choice("site_type", site_type, SITE_TYPES)
    check_choice("php_version", php_version, PHP_VERSIONS)

    body = body_of(
        name=name, location=location, admin_username=admin_username, admin_email=admin_email,
        admin_password=admin_password, label=label, restricted_location=restricted_location,
        multisite=multisite, template_id=template_id, install_plugins=install_plugins, sub_path=sub_path,
        site_type=site_type, static_site=static_site, metadata=metadata, php_version=php_version,
        template_replacements=template_replacements,
    )
    result = client.send("POST", "/v1/sites", body=body).result
    site = Site.from_api(result)
    logger.info("Created site %s (%s)", site.id, site.domain)
    return site


@operation("GET", "/v1/sites/{id}")
def get_site(client: Client, site_id: int) -> Site:
    return Site.from_api(client.send("GET", "/v1/sites/{id}", path_params={"id": site_id}).result)


@operation("PATCH", "/v1/sites/{id}", idempotent=True)
def update_site(
    client: Client,
    site_id: int,
    *,
    label: str | None = None,
    metadata: dict | None = None,
    site_type: int | None = None,
) -> Site:
    """Change a site's label, metadata or type; fields left as None are not sent."""
    check_choice("site_type", site_type, SITE_TYPES)
    body = body_of(label=label, metadata=metadata, site_type=site_type)
    if not body:
        raise ValueError("update_site needs at least one of label, metadata or site_type")
    result = client.send("PATCH", "/v1/sites/{id}", path_params={"id": site_id}, body=body).result
    return Site.from_api(result)


@operation("DELETE", "/v1/sites/{id}")
def delete_site(client: Client, site_id: int) -> None:
    client.send("DELETE", "/v1/sites/{id}", path_params={"id": site_id})
    logger.info("Deleted site %s", site_id)


@operation("POST", "/v1/sites/{id}/clone")
def clone_site(
    client: Client,
    site_id: int,
    *,
    label: str | None = None,
    location: int | None = None,
    restricted_location: int | None = None,
    metadata: dict | None = None,
    template_replacements: list | None = None,
) -> TaskHandle:
    """Start cloning a site; the source site is locked until the returned task ends."""
    body = body_of(
        label=label, location=location, restricted_location=restricted_location,
        metadata=metadata, template_replacements=template_replacements,
    )
    result = client.send("POST", "/v1/sites/{id}/clone", path_params={"id": site_id}, body=body).result
    return task_handle(result, site_id)


@operation("GET", "/v1/sites/locations")
def list_locations(client: Client, *, site_type: int | None = None) -> list[Location]:
    check_choice("site_type", site_type, SITE_TYPES)
    result = client.send("GET", "/v1/sites/locations", query={"site_type": site_type}).result
    return [Location.from_api(item) for item in result or []]


@operation("GET", "/v1/sites/all_locations")
def list_all_locations(client: Client, *, site_type: int | None = None) -> list[Location]:
    """Return public and restricted locations; restricted ones have `restricted=True`."""
    check_choice("site_type", site_type, SITE_TYPES)
    result = client.send("GET", "/v1/sites/all_locations", query={"site_type": site_type}).result or {}
    public = [Location.from_api(item) for item in result.get("locations") or []]
    restricted = [Location.from_api(item, restricted=True) for item in result.get("restricted_locations") or []]
    return public + restricted


@operation("POST", "/v1/sites/{id}/access_token")
def create_access_token(client: Client, site_id: int, *, ttl: int | None = None) -> str:
    """Return a token for site operations (the API does not document what it grants)."""
    body = body_of(ttl=ttl)
    result = client.send("POST", "/v1/sites/{id}/access_token", path_params={"id": site_id}, body=body).result
    return result["token"]


@operation("GET", "/v1/sites/{id}/credentials")
def get_credentials(client: Client, site_id: int) -> dict:
    """Return the site's {"username", "password"}; never log the result."""
    return client.send("GET", "/v1/sites/{id}/credentials", path_params={"id": site_id}).result


@operation("POST", "/v1/sites/{id}/lock")
def lock_site(client: Client, site_id: int) -> None:
    client.send("POST", "/v1/sites/{id}/lock", path_params={"id": site_id})


@operation("DELETE", "/v1/sites/{id}/lock", idempotent=True)
def unlock_site(client: Client, site_id: int) -> None:
    client.send("DELETE", "/v1/sites/{id}/lock", path_params={"id": site_id})


@operation("GET", "/v1/sites/{id}/pma/login")
def get_phpmyadmin_login(client: Client, site_id: int) -> str:
    """Return a single sign-on URL for phpMyAdmin."""
    result = client.send("GET", "/v1/sites/{id}/pma/login", path_params={"id": site_id}).result
    return result["phpmyadmin_sign_on_url"]


@operation("GET", "/v1/sites/{id}/settings")
def get_settings(client: Client, site_id: int) -> dict:
    return client.send("GET", "/v1/sites/{id}/settings", path_params={"id": site_id}).result


@operation("PATCH", "/v1/sites/{id}/settings", idempotent=True)
def update_settings(
    client: Client,
    site_id: int,
    *,
    new_php_version: str | None = None,
    wp_admin_sso_default_user_id: int | None = None,
    wp_core_auto_updates: int | None = None,
    wp_theme_auto_updates: int | None = None,
    wp_plugin_auto_updates: int | None = None,
    ssh_access: int | None = None,
) -> dict:
    """Change site settings; `wp_core_auto_updates` is 0 (off), 1 or 2, the others 0 or 1."""
    check_choice("new_php_version", new_php_version, PHP_VERSIONS)
    check_choice("wp_core_auto_updates", wp_core_auto_updates, CORE_AUTO_UPDATES)
    check_choice("wp_theme_auto_updates", wp_theme_auto_updates, ON_OFF)
    check_choice("wp_plugin_auto_updates", wp_plugin_auto_updates, ON_OFF)
    check_choice("ssh_access", ssh_access, ON_OFF)
    body = body_of(
        new_php_version=new_php_version, wp_admin_sso_default_user_id=wp_admin_sso_default_user_id,
        wp_core_auto_updates=wp_core_auto_updates, wp_theme_auto_updates=wp_theme_auto_updates,
        wp_plugin_auto_updates=wp_plugin_auto_updates, ssh_access=ssh_access,
    )
    return client.send("PATCH", "/v1/sites/{id}/settings", path_params={"id": site_id}, body=body).result


@operation("GET", "/v1/sites/{id}/settings/schema")
def get_settings_schema(client: Client, site_id: int) -> Any:
    return client.send("GET", "/v1/sites/{id}/settings/schema", path_params={"id": site_id}).result


@operation("POST", "/v1/sites/{id}/staging")
def create_staging(client: Client, site_id: int, *, vanity_domain: bool) -> TaskHandle:
    """Start creating the site's staging copy. The API requires `vanity_domain`."""
    if not isinstance(vanity_domain, bool):
        raise ValueError(f"vanity_domain={vanity_domain!r} must be True or False")
    body = {"vanity_domain": vanity_domain}
    result = client.send("POST", "/v1/sites/{id}/staging", path_params={"id": site_id}, body=body).result
    return task_handle(result, site_id)


@operation("DELETE", "/v1/sites/{id}/staging")
def delete_staging(client: Client, site_id: int) -> None:
    client.send("DELETE", "/v1/sites/{id}/staging", path_params={"id": site_id})


@operation("POST", "/v1/sites/{id}/staging/publish")
def publish_staging(client: Client, site_id: int) -> TaskHandle:
    """Start publishing the staging site over its production site."""
    result = client.send("POST", "/v1/sites/{id}/staging/publish", path_params={"id": site_id}).result
    return task_handle(result, site_id)


@operation("GET", "/v1/sites/{id}/usage")
def get_site_usage(
    client: Client,
    site_id: int,
    *,
    date_from: str | datetime.date | None = None,
    date_to: str | datetime.date | None = None,
) -> dict:
    """Return {"totals": {"visitors", "disk", "bandwidth"}} for the period."""
    query = {"date_from": date_param("date_from", date_from), "date_to": date_param("date_to", date_to)}
    return client.send("GET", "/v1/sites/{id}/usage", path_params={"id": site_id}, query=query).result


def wait_for_site_ready(
    client: Client,
    site_id: int,
    *,
    timeout: float = 600,
    first_delay: float = 3,
    growth: float = 1.5,
    max_delay: float = 15,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> Site:
    """Poll a new site until its status is "active" and return it.

    Raises TaskTimeoutError when the site is still not active after `timeout` seconds. Provisioning
    reports no failure state, so a site stuck in "pending" ends in that timeout.
    """
    deadline = clock() + timeout
    delay = first_delay

    while True:
        site = get_site(client, site_id)
        if site.is_ready:
            return site
        if clock() + delay > deadline:
            raise TaskTimeoutError(
                None, [f"site {site_id} still has status {site.status!r} after {timeout:g} s"],
            )
        logger.debug("Site %s has status %s (reason %s); checking again in %.1f s",
                     site_id, site.status, site.status_reason, delay)
        sleep(delay)
        delay = min(max_delay, delay * growth)
