"""Transfers of a site between Rocket.net accounts.

Written by rocketnet/codegen/generate_services.py from the OpenAPI spec: change the tables in
that script and run it again rather than editing this file.
"""

from __future__ import annotations

from typing import Any

from rocketnet.client import Client
from rocketnet.registry import operation
from rocketnet.services._common import body_of, check_required


@operation("POST", "/v1/sites/{id}/transfer")
def start_site_transfer(client: Client, site_id: int, *, email: str) -> Any:
    """Offer the site to another Rocket.net account, named by its email."""
    check_required("email", email)

    body = body_of(email=email)
    return client.send("POST", "/v1/sites/{id}/transfer", path_params={"id": site_id}, body=body).result


@operation("POST", "/v1/sites/{id}/transfer/{transfer_id}/accept")
def accept_site_transfer(client: Client, site_id: int, transfer_id: str) -> Any:
    """Accept a site offered to this account."""
    return client.send(
        "POST",
        "/v1/sites/{id}/transfer/{transfer_id}/accept",
        path_params={"id": site_id, "transfer_id": transfer_id},
    ).result


@operation("POST", "/v1/sites/{id}/transfer/{transfer_id}/cancel")
def cancel_site_transfer(client: Client, site_id: int, transfer_id: str) -> Any:
    """Withdraw a transfer this account started."""
    return client.send(
        "POST",
        "/v1/sites/{id}/transfer/{transfer_id}/cancel",
        path_params={"id": site_id, "transfer_id": transfer_id},
    ).result


@operation("POST", "/v1/sites/{id}/transfer/{transfer_id}/reject")
def reject_site_transfer(client: Client, site_id: int, transfer_id: str) -> Any:
    """Decline a site offered to this account."""
    return client.send(
        "POST",
        "/v1/sites/{id}/transfer/{transfer_id}/reject",
        path_params={"id": site_id, "transfer_id": transfer_id},
    ).result
