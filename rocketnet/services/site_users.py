"""Site users: people given access to single sites.

Written by rocketnet/codegen/generate_services.py from the OpenAPI spec: change the tables in
that script and run it again rather than editing this file.
"""

from __future__ import annotations

from typing import Any

from rocketnet.client import Client
from rocketnet.registry import operation
from rocketnet.services._common import DIRECTIONS, body_of, check_choice, check_required, list_all


@operation("GET", "/v1/sites/users")
def list_site_user_sites(
    client: Client,
    *,
    domain: str | None = None,
    search: str | None = None,
    status: list | None = None,
    sort: str | None = None,
    direction: str | None = None,
    per_page: int = 100,
) -> list[dict]:
    """Return the sites the logged-in site user may access."""
    for value in status or []:
        check_choice("status", value, ("Active", "Invited"))
    check_choice("sort", sort, ("created_at", "domain", "label", "disk_usage"))
    check_choice("direction", direction, DIRECTIONS)

    query = {"domain": domain, "search": search, "status": status, "sort": sort, "direction": direction}
    return list_all(client, "/v1/sites/users", query=query, per_page=per_page)


@operation("POST", "/v1/sites/users")
def create_site_user(client: Client, *, name: str, email: str) -> Any:
    """Create a site user (a person who gets access to single sites)."""
    check_required("name", name)
    check_required("email", email)

    body = body_of(name=name, email=email)
    return client.send("POST", "/v1/sites/users", body=body).result


@operation("POST", "/v1/sites/users/login")
def log_in_site_user(client: Client, *, username: str, password: str) -> Any:
    """Log in as a site user; the result contains a token, which is a secret."""
    check_required("username", username)
    check_required("password", password)

    body = body_of(username=username, password=password)
    return client.send("POST", "/v1/sites/users/login", body=body).result


@operation("POST", "/v1/sites/users/reset-password")
def reset_site_user_password(client: Client, *, email: str) -> Any:
    """Email a site user a link to reset their password."""
    check_required("email", email)

    body = body_of(email=email)
    return client.send("POST", "/v1/sites/users/reset-password", body=body).result


@operation("PATCH", "/v1/sites/users/{user_id}", idempotent=True)
def update_site_user(
    client: Client,
    user_id: int,
    *,
    name: str | None = None,
    email: str | None = None,
    password: str | None = None,
) -> Any:
    body = body_of(name=name, email=email, password=password)
    if not body:
        raise ValueError("update_site_user needs at least one of: name, email, password")
    return client.send(
        "PATCH",
        "/v1/sites/users/{user_id}",
        path_params={"user_id": user_id},
        body=body,
    ).result


@operation("POST", "/v1/sites/users/{user_id}/password")
def set_site_user_password(client: Client, user_id: int, *, password: str, token: str) -> Any:
    """Set a site user's password with the token from their email."""
    check_required("password", password)
    check_required("token", token)

    body = body_of(password=password, token=token)
    return client.send(
        "POST",
        "/v1/sites/users/{user_id}/password",
        path_params={"user_id": user_id},
        body=body,
    ).result


@operation("GET", "/v1/sites/{id}/users")
def list_site_users(
    client: Client,
    site_id: int,
    *,
    search: str | None = None,
    sort: str | None = None,
    direction: str | None = None,
    per_page: int = 100,
) -> list[dict]:
    """Return every site user with access to the site."""
    check_choice("sort", sort, ("email", "user_id", "status"))
    check_choice("direction", direction, DIRECTIONS)

    query = {"search": search, "sort": sort, "direction": direction}
    return list_all(
        client,
        "/v1/sites/{id}/users",
        path_params={"id": site_id},
        query=query,
        per_page=per_page,
    )


@operation("POST", "/v1/sites/{id}/users")
def invite_site_user(client: Client, site_id: int, *, name: str, email: str) -> Any:
    """Invite a person by email to access the site."""
    check_required("name", name)
    check_required("email", email)

    body = body_of(name=name, email=email)
    return client.send("POST", "/v1/sites/{id}/users", path_params={"id": site_id}, body=body).result


@operation("GET", "/v1/sites/{id}/users/accept")
def accept_site_invitation_link(client: Client, site_id: int, *, token: str) -> Any:
    """Accept a site invitation with the token from its email."""
    check_required("token", token)

    query = {"token": token}
    return client.send("GET", "/v1/sites/{id}/users/accept", path_params={"id": site_id}, query=query).result


@operation("POST", "/v1/sites/{id}/users/accept")
def accept_site_invitation(client: Client, site_id: int) -> Any:
    """Accept a pending site invitation as the logged-in user."""
    return client.send("POST", "/v1/sites/{id}/users/accept", path_params={"id": site_id}).result


@operation("DELETE", "/v1/sites/{id}/users/{user_id}")
def remove_site_user(client: Client, site_id: int, user_id: int) -> Any:
    """Remove a site user's access to the site."""
    return client.send(
        "DELETE",
        "/v1/sites/{id}/users/{user_id}",
        path_params={"id": site_id, "user_id": user_id},
    ).result


@operation("POST", "/v1/sites/{id}/users/{user_id}/reinvite")
def reinvite_site_user(client: Client, site_id: int, user_id: int) -> Any:
    """Send the site invitation email again."""
    return client.send(
        "POST",
        "/v1/sites/{id}/users/{user_id}/reinvite",
        path_params={"id": site_id, "user_id": user_id},
    ).result
