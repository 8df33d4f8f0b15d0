"""Samples for the reporting, firewall, access log and bandwidth reports."""

from .helpers import first_site

DURATION_REPORTS = [
    "/v1/reporting/sites/{id}/cdn/cache-status",
    "/v1/reporting/sites/{id}/cdn/cache-content",
    "/v1/reporting/sites/{id}/cdn/cache-top",
    "/v1/reporting/sites/{id}/visitors",
    "/v1/reporting/sites/{id}/waf/events-source",
    "/v1/reporting/sites/{id}/waf/firewall-events",
    "/v1/reporting/sites/{id}/waf/events-services",
    "/v1/reporting/sites/{id}/waf/events-time",
    "/v1/reporting/sites/{id}/bandwidth/top-usage",
    "/v1/reporting/sites/{id}/bandwidth/usage",
    "/v1/sites/{id}/reporting/cdn_request_volume_by_source",
    "/v1/sites/{id}/reporting/total_requests",
    "/v1/sites/{id}/reporting/bandwidth/usage",
]


def report(path, **params):
    def sample(api):
        return api.get(path.replace("{id}", str(first_site(api))), params={"duration": "24h", **params})

    return sample


def legacy_access_logs(api):
    site_id = first_site(api)
    domain = api.get(f"/v1/sites/{site_id}").json()["result"]["domain"]
    return api.get(f"/v1/sites/{site_id}/access-logs", params={"duration": 6, "domain": domain, "per_page": 5})


SAMPLES = {("GET", path): report(path) for path in DURATION_REPORTS}
SAMPLES.update({
    ("GET", "/v1/reporting/sites/{id}/cdn/requests"): report("/v1/reporting/sites/{id}/cdn/requests",
                                                             req_type="edgeOrigin"),
    ("GET", "/v1/reporting/sites/{id}/waf/eventlist"): report("/v1/reporting/sites/{id}/waf/eventlist",
                                                              action="block", per_page=5),
    ("GET", "/v1/reporting/sites/{id}/waf/events"): report("/v1/reporting/sites/{id}/waf/events", limit=5),
    ("GET", "/v1/sites/{id}/access_logs"): report("/v1/sites/{id}/access_logs", cache_status="hit", per_page=5),
    ("GET", "/v1/sites/{id}/access-logs"): legacy_access_logs,
})
