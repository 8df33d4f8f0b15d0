"""WAF (web application firewall) event lists and reports of a site.

Written by rocketnet/codegen/generate_services.py from the OpenAPI spec: change the tables in
that script and run it again rather than editing this file.
"""

from __future__ import annotations

from typing import Any

from rocketnet.client import Client
from rocketnet.models import Report
from rocketnet.registry import operation
from rocketnet.services._common import DURATIONS, check_choice, check_required


@operation("GET", "/v1/reporting/sites/{id}/waf/eventlist")
def list_waf_events(
    client: Client,
    site_id: int,
    *,
    duration: str,
    search: str | None = None,
    action: list | None = None,
    client_ip: str | None = None,
    request_path: str | None = None,
    country: list | None = None,
    asn: str | None = None,
    asn_description: str | None = None,
    http_method: list | None = None,
    http_protocol: str | None = None,
    query_string: str | None = None,
    ray_id: str | None = None,
    user_agent: str | None = None,
    per_page: int | None = None,
    page: int | None = None,
) -> Any:
    """Return one page of WAF events over `duration`, filtered as given."""
    check_required("duration", duration)
    check_choice("duration", duration, DURATIONS)
    for value in action or []:
        check_choice("action", value, ("allow", "block", "bypass", "challenge", "jschallenge", "managed_challenge", "skip"))
    for value in http_method or []:
        check_choice("http_method", value, ("GET", "DELETE", "HEAD", "OPTIONS", "PATCH", "PUT", "POST"))

    query = {
        "duration": duration,
        "search": search,
        "action": action,
        "client_ip": client_ip,
        "request_path": request_path,
        "country": country,
        "asn": asn,
        "asn_description": asn_description,
        "http_method": http_method,
        "http_protocol": http_protocol,
        "query_string": query_string,
        "ray_id": ray_id,
        "user_agent": user_agent,
        "per_page": per_page,
        "page": page,
    }
    return client.send(
        "GET",
        "/v1/reporting/sites/{id}/waf/eventlist",
        path_params={"id": site_id},
        query=query,
    ).result


@operation(
    "GET",
    "/v1/reporting/sites/{id}/waf/events",
    deprecated=True,
    replacement="reporting.list_waf_events",
)
def list_waf_events_legacy(
    client: Client,
    site_id: int,
    *,
    duration: str,
    limit: int | None = None,
    search: str | None = None,
    action: list | None = None,
    client_ip: str | None = None,
    request_path: str | None = None,
    country: list | None = None,
    asn: str | None = None,
    asn_description: str | None = None,
    http_method: list | None = None,
    http_protocol: str | None = None,
    query_string: str | None = None,
    user_agent: str | None = None,
) -> Report:
    """Return WAF events over `duration` with the old call.

    Returns a Report: the body is GraphQL-like, with zones instead of a `result`.

    Deprecated: use reporting.list_waf_events (GET /v1/reporting/sites/{id}/waf/eventlist) instead.
    """
    check_required("duration", duration)
    check_choice("duration", duration, DURATIONS)
    for value in action or []:
        check_choice("action", value, ("allow", "block", "bypass", "challenge", "jschallenge", "managed_challenge", "skip"))
    for value in http_method or []:
        check_choice("http_method", value, ("GET", "DELETE", "HEAD", "OPTIONS", "PATCH", "PUT", "POST"))

    query = {
        "duration": duration,
        "limit": limit,
        "search": search,
        "action": action,
        "client_ip": client_ip,
        "request_path": request_path,
        "country": country,
        "asn": asn,
        "asn_description": asn_description,
        "http_method": http_method,
        "http_protocol": http_protocol,
        "query_string": query_string,
        "user_agent": user_agent,
    }
    body = client.send(
        "GET",
        "/v1/reporting/sites/{id}/waf/events",
        path_params={"id": site_id},
        query=query,
    ).body
    return Report.from_api(body)


@operation("GET", "/v1/reporting/sites/{id}/waf/events-services")
def get_waf_events_services_report(client: Client, site_id: int, *, duration: str) -> Report:
    """Return the WAF events-by-service report over `duration`.

    Returns a Report: the body is GraphQL-like, with zones instead of a `result`.
    """
    check_required("duration", duration)
    check_choice("duration", duration, DURATIONS)

    query = {"duration": duration}
    body = client.send(
        "GET",
        "/v1/reporting/sites/{id}/waf/events-services",
        path_params={"id": site_id},
        query=query,
    ).body
    return Report.from_api(body)


@operation("GET", "/v1/reporting/sites/{id}/waf/events-source")
def get_waf_events_source_report(client: Client, site_id: int, *, duration: str) -> Report:
    """Return the WAF events-by-source report over `duration`.

    Returns a Report: the body is GraphQL-like, with zones instead of a `result`.
    """
    check_required("duration", duration)
    check_choice("duration", duration, DURATIONS)

    query = {"duration": duration}
    body = client.send(
        "GET",
        "/v1/reporting/sites/{id}/waf/events-source",
        path_params={"id": site_id},
        query=query,
    ).body
    return Report.from_api(body)


@operation("GET", "/v1/reporting/sites/{id}/waf/events-time")
def get_waf_events_time_report(client: Client, site_id: int, *, duration: str) -> Report:
    """Return the WAF events-over-time report over `duration`.

    Returns a Report: the body is GraphQL-like, with zones instead of a `result`.
    """
    check_required("duration", duration)
    check_choice("duration", duration, DURATIONS)

    query = {"duration": duration}
    body = client.send(
        "GET",
        "/v1/reporting/sites/{id}/waf/events-time",
        path_params={"id": site_id},
        query=query,
    ).body
    return Report.from_api(body)


@operation("GET", "/v1/reporting/sites/{id}/waf/firewall-events")
def get_waf_firewall_events_report(client: Client, site_id: int, *, duration: str) -> Report:
    """Return the WAF firewall event report over `duration`.

    Returns a Report: the body is GraphQL-like, with zones instead of a `result`.
    """
    check_required("duration", duration)
    check_choice("duration", duration, DURATIONS)

    query = {"duration": duration}
    body = client.send(
        "GET",
        "/v1/reporting/sites/{id}/waf/firewall-events",
        path_params={"id": site_id},
        query=query,
    ).body
    return Report.from_api(body)
