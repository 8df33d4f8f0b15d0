"""Password strength checks and generated passwords.

Written by rocketnet/codegen/generate_services.py from the OpenAPI spec: change the tables in
that script and run it again rather than editing this file.
"""

from __future__ import annotations

from typing import Any

from rocketnet.client import Client
from rocketnet.registry import operation
from rocketnet.services._common import body_of


@operation("POST", "/v1/password_strength")
def check_password_strength(client: Client, *, password: str | None = None) -> Any:
    """Return the API's rating of a password; the password is sent to the API."""
    body = body_of(password=password)
    if not body:
        raise ValueError("check_password_strength needs at least one of: password")
    return client.send("POST", "/v1/password_strength", body=body).result


@operation("POST", "/v1/users/password_strength")
def check_user_password_strength(client: Client, *, password: str | None = None) -> Any:
    """Return the API's rating of an account user's password."""
    body = body_of(password=password)
    if not body:
        raise ValueError("check_user_password_strength needs at least one of: password")
    return client.send("POST", "/v1/users/password_strength", body=body).result


@operation("POST", "/v1/users/generate_password")
def generate_password(client: Client, *, length: int | None = None) -> Any:
    """Return a generated password that meets the API's strength rules."""
    body = body_of(length=length)
    return client.send("POST", "/v1/users/generate_password", body=body).result
