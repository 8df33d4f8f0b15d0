"""Unique visitor statistics for the account or one site.

Written by rocketnet/codegen/generate_services.py from the OpenAPI spec: change the tables in
that script and run it again rather than editing this file.
"""

from __future__ import annotations

import datetime
from typing import Any

from rocketnet.client import Client
from rocketnet.registry import operation
from rocketnet.services._common import check_required, date_param


@operation("GET", "/v1/account/visitors")
def get_account_visitors(
    client: Client,
    *,
    date_from: str | datetime.date,
    date_to: str | datetime.date,
) -> Any:
    """Return unique visitor counts of the whole account between two dates (YYYY-MM-DD)."""
    check_required("date_from", date_from)
    check_required("date_to", date_to)

    query = {"date_from": date_param("date_from", date_from), "date_to": date_param("date_to", date_to)}
    return client.send("GET", "/v1/account/visitors", query=query).result


@operation("GET", "/v1/sites/{id}/visitors")
def get_site_visitors(
    client: Client,
    site_id: int,
    *,
    date_from: str | datetime.date | None = None,
    date_to: str | datetime.date | None = None,
) -> Any:
    """Return unique visitor counts of one site between two dates (YYYY-MM-DD)."""
    query = {"date_from": date_param("date_from", date_from), "date_to": date_param("date_to", date_to)}
    return client.send("GET", "/v1/sites/{id}/visitors", path_params={"id": site_id}, query=query).result
