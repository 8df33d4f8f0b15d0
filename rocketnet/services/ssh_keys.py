"""SSH keys of a site: import, authorize, deauthorize, delete.

Written by rocketnet/codegen/generate_services.py from the OpenAPI spec: change the tables in
that script and run it again rather than editing this file.
"""

from __future__ import annotations

from typing import Any

from rocketnet.client import Client
from rocketnet.registry import operation
from rocketnet.services._common import DIRECTIONS, body_of, check_choice, check_required, list_all


@operation("GET", "/v1/sites/{id}/ssh/keys")
def list_ssh_keys(
    client: Client,
    site_id: int,
    *,
    search: str | None = None,
    sort: str | None = None,
    direction: str | None = None,
    per_page: int = 100,
) -> list[dict]:
    """Return every SSH key of the site with its authorization status."""
    check_choice("sort", sort, ("authstatus", "file", "name"))
    check_choice("direction", direction, DIRECTIONS)

    query = {"search": search, "sort": sort, "direction": direction}
    return list_all(
        client,
        "/v1/sites/{id}/ssh/keys",
        path_params={"id": site_id},
        query=query,
        per_page=per_page,
        id_key="name",
    )


@operation("POST", "/v1/sites/{id}/ssh/keys")
def import_ssh_key(
    client: Client,
    site_id: int,
    *,
    name: str,
    key: str,
    passphrase: str | None = None,
) -> Any:
    """Store a public key under `name`; authorize it before it can log in."""
    check_required("name", name)
    check_required("key", key)

    body = body_of(name=name, key=key, passphrase=passphrase)
    return client.send("POST", "/v1/sites/{id}/ssh/keys", path_params={"id": site_id}, body=body).result


@operation("DELETE", "/v1/sites/{id}/ssh/keys")
def delete_ssh_key(client: Client, site_id: int, *, name: str) -> Any:
    check_required("name", name)

    body = body_of(name=name)
    return client.send("DELETE", "/v1/sites/{id}/ssh/keys", path_params={"id": site_id}, body=body).result


@operation("POST", "/v1/sites/{id}/ssh/keys/authorize")
def authorize_ssh_key(client: Client, site_id: int, *, name: str) -> Any:
    """Allow the named key to log in over SSH."""
    check_required("name", name)

    body = body_of(name=name)
    return client.send(
        "POST",
        "/v1/sites/{id}/ssh/keys/authorize",
        path_params={"id": site_id},
        body=body,
    ).result


@operation("POST", "/v1/sites/{id}/ssh/keys/deauthorize")
def deauthorize_ssh_key(client: Client, site_id: int, *, name: str) -> Any:
    """Stop the named key from logging in, keeping it stored."""
    check_required("name", name)

    body = body_of(name=name)
    return client.send(
        "POST",
        "/v1/sites/{id}/ssh/keys/deauthorize",
        path_params={"id": site_id},
        body=body,
    ).result


@operation("GET", "/v1/sites/{id}/ssh/keys/{name}")
def get_ssh_key(client: Client, site_id: int, name: str) -> Any:
    return client.send(
        "GET",
        "/v1/sites/{id}/ssh/keys/{name}",
        path_params={"id": site_id, "name": name},
    ).result
