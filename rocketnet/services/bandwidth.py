"""Bandwidth usage statistics for the account or one site.

Written by rocketnet/codegen/generate_services.py from the OpenAPI spec: change the tables in
that script and run it again rather than editing this file.
"""

from __future__ import annotations

import datetime
from typing import Any

from rocketnet.client import Client
from rocketnet.registry import operation
from rocketnet.services._common import DURATIONS, check_choice, check_required, date_param


@operation("GET", "/v1/account/bandwidth")
def get_account_bandwidth(
    client: Client,
    *,
    date_from: str | datetime.date | None = None,
    date_to: str | datetime.date | None = None,
) -> Any:
    """Return the account's bandwidth use between two dates (YYYY-MM-DD)."""
    query = {"date_from": date_param("date_from", date_from), "date_to": date_param("date_to", date_to)}
    return client.send("GET", "/v1/account/bandwidth", query=query).result


@operation("GET", "/v1/sites/{id}/reporting/bandwidth")
def get_site_bandwidth(
    client: Client,
    site_id: int,
    *,
    date_from: str | datetime.date | None = None,
    date_to: str | datetime.date | None = None,
) -> Any:
    """Return one site's bandwidth use between two dates (YYYY-MM-DD)."""
    query = {"date_from": date_param("date_from", date_from), "date_to": date_param("date_to", date_to)}
    return client.send(
        "GET",
        "/v1/sites/{id}/reporting/bandwidth",
        path_params={"id": site_id},
        query=query,
    ).result


@operation("GET", "/v1/sites/{id}/reporting/bandwidth/usage")
def get_site_bandwidth_usage_report(client: Client, site_id: int, *, duration: str) -> Any:
    """Return the site's bandwidth report over `duration` (30m to 30d)."""
    check_required("duration", duration)
    check_choice("duration", duration, DURATIONS)

    query = {"duration": duration}
    return client.send(
        "GET",
        "/v1/sites/{id}/reporting/bandwidth/usage",
        path_params={"id": site_id},
        query=query,
    ).result
