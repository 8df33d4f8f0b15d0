"""ShopShield: protection of chosen URIs against traffic bursts.

Written by rocketnet/codegen/generate_services.py from the OpenAPI spec: change the tables in
that script and run it again rather than editing this file.
"""

from __future__ import annotations

from typing import Any

from rocketnet.client import Client
from rocketnet.registry import operation
from rocketnet.services._common import DIRECTIONS, body_of, check_choice, check_required, list_all


@operation("GET", "/v1/sites/{id}/shop_shield")
def list_shopshield_uris(
    client: Client,
    site_id: int,
    *,
    uri_id: str | None = None,
    uri: str | None = None,
    sort: str | None = None,
    direction: str | None = None,
    per_page: int = 100,
) -> list[dict]:
    """Return every URI that ShopShield protects on the site."""
    check_choice("sort", sort, ("id", "uri", "created_at", "updated_at"))
    check_choice("direction", direction, DIRECTIONS)

    query = {"uri_id": uri_id, "uri": uri, "sort": sort, "direction": direction}
    return list_all(
        client,
        "/v1/sites/{id}/shop_shield",
        path_params={"id": site_id},
        query=query,
        per_page=per_page,
    )


@operation("POST", "/v1/sites/{id}/shop_shield")
def enable_shopshield(
    client: Client,
    site_id: int,
    *,
    uri: str,
    notify_site_owner: bool | None = None,
) -> Any:
    """Protect a URI (such as /checkout/) against traffic bursts."""
    check_required("uri", uri)

    body = body_of(uri=uri, notify_site_owner=notify_site_owner)
    return client.send("POST", "/v1/sites/{id}/shop_shield", path_params={"id": site_id}, body=body).result


@operation("GET", "/v1/sites/{id}/shop_shield/{uri_id}")
def get_shopshield_uri(client: Client, site_id: int, uri_id: str) -> Any:
    return client.send(
        "GET",
        "/v1/sites/{id}/shop_shield/{uri_id}",
        path_params={"id": site_id, "uri_id": uri_id},
    ).result


@operation("DELETE", "/v1/sites/{id}/shop_shield/{uri_id}")
def disable_shopshield(client: Client, site_id: int, uri_id: str) -> Any:
    """Stop protecting a URI."""
    return client.send(
        "DELETE",
        "/v1/sites/{id}/shop_shield/{uri_id}",
        path_params={"id": site_id, "uri_id": uri_id},
    ).result
