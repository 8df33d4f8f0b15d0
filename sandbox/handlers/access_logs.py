"""Access logs of a site: sampled CDN log lines of a window, with filters and pages.

``/access_logs`` takes ``duration`` like the other reports. The deprecated
``/access-logs`` takes ``duration`` in hours (1, 6, 12, 24, 48 or 72) and requires
``domain``.
"""

from ..records import duration_seconds
from ..responses import bad_request, list_envelope
from ..router import route
from ..traffic import CACHE_STATUSES, DEVICE_TYPES, SiteTraffic
from ..traffic_logs import access_log_lines

LEGACY_HOURS = {"1": "1h", "6": "6h", "12": "12h", "24": "24h", "48": "48h", "72": "72h"}
CACHE_STATUS_VALUES = (*CACHE_STATUSES, "bypass", "stable")
SEARCH_FIELDS = ("ClientRequestURI", "ClientIP", "ClientRequestUserAgent", "RayID", "ClientRequestHost")


def _filtered_lines(ctx, traffic):
    lines = access_log_lines(traffic)
    query = ctx.query

    domain = query.get("domain", "").strip().lower()
    if domain:
        hosts = {host.lower() for host in traffic.hosts()}
        if domain not in hosts:
            raise bad_request(f"domain {domain!r} does not belong to site {traffic.site.id}; "
                              f"use one of {', '.join(sorted(hosts))}")
        lines = [line for line in lines if line["ClientRequestHost"].lower() == domain]

    cache_status = query.get("cache_status")
    if cache_status:
        if cache_status not in CACHE_STATUS_VALUES:
            raise bad_request(f"cache_status must be one of {', '.join(CACHE_STATUS_VALUES)}, got {cache_status!r}")
        lines = [line for line in lines if line["CacheCacheStatus"] == cache_status]

    device_type = query.get("device_type")
    if device_type:
        if device_type not in DEVICE_TYPES:
            raise bad_request(f"device_type must be one of {', '.join(DEVICE_TYPES)}, got {device_type!r}")
        lines = [line for line in lines if line["ClientDeviceType"] == device_type]

    if query.get("status_code"):
        if not query["status_code"].isdigit():
            raise bad_request(f"status_code must be an HTTP status such as 404, got {query['status_code']!r}")
        lines = [line for line in lines if line["EdgeResponseStatus"] == int(query["status_code"])]
    if query.get("ip"):
        lines = [line for line in lines if line["ClientIP"] == query["ip"].strip()]
    if query.get("ray_id"):
        lines = [line for line in lines if line["RayID"] == query["ray_id"].strip()]
    if query.get("uri"):
        lines = [line for line in lines if query["uri"].strip() in line["ClientRequestURI"]]

    search = query.get("search", "").strip().lower()
    if search:
        lines = [line for line in lines if any(search in str(line[field]).lower() for field in SEARCH_FIELDS)]
    return lines


@route("GET", "/v1/sites/{id}/access_logs")
def access_logs(ctx, id):
    site = ctx.site(id)
    duration_seconds(ctx.query, required=True)
    traffic = SiteTraffic(ctx.state, site, ctx.query["duration"])
    return list_envelope(_filtered_lines(ctx, traffic), ctx.query, default_per_page=10)


@route("GET", "/v1/sites/{id}/access-logs")
def legacy_access_logs(ctx, id):
    site = ctx.site(id)
    hours = ctx.query.get("duration", "").strip()
    if hours not in LEGACY_HOURS:
        raise bad_request(f"duration is required in hours: one of {', '.join(LEGACY_HOURS)}, got {hours!r}")
    if not ctx.query.get("domain"):
        raise bad_request("domain is required: pass the site's domain, for example domain=" + site.domain)

    traffic = SiteTraffic(ctx.state, site, LEGACY_HOURS[hours])
    return list_envelope(_filtered_lines(ctx, traffic), ctx.query, default_per_page=10)
