"""Password protection of a site and its users.

Written by rocketnet/codegen/generate_services.py from the OpenAPI spec: change the tables in
that script and run it again rather than editing this file.
"""

from __future__ import annotations

from typing import Any

from rocketnet.client import Client
from rocketnet.registry import operation
from rocketnet.services._common import DIRECTIONS, body_of, check_choice, list_all


@operation("GET", "/v1/sites/{id}/password_protection")
def get_password_protection(client: Client, site_id: int) -> Any:
    """Return whether the site is behind HTTP password protection."""
    return client.send("GET", "/v1/sites/{id}/password_protection", path_params={"id": site_id}).result


@operation("POST", "/v1/sites/{id}/password_protection")
def enable_password_protection(client: Client, site_id: int) -> Any:
    """Put the site behind HTTP password protection."""
    return client.send("POST", "/v1/sites/{id}/password_protection", path_params={"id": site_id}).result


@operation("DELETE", "/v1/sites/{id}/password_protection")
def disable_password_protection(client: Client, site_id: int) -> Any:
    """Remove the site's HTTP password protection."""
    return client.send("DELETE", "/v1/sites/{id}/password_protection", path_params={"id": site_id}).result


@operation("GET", "/v1/sites/{id}/password_protection/users")
def list_password_protection_users(
    client: Client,
    site_id: int,
    *,
    search: str | None = None,
    sort: str | None = None,
    direction: str | None = None,
    per_page: int = 100,
) -> list[dict]:
    """Return every username allowed past the password protection."""
    check_choice("sort", sort, ("username",))
    check_choice("direction", direction, DIRECTIONS)

    query = {"search": search, "sort": sort, "direction": direction}
    return list_all(
        client,
        "/v1/sites/{id}/password_protection/users",
        path_params={"id": site_id},
        query=query,
        per_page=per_page,
        items_key="users",
        id_key="user_id",
    )


@operation("POST", "/v1/sites/{id}/password_protection/users")
def add_password_protection_user(
    client: Client,
    site_id: int,
    *,
    username: str | None = None,
    password: str | None = None,
) -> Any:
    """Allow a username and password past the password protection."""
    body = body_of(username=username, password=password)
    if not body:
        raise ValueError("add_password_protection_user needs at least one of: username, password")
    return client.send(
        "POST",
        "/v1/sites/{id}/password_protection/users",
        path_params={"id": site_id},
        body=body,
    ).result


@operation("DELETE", "/v1/sites/{id}/password_protection/users/{user_id}")
def remove_password_protection_user(client: Client, site_id: int, user_id: int) -> Any:
    return client.send(
        "DELETE",
        "/v1/sites/{id}/password_protection/users/{user_id}",
        path_params={"id": site_id, "user_id": user_id},
    ).result
