"""Reporting: CDN requests, cache, visitors and bandwidth reports over a ``duration`` window.

Every report needs ``duration`` (30m, 1h, 6h, 12h, 24h, 72h, 7d or 30d) and returns 400
without it. The numbers come from ``sandbox.traffic``: the same seed, site and sandbox
time give the same report. The ``/v1/reporting/...`` bodies are GraphQL-like
(``{"data": {"viewer": {"zones": [...]}}}``, no ``result``); the ``/v1/sites/{id}/reporting/...``
ones use the usual envelope. Firewall reports and access logs live in ``waf_reports.py``
and ``access_logs.py``.
"""

from ..graphql_shapes import http_group, viewer_body
from ..records import duration_seconds
from ..responses import bad_request, envelope, json_response
from ..router import route
from ..traffic import (ASNS, BROWSERS, CACHE_STATUSES, CLIENT_IPS, COLOS, CONTENT_TYPES, COUNTRIES,
                       DEVICE_TYPES, EDGE_STATUS_CODES, METHODS, ORIGIN_STATUS_CODES, OSES, PATHS,
                       PROTOCOLS, QUERY_STRINGS, REFERERS, USER_AGENTS, X_REQUESTED_WITH, SiteTraffic,
                       percentage)
from . import access_logs, waf_reports  # noqa: F401  (register their routes)

ASN_WEIGHTS = {asn: weight for asn, (_, weight) in ASNS.items()}

# Breakdown name -> weights, shared by the top-usage and request-volume reports.
REQUEST_BREAKDOWNS = {
    "countries": COUNTRIES,
    "methods": METHODS,
    "topASNs": ASN_WEIGHTS,
    "topBrowsers": BROWSERS,
    "topCacheStatuses": CACHE_STATUSES,
    "topClientIPs": CLIENT_IPS,
    "topColoCodes": COLOS,
    "topDeviceTypes": DEVICE_TYPES,
    "topEdgeStatusCodes": EDGE_STATUS_CODES,
    "topHTTPProtocolVersions": PROTOCOLS,
    "topOSs": OSES,
    "topOriginStatusCodes": ORIGIN_STATUS_CODES,
    "topPaths": PATHS,
    "topReferers": REFERERS,
    "topUserAgents": USER_AGENTS,
    "topXRequestedWith": X_REQUESTED_WITH,
}


def site_traffic(ctx, id):
    """Return the traffic of the caller's site for the request's ``duration``, or raise."""
    site = ctx.site(id)
    duration_seconds(ctx.query, required=True)
    return SiteTraffic(ctx.state, site, ctx.query["duration"])


def bytes_share(traffic, count):
    return int(traffic.bytes * count / traffic.requests) if traffic.requests else 0


def breakdown(traffic, name, weights, total=None):
    """Return [(label, count)] of the window's requests (or ``total``) split by ``weights``."""
    return traffic.split(name, traffic.requests if total is None else total, weights)


def top_groups(traffic, name, weights, with_bytes=True):
    items = []
    for label, count in breakdown(traffic, name, weights):
        dimensions = {"metric": label}
        if name == "topASNs":
            dimensions["description"] = ASNS[label][0]
        items.append(http_group(count, dimensions, bytes_share(traffic, count) if with_bytes else None))
    return items


def total_group(traffic):
    return [http_group(traffic.requests, None, traffic.bytes)]


@route("GET", "/v1/reporting/sites/{id}/cdn/requests")
def cdn_requests(ctx, id):
    traffic = site_traffic(ctx, id)
    request_type = ctx.query.get("req_type")
    if request_type not in (None, "", "edgeOrigin"):
        raise bad_request(f"req_type must be edgeOrigin or left out, got {request_type!r}")

    if request_type == "edgeOrigin":
        zone = {
            "servedByEdge": [http_group(bucket.cached, {"ts": bucket.ts}) for bucket in traffic.buckets],
            "servedByOrigin": [http_group(bucket.origin, {"ts": bucket.ts}) for bucket in traffic.buckets],
        }
        return json_response(viewer_body(zone, serveByEdgeTotal=traffic.cached, serveByOriginTotal=traffic.origin))

    zone = {
        "data_transferTotals": [http_group(None, {"ts": bucket.ts}, bucket.bytes) for bucket in traffic.buckets],
        "requestsTotals": [http_group(bucket.requests, {"ts": bucket.ts}, bucket.bytes) for bucket in traffic.buckets],
    }
    return json_response(viewer_body(zone, dataTransferTotal=traffic.bytes, requestsTotal=traffic.requests))


@route("GET", "/v1/reporting/sites/{id}/cdn/cache-status")
def cdn_cache_status(ctx, id):
    traffic = site_traffic(ctx, id)
    groups = [http_group(count, {"cacheStatus": status}, bytes_share(traffic, count))
              for status, count in breakdown(traffic, "cache-status", CACHE_STATUSES)]
    return json_response(viewer_body({"cacheStatus": groups}))


