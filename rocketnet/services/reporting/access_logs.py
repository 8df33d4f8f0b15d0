"""Access logs of a site.

Written by rocketnet/codegen/generate_services.py from the OpenAPI spec: change the tables in
that script and run it again rather than editing this file.
"""

from __future__ import annotations

from typing import Any

from rocketnet.client import Client
from rocketnet.registry import operation
from rocketnet.services._common import DURATIONS, check_choice, check_required


@operation("GET", "/v1/sites/{id}/access-logs", deprecated=True, replacement="reporting.list_access_logs")
def list_access_logs_legacy(
    client: Client,
    site_id: int,
    *,
    duration: int,
    domain: str,
    ip: str | None = None,
    cache_status: str | None = None,
    uri: str | None = None,
    ray_id: str | None = None,
    device_type: str | None = None,
    status_code: str | None = None,
    per_page: int | None = None,
    page: int | None = None,
) -> Any:
    """Return one page of the access log of `domain` with the old call.

    Deprecated: use reporting.list_access_logs (GET /v1/sites/{id}/access_logs) instead.
    """
    check_required("duration", duration)
    check_choice("duration", duration, (1, 6, 12, 24, 48, 72))
    check_required("domain", domain)
    check_choice("cache_status", cache_status, ("bypass", "dynamic", "expired", "hit", "miss", "none", "stable"))
    check_choice("device_type", device_type, ("desktop", "mobile", "tablet"))

    query = {
        "duration": duration,
        "domain": domain,
        "ip": ip,
        "cache_status": cache_status,
        "uri": uri,
        "ray_id": ray_id,
        "device_type": device_type,
        "status_code": status_code,
        "per_page": per_page,
        "page": page,
    }
    return client.send("GET", "/v1/sites/{id}/access-logs", path_params={"id": site_id}, query=query).result


@operation("GET", "/v1/sites/{id}/access_logs")
def list_access_logs(
    client: Client,
    site_id: int,
    *,
    duration: str,
    domain: str | None = None,
    search: str | None = None,
    ip: str | None = None,
    cache_status: str | None = None,
    uri: str | None = None,
    ray_id: str | None = None,
    device_type: str | None = None,
    status_code: str | None = None,
    per_page: int | None = None,
    page: int | None = None,
) -> Any:
    """Return one page of the site's access log over `duration`."""
    check_required("duration", duration)
    check_choice("duration", duration, DURATIONS)
    check_choice("cache_status", cache_status, ("bypass", "dynamic", "expired", "hit", "miss", "none", "stable"))
    check_choice("device_type", device_type, ("desktop", "mobile", "tablet"))

    query = {
        "duration": duration,
        "domain": domain,
        "search": search,
        "ip": ip,
        "cache_status": cache_status,
        "uri": uri,
        "ray_id": ray_id,
        "device_type": device_type,
        "status_code": status_code,
        "per_page": per_page,
        "page": page,
    }
    return client.send("GET", "/v1/sites/{id}/access_logs", path_params={"id": site_id}, query=query).result
