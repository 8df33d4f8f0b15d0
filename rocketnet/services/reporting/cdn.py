"""CDN traffic, cache and bandwidth reports of a site.

Written by rocketnet/codegen/generate_services.py from the OpenAPI spec: change the tables in
that script and run it again rather than editing this file.
"""

from __future__ import annotations

from typing import Any

from rocketnet.client import Client
from rocketnet.registry import operation
from rocketnet.services._common import DURATIONS, check_choice, check_required, report_zones


@operation("GET", "/v1/reporting/sites/{id}/bandwidth/top-usage")
def get_bandwidth_top_usage_report(client: Client, site_id: int, *, duration: str) -> list[dict]:
    """Get top usage bandwidth report.

    Returns the report's zones (the body is GraphQL-like, with no `result`).
    """
    check_required("duration", duration)
    check_choice("duration", duration, DURATIONS)

    query = {"duration": duration}
    result = client.send(
        "GET",
        "/v1/reporting/sites/{id}/bandwidth/top-usage",
        path_params={"id": site_id},
        query=query,
    ).result
    return report_zones(result)


@operation("GET", "/v1/reporting/sites/{id}/bandwidth/usage")
def get_bandwidth_usage_report(client: Client, site_id: int, *, duration: str) -> list[dict]:
    """Get usage bandwidth report.

    Returns the report's zones (the body is GraphQL-like, with no `result`).
    """
    check_required("duration", duration)
    check_choice("duration", duration, DURATIONS)

    query = {"duration": duration}
    result = client.send(
        "GET",
        "/v1/reporting/sites/{id}/bandwidth/usage",
        path_params={"id": site_id},
        query=query,
    ).result
    return report_zones(result)


@operation("GET", "/v1/reporting/sites/{id}/cdn/cache-content")
def get_cdn_cache_content_report(client: Client, site_id: int, *, duration: str) -> list[dict]:
    """Retrieve CDN cache-content report.

    Returns the report's zones (the body is GraphQL-like, with no `result`).
    """
    check_required("duration", duration)
    check_choice("duration", duration, DURATIONS)

    query = {"duration": duration}
    result = client.send(
        "GET",
        "/v1/reporting/sites/{id}/cdn/cache-content",
        path_params={"id": site_id},
        query=query,
    ).result
    return report_zones(result)


@operation("GET", "/v1/reporting/sites/{id}/cdn/cache-status")
def get_cdn_cache_status_report(client: Client, site_id: int, *, duration: str) -> list[dict]:
    """Retrieve CDN cache-status report.

    Returns the report's zones (the body is GraphQL-like, with no `result`).
    """
    check_required("duration", duration)
    check_choice("duration", duration, DURATIONS)

    query = {"duration": duration}
    result = client.send(
        "GET",
        "/v1/reporting/sites/{id}/cdn/cache-status",
        path_params={"id": site_id},
        query=query,
    ).result
    return report_zones(result)


@operation(
    "GET",
    "/v1/reporting/sites/{id}/cdn/cache-top",
    deprecated=True,
    replacement="reporting.get_cdn_request_volume_by_source",
)
def get_cdn_cache_top_report(client: Client, site_id: int, *, duration: str) -> list[dict]:
    """Retrieve cdn cache-top report.

    Deprecated: use reporting.get_cdn_request_volume_by_source (GET
    /v1/sites/{id}/reporting/cdn_request_volume_by_source) instead.

    Returns the report's zones (the body is GraphQL-like, with no `result`).
    """
    check_required("duration", duration)
    check_choice("duration", duration, DURATIONS)

    query = {"duration": duration}
    result = client.send(
        "GET",
        "/v1/reporting/sites/{id}/cdn/cache-top",
        path_params={"id": site_id},
        query=query,
    ).result
    return report_zones(result)


@operation("GET", "/v1/reporting/sites/{id}/cdn/requests")
def get_cdn_requests_report(
    client: Client,
    site_id: int,
    *,
    duration: str,
    req_type: str | None = None,
) -> Any:
    """Retrieve CDN requests report."""
    check_required("duration", duration)
    check_choice("duration", duration, DURATIONS)
    check_choice("req_type", req_type, ("edgeOrigin",))

    query = {"duration": duration, "req_type": req_type}
    return client.send(
        "GET",
        "/v1/reporting/sites/{id}/cdn/requests",
        path_params={"id": site_id},
        query=query,
    ).result


@operation("GET", "/v1/reporting/sites/{id}/visitors")
def get_cdn_visitors_report(client: Client, site_id: int, *, duration: str) -> list[dict]:
    """Retrieve cdn visitors report.

    Returns the report's zones (the body is GraphQL-like, with no `result`).
    """
    check_required("duration", duration)
    check_choice("duration", duration, DURATIONS)

    query = {"duration": duration}
    result = client.send(
        "GET",
        "/v1/reporting/sites/{id}/visitors",
        path_params={"id": site_id},
        query=query,
    ).result
    return report_zones(result)


@operation("GET", "/v1/sites/{id}/reporting/cdn_request_volume_by_source")
def get_cdn_request_volume_by_source(client: Client, site_id: int, *, duration: str) -> Any:
    """CDN Request Volume by Source."""
    check_required("duration", duration)
    check_choice("duration", duration, DURATIONS)

    query = {"duration": duration}
    return client.send(
        "GET",
        "/v1/sites/{id}/reporting/cdn_request_volume_by_source",
        path_params={"id": site_id},
        query=query,
    ).result


@operation("GET", "/v1/sites/{id}/reporting/total_requests")
def get_total_requests_report(client: Client, site_id: int, *, duration: str) -> Any:
    """Total requests from all sources."""
    check_required("duration", duration)
    check_choice("duration", duration, DURATIONS)

    query = {"duration": duration}
    return client.send(
        "GET",
        "/v1/sites/{id}/reporting/total_requests",
        path_params={"id": site_id},
        query=query,
    ).result