@route("GET", "/v1/reporting/sites/{id}/cdn/cache-content")
def cdn_cache_content(ctx, id):
    traffic = site_traffic(ctx, id)
    groups = []
    for content_type, type_count in breakdown(traffic, "content-types", CONTENT_TYPES):
        for status, count in breakdown(traffic, f"cache-content-{content_type}", CACHE_STATUSES, type_count):
            if count:
                groups.append(http_group(count, {"cacheStatus": status, "edgeResponseContentTypeName": content_type},
                                         bytes_share(traffic, count)))
    groups.sort(key=lambda item: -item["count"])
    return json_response(viewer_body({"cacheStatus": groups}))


@route("GET", "/v1/reporting/sites/{id}/cdn/cache-top")
def cdn_cache_top(ctx, id):
    traffic = site_traffic(ctx, id)
    zone = {
        "topContentTypes": top_groups(traffic, "content-types", CONTENT_TYPES),
        "topCountries": top_groups(traffic, "countries", COUNTRIES),
        "topDeviceTypes": top_groups(traffic, "topDeviceTypes", DEVICE_TYPES),
        "topHosts": top_groups(traffic, "hosts", traffic.hosts()),
        "topQueryStrings": top_groups(traffic, "query-strings", QUERY_STRINGS),
        "topStatusCodes": top_groups(traffic, "topEdgeStatusCodes", EDGE_STATUS_CODES),
        "topUriPaths": top_groups(traffic, "topPaths", PATHS),
        "total": total_group(traffic),
    }
    return json_response(viewer_body(zone))


@route("GET", "/v1/reporting/sites/{id}/visitors")
def cdn_visitors(ctx, id):
    traffic = site_traffic(ctx, id)
    series = [{
        "__typename": "ZoneHttpRequestsAdaptiveGroups",
        "count": bucket.requests,
        "dimensions": {"__typename": "ZoneHttpRequestsAdaptiveGroupsDimensions", "ts": bucket.ts},
        # The spec names this object "avg" with the Sum type name; the sandbox follows it.
        "avg": {"__typename": "ZoneHttpRequestsAdaptiveGroupsSum", "visits": bucket.visits},
    } for bucket in traffic.buckets]
    return json_response(viewer_body({"series": series}, visitorsTotal=traffic.visits))


@route("GET", "/v1/reporting/sites/{id}/bandwidth/top-usage")
def bandwidth_top_usage(ctx, id):
    traffic = site_traffic(ctx, id)
    zone = {name: top_groups(traffic, name, weights) for name, weights in REQUEST_BREAKDOWNS.items()}
    zone["topHosts"] = top_groups(traffic, "hosts", traffic.hosts())
    zone["total"] = total_group(traffic)
    return json_response(viewer_body(zone))


@route("GET", "/v1/reporting/sites/{id}/bandwidth/usage")
def bandwidth_usage_graph(ctx, id):
    traffic = site_traffic(ctx, id)
    series = [http_group(bucket.requests, {"ts": bucket.ts}, bucket.bytes) for bucket in traffic.buckets]
    return json_response({"success": True, **viewer_body({"series": series})})


@route("GET", "/v1/sites/{id}/reporting/cdn_request_volume_by_source")
def request_volume_by_source(ctx, id):
    traffic = site_traffic(ctx, id)
    total = traffic.requests
    result = {}
    for name, weights in REQUEST_BREAKDOWNS.items():
        key = "topOSes" if name == "topOSs" else name
        result[key] = [{"count": count, "countPercentage": percentage(count, total),
                        "metric": label if name != "topASNs" else f"{label} - {ASNS[label][0]}"}
                       for label, count in breakdown(traffic, name, weights)]
    result["topHosts"] = [{"count": count, "countPercentage": percentage(count, total), "metric": label}
                          for label, count in breakdown(traffic, "hosts", traffic.hosts())]
    result["totalCount"] = total
    return envelope(result)


@route("GET", "/v1/sites/{id}/reporting/total_requests")
def total_requests(ctx, id):
    traffic = site_traffic(ctx, id)
    total = traffic.requests

    def share(count):
        return {"count": count, "countPercentage": percentage(count, total)}

    def graph(values):
        return [{"count": value, "ts": bucket.ts} for bucket, value in zip(traffic.buckets, values)]

    return envelope({
        "totals": {
            "totalRequests": share(total),
            "edgeRequests": share(traffic.cached),
            "originRequests": share(traffic.origin),
            "wafEvents": share(traffic.firewall_events),
        },
        "graph": {
            "totalRequests": graph(bucket.requests for bucket in traffic.buckets),
            "edgeRequests": graph(bucket.cached for bucket in traffic.buckets),
            "originRequests": graph(bucket.origin for bucket in traffic.buckets),
            "wafEvents": graph(bucket.firewall_events for bucket in traffic.buckets),
        },
    })
