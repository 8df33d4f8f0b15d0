"""CDN traffic, cache and bandwidth reports of a site.

Written by rocketnet/codegen/generate_services.py from the OpenAPI spec: change the tables in
that script and run it again rather than editing this file.
"""

from __future__ import annotations

from typing import Any

from rocketnet.client import Client
from rocketnet.models import Report
from rocketnet.registry import operation
from rocketnet.services._common import DURATIONS, check_choice, check_required


@operation("GET", "/v1/reporting/sites/{id}/bandwidth/top-usage")
def get_bandwidth_top_usage_report(client: Client, site_id: int, *, duration: str) -> Report:
    """Return bandwidth grouped by country, method, ASN, browser and more over `duration`.

    Returns a Report: the body is GraphQL-like, with zones instead of a `result`.
    """
    check_required("duration", duration)
    check_choice("duration", duration, DURATIONS)

    query = {"duration": duration}
    body = client.send(
        "GET",
        "/v1/reporting/sites/{id}/bandwidth/top-usage",
        path_params={"id": site_id},
        query=query,
    ).body
    return Report.from_api(body)


@operation("GET", "/v1/reporting/sites/{id}/bandwidth/usage")
def get_bandwidth_usage_report(client: Client, site_id: int, *, duration: str) -> Report:
    """Return the bandwidth usage report over `duration`.

    Returns a Report: the body is GraphQL-like, with zones instead of a `result`.
    """
    check_required("duration", duration)
    check_choice("duration", duration, DURATIONS)

    query = {"duration": duration}
    body = client.send(
        "GET",
        "/v1/reporting/sites/{id}/bandwidth/usage",
        path_params={"id": site_id},
        query=query,
    ).body
    return Report.from_api(body)


@operation("GET", "/v1/reporting/sites/{id}/cdn/cache-content")
def get_cdn_cache_content_report(client: Client, site_id: int, *, duration: str) -> Report:
    """Return the CDN cache-content report over `duration`.

    Returns a Report: the body is GraphQL-like, with zones instead of a `result`.
    """
    check_required("duration", duration)
    check_choice("duration", duration, DURATIONS)

    query = {"duration": duration}
    body = client.send(
        "GET",
        "/v1/reporting/sites/{id}/cdn/cache-content",
        path_params={"id": site_id},
        query=query,
    ).body
    return Report.from_api(body)


@operation("GET", "/v1/reporting/sites/{id}/cdn/cache-status")
def get_cdn_cache_status_report(client: Client, site_id: int, *, duration: str) -> Report:
    """Return requests grouped by cache status (hit, miss, ...) over `duration`.

    Returns a Report: the body is GraphQL-like, with zones instead of a `result`.
    """
    check_required("duration", duration)
    check_choice("duration", duration, DURATIONS)

    query = {"duration": duration}
    body = client.send(
        "GET",
        "/v1/reporting/sites/{id}/cdn/cache-status",
        path_params={"id": site_id},
        query=query,
    ).body
    return Report.from_api(body)


@operation(
    "GET",
    "/v1/reporting/sites/{id}/cdn/cache-top",
    deprecated=True,
    replacement="reporting.get_cdn_request_volume_by_source",
)
def get_cdn_cache_top_report(client: Client, site_id: int, *, duration: str) -> Report:
    """Return the old CDN cache-top report over `duration`.

    Returns a Report: the body is GraphQL-like, with zones instead of a `result`.

    Deprecated: use reporting.get_cdn_request_volume_by_source (GET
    /v1/sites/{id}/reporting/cdn_request_volume_by_source) instead.
    """
    check_required("duration", duration)
    check_choice("duration", duration, DURATIONS)

    query = {"duration": duration}
    body = client.send(
        "GET",
        "/v1/reporting/sites/{id}/cdn/cache-top",
        path_params={"id": site_id},
        query=query,
    ).body
    return Report.from_api(body)


@operation("GET", "/v1/reporting/sites/{id}/cdn/requests")
def get_cdn_requests_report(
    client: Client,
    site_id: int,
    *,
    duration: str,
    req_type: str | None = None,
) -> Any:
    """Return the CDN requests report over `duration`."""
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
def get_cdn_visitors_report(client: Client, site_id: int, *, duration: str) -> Report:
    """Return the CDN visitors report over `duration`; `totals` has visitorsTotal.

    Returns a Report: the body is GraphQL-like, with zones instead of a `result`.
    """
    check_required("duration", duration)
    check_choice("duration", duration, DURATIONS)

    query = {"duration": duration}
    body = client.send(
        "GET",
        "/v1/reporting/sites/{id}/visitors",
        path_params={"id": site_id},
        query=query,
    ).body
    return Report.from_api(body)


@operation("GET", "/v1/sites/{id}/reporting/cdn_request_volume_by_source")
def get_cdn_request_volume_by_source(client: Client, site_id: int, *, duration: str) -> Any:
    """Return request counts by country, path, user agent and more over `duration`."""
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
    """Return total, edge, origin and WAF request counts over `duration`."""
    check_required("duration", duration)
    check_choice("duration", duration, DURATIONS)

    query = {"duration": duration}
    return client.send(
        "GET",
        "/v1/sites/{id}/reporting/total_requests",
        path_params={"id": site_id},
        query=query,
    ).result
