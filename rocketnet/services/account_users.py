"""Additional users of the Rocket.net account.

Written by rocketnet/codegen/generate_services.py from the OpenAPI spec: change the tables in
that script and run it again rather than editing this file.
"""

from __future__ import annotations

from typing import Any

from rocketnet.client import Client
from rocketnet.registry import operation
from rocketnet.services._common import DIRECTIONS, body_of, check_choice, check_required, list_all


@operation("GET", "/v1/users")
def list_users(
    client: Client,
    *,
    search: str | None = None,
    sort: str | None = None,
    direction: str | None = None,
    per_page: int = 100,
) -> list[dict]:
    """Return every additional user of the account."""
    check_choice("sort", sort, ("first_name", "last_name", "email"))
    check_choice("direction", direction, DIRECTIONS)

    query = {"search": search, "sort": sort, "direction": direction}
    return list_all(client, "/v1/users", query=query, per_page=per_page)


@operation("POST", "/v1/users")
def create_user(
    client: Client,
    *,
    firstname: str,
    lastname: str,
    email: str,
    twofactor_required: bool | None = None,
    roles: list | None = None,
) -> Any:
    """Invite a user to the account; the API emails them a link to set a password."""
    check_required("firstname", firstname)
    check_required("lastname", lastname)
    check_required("email", email)

    body = body_of(
        firstname=firstname,
        lastname=lastname,
        email=email,
        twofactor_required=twofactor_required,
        roles=roles,
    )
    return client.send("POST", "/v1/users", body=body).result


@operation("GET", "/v1/users/accept")
def accept_user_invitation(client: Client, *, token: str) -> Any:
    """Accept an invitation to an account with the token from its email."""
    check_required("token", token)

    query = {"token": token}
    return client.send("GET", "/v1/users/accept", query=query).result


@operation("GET", "/v1/users/{user_id}")
def get_user(client: Client, user_id: str) -> Any:
    return client.send("GET", "/v1/users/{user_id}", path_params={"user_id": user_id}).result


@operation("PATCH", "/v1/users/{user_id}", idempotent=True)
def update_user(
    client: Client,
    user_id: str,
    *,
    twofactor_required: bool | None = None,
    roles: list | None = None,
) -> Any:
    """Change a user's roles or whether they must use two-factor authentication."""
    body = body_of(twofactor_required=twofactor_required, roles=roles)
    if not body:
        raise ValueError("update_user needs at least one of: twofactor_required, roles")
    return client.send("PATCH", "/v1/users/{user_id}", path_params={"user_id": user_id}, body=body).result


@operation("DELETE", "/v1/users/{user_id}")
def delete_user(client: Client, user_id: str) -> Any:
    return client.send("DELETE", "/v1/users/{user_id}", path_params={"user_id": user_id}).result


@operation("POST", "/v1/users/{user_id}/password")
def set_user_password(client: Client, user_id: str, *, password: str) -> Any:
    """Set an invited user's first password."""
    check_required("password", password)

    body = body_of(password=password)
    return client.send(
        "POST",
        "/v1/users/{user_id}/password",
        path_params={"user_id": user_id},
        body=body,
    ).result


@operation("POST", "/v1/users/{user_id}/reinvite")
def reinvite_user(client: Client, user_id: str) -> Any:
    """Send the invitation email again."""
    return client.send("POST", "/v1/users/{user_id}/reinvite", path_params={"user_id": user_id}).result
