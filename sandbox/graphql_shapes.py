"""Builders for the GraphQL-like reporting bodies: ``{"data": {"viewer": {"zones": [...]}}}``.

These bodies have no ``result`` and no envelope beyond an ``errors`` list, as Cloudflare's
analytics API returns them and the Rocket.net API passes them on. Every object carries
the ``__typename`` the spec lists for it.
"""

HTTP_GROUP = "ZoneHttpRequestsAdaptiveGroups"
FIREWALL_GROUP = "ZoneFirewallEventsAdaptiveGroups"


def viewer_body(zone_fields, **totals):
    """Return the whole response body for one zone with ``zone_fields``, plus top-level totals."""
    zone = {"__typename": "zone", **zone_fields}
    return {"data": {"viewer": {"__typename": "viewer", "zones": [zone]}}, "errors": [], **totals}


def group(kind, count=None, dimensions=None, edge_bytes=None, sample_interval=1.0):
    """Return one adaptive group item of ``kind`` (HTTP requests or firewall events)."""
    item = {"__typename": kind, "avg": {"__typename": f"{kind}Avg", "sampleInterval": sample_interval}}
    if count is not None:
        item["count"] = count
    if dimensions is not None:
        item["dimensions"] = {"__typename": f"{kind}Dimensions", **dimensions}
    if edge_bytes is not None:
        item["sum"] = {"__typename": f"{kind}Sum", "edgeResponseBytes": edge_bytes}
    return item


def http_group(count=None, dimensions=None, edge_bytes=None):
    return group(HTTP_GROUP, count, dimensions, edge_bytes)


def firewall_group(count=None, dimensions=None):
    return group(FIREWALL_GROUP, count, dimensions)
