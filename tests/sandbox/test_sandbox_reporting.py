"""Reports over real HTTP: duration windows, determinism, GraphQL-like bodies and filters."""

import pytest

from sandbox.traffic import WINDOWS

REPORTS = [
    "/v1/reporting/sites/{id}/cdn/requests",
    "/v1/reporting/sites/{id}/cdn/cache-status",
    "/v1/reporting/sites/{id}/cdn/cache-content",
    "/v1/reporting/sites/{id}/cdn/cache-top",
    "/v1/reporting/sites/{id}/visitors",
    "/v1/reporting/sites/{id}/waf/eventlist",
    "/v1/reporting/sites/{id}/waf/events",
    "/v1/reporting/sites/{id}/waf/events-source",
    "/v1/reporting/sites/{id}/waf/firewall-events",
    "/v1/reporting/sites/{id}/waf/events-services",
    "/v1/reporting/sites/{id}/waf/events-time",
    "/v1/reporting/sites/{id}/bandwidth/top-usage",
    "/v1/reporting/sites/{id}/bandwidth/usage",
    "/v1/sites/{id}/access_logs",
    "/v1/sites/{id}/reporting/cdn_request_volume_by_source",
    "/v1/sites/{id}/reporting/total_requests",
    "/v1/sites/{id}/reporting/bandwidth/usage",
]
GRAPHQL_REPORTS = [path for path in REPORTS if path.startswith("/v1/reporting/") and "eventlist" not in path]


def report(api, path, site_id=None, **params):
    site_id = site_id or api.site_ids()[0]
    return api.get(path.replace("{id}", str(site_id)), params=params)


def zone(response):
    body = response.json()
    assert "result" not in body
    assert body["data"]["viewer"]["__typename"] == "viewer"
    zones = body["data"]["viewer"]["zones"]
    assert len(zones) == 1
    return zones[0]


@pytest.mark.parametrize("path", REPORTS)
def test_report_requires_duration(api, path):
    response = report(api, path)

    assert response.status_code == 400
    assert "duration is required" in response.json()["result"]["msg"]


@pytest.mark.parametrize("path", REPORTS)
def test_report_rejects_unknown_duration(api, path):
    response = report(api, path, duration="2w")

    assert response.status_code == 400
    message = response.json()["result"]["msg"]
    assert "'2w'" in message
    assert "30m" in message


@pytest.mark.parametrize("path", GRAPHQL_REPORTS)
def test_graphql_reports_have_no_envelope_result(api, path):
    response = report(api, path, duration="24h")

    assert response.status_code == 200, response.text
    assert zone(response)["__typename"] == "zone"
    assert response.json()["errors"] == []


@pytest.mark.parametrize("duration", sorted(WINDOWS.keys() - {"48h"}))
def test_total_requests_window_buckets(api, duration):
    bucket_seconds, count = WINDOWS[duration]

    result = report(api, "/v1/sites/{id}/reporting/total_requests", duration=duration).json()["result"]

    graph = result["graph"]["totalRequests"]
    assert len(graph) == count
    assert sum(point["count"] for point in graph) == result["totals"]["totalRequests"]["count"]
    assert result["totals"]["totalRequests"]["countPercentage"] == 100.0


def test_total_requests_split_edge_and_origin(api):
    result = report(api, "/v1/sites/{id}/reporting/total_requests", duration="7d").json()["result"]
    totals = result["totals"]

    assert totals["edgeRequests"]["count"] + totals["originRequests"]["count"] == totals["totalRequests"]["count"]
    assert totals["edgeRequests"]["count"] > totals["originRequests"]["count"]
    assert 0 < totals["wafEvents"]["count"] < totals["totalRequests"]["count"]


def test_reports_are_deterministic_for_same_clock(sandbox, api):
    first = report(api, "/v1/reporting/sites/{id}/cdn/requests", duration="72h").json()
    second = report(api, "/v1/reporting/sites/{id}/cdn/requests", duration="72h").json()

    assert first == second
    sandbox.state.reset()
    assert report(api, "/v1/reporting/sites/{id}/cdn/requests", duration="72h").json() == first


def test_reports_differ_between_sites(api):
    first, second = api.site_ids()[:2]

    one = report(api, "/v1/sites/{id}/reporting/total_requests", first, duration="24h").json()["result"]
    two = report(api, "/v1/sites/{id}/reporting/total_requests", second, duration="24h").json()["result"]

    assert one["totals"]["totalRequests"] != two["totals"]["totalRequests"]


def test_longer_window_moves_with_clock(api):
    before = report(api, "/v1/sites/{id}/reporting/total_requests", duration="24h").json()["result"]
    api.advance(3600)
    after = report(api, "/v1/sites/{id}/reporting/total_requests", duration="24h").json()["result"]

    # One hour later the 24-hourly buckets shift by one: the old second is the new first.
    assert after["graph"]["totalRequests"][0] == before["graph"]["totalRequests"][1]


def test_cdn_requests_edge_origin_totals(api):
    default = report(api, "/v1/reporting/sites/{id}/cdn/requests", duration="24h").json()
    split = report(api, "/v1/reporting/sites/{id}/cdn/requests", duration="24h", req_type="edgeOrigin").json()

    assert split["serveByEdgeTotal"] + split["serveByOriginTotal"] == default["requestsTotal"]
    edge = zone_of(split)["servedByEdge"]
    assert sum(item["count"] for item in edge) == split["serveByEdgeTotal"]
    transfer = zone_of(default)["data_transferTotals"]
    assert sum(item["sum"]["edgeResponseBytes"] for item in transfer) == default["dataTransferTotal"]


def zone_of(body):
    return body["data"]["viewer"]["zones"][0]


def test_cdn_requests_rejects_unknown_req_type(api):
    response = report(api, "/v1/reporting/sites/{id}/cdn/requests", duration="1h", req_type="originOnly")

    assert response.status_code == 400
    assert "originOnly" in response.json()["result"]["msg"]


def test_cache_status_counts_add_up(api):
    requests = report(api, "/v1/reporting/sites/{id}/cdn/requests", duration="6h").json()["requestsTotal"]
    groups = zone(report(api, "/v1/reporting/sites/{id}/cdn/cache-status", duration="6h"))["cacheStatus"]

    assert sum(group["count"] for group in groups) == requests
    assert {group["dimensions"]["cacheStatus"] for group in groups} >= {"hit", "miss"}


def test_visitors_report_series(api):
    body = report(api, "/v1/reporting/sites/{id}/visitors", duration="30d").json()
    series = zone_of(body)["series"]

    assert len(series) == 30
    assert sum(item["avg"]["visits"] for item in series) == body["visitorsTotal"]
    assert all(item["avg"]["visits"] < item["count"] for item in series)


def test_firewall_events_totals_match_series(api):
    body = report(api, "/v1/reporting/sites/{id}/waf/firewall-events", duration="7d").json()
    series = zone_of(body)["series"]
    blocked = sum(item["count"] for item in series if item["dimensions"]["metric"] == "block")

    assert blocked == body["blockTotal"]
    time_series = zone(report(api, "/v1/reporting/sites/{id}/waf/events-time", duration="7d"))["distribution"]
    assert sum(item["c"] for item in time_series) == sum(item["count"] for item in series)


def test_waf_eventlist_filters_and_pages(api):
    everything = report(api, "/v1/reporting/sites/{id}/waf/eventlist", duration="24h", per_page=1000).json()
    blocked = report(api, "/v1/reporting/sites/{id}/waf/eventlist", duration="24h", action="block",
                     per_page=1000).json()

    assert blocked["metadata"]["total"] < everything["metadata"]["total"]
    assert {event["action"] for event in blocked["result"]} == {"block"}
    page = report(api, "/v1/reporting/sites/{id}/waf/eventlist", duration="24h", per_page=5, page=2).json()
    assert page["result"] == everything["result"][5:10]


def test_waf_eventlist_filters_by_ip_and_path(api):
    events = report(api, "/v1/reporting/sites/{id}/waf/eventlist", duration="24h", per_page=1000).json()["result"]
    target = events[0]

    by_ip = report(api, "/v1/reporting/sites/{id}/waf/eventlist", duration="24h", per_page=1000,
                   client_ip=target["clientIP"]).json()["result"]
    by_ray = report(api, "/v1/reporting/sites/{id}/waf/eventlist", duration="24h",
                    ray_id=target["rayName"]).json()["result"]

    assert by_ip
    assert all(event["clientIP"] == target["clientIP"] for event in by_ip)
    assert by_ray == [target]


def test_waf_eventlist_rejects_unknown_action(api):
    response = report(api, "/v1/reporting/sites/{id}/waf/eventlist", duration="24h", action="explode")

    assert response.status_code == 400
    assert "explode" in response.json()["result"]["msg"]


def test_waf_events_limit(api):
    activity = zone(report(api, "/v1/reporting/sites/{id}/waf/events", duration="72h", limit=3))["activity"]

    assert len(activity) == 3
    assert activity[0]["datetime"] >= activity[-1]["datetime"]


def test_access_logs_filter_cache_status(api):
    body = report(api, "/v1/sites/{id}/access_logs", duration="24h", cache_status="hit", per_page=1000).json()

    assert body["metadata"]["total"] > 0
    assert {line["CacheCacheStatus"] for line in body["result"]} == {"hit"}
    assert {line["OriginResponseStatus"] for line in body["result"]} == {0}


def test_access_logs_reject_foreign_domain(api):
    response = report(api, "/v1/sites/{id}/access_logs", duration="24h", domain="example.org")

    assert response.status_code == 400
    assert "example.org" in response.json()["result"]["msg"]


def test_legacy_access_logs_need_domain_and_hours(api):
    site_id = api.site_ids()[0]
    domain = api.get(f"/v1/sites/{site_id}").json()["result"]["domain"]

    missing_domain = report(api, "/v1/sites/{id}/access-logs", site_id, duration=6)
    string_duration = report(api, "/v1/sites/{id}/access-logs", site_id, duration="6h", domain=domain)
    good = report(api, "/v1/sites/{id}/access-logs", site_id, duration=48, domain=domain)

    assert missing_domain.status_code == 400
    assert "domain is required" in missing_domain.json()["result"]["msg"]
    assert string_duration.status_code == 400
    assert good.status_code == 200
    assert {line["ClientRequestHost"] for line in good.json()["result"]} == {domain}


def test_volume_by_source_percentages(api):
    result = report(api, "/v1/sites/{id}/reporting/cdn_request_volume_by_source", duration="12h").json()["result"]

    countries = result["countries"]
    assert sum(item["count"] for item in countries) == result["totalCount"]
    assert abs(sum(item["countPercentage"] for item in countries) - 100.0) < 0.5
    assert countries == sorted(countries, key=lambda item: -item["count"])


def test_bandwidth_usage_totals_match_graph(api):
    result = report(api, "/v1/sites/{id}/reporting/bandwidth/usage", duration="24h").json()["result"]

    for name in ("requests", "usage", "visits"):
        assert sum(point["count"] for point in result["graph"][name]) == result["totals"][name]["count"]


def test_reports_hide_other_accounts_sites(api, api_two):
    foreign = api_two.site_ids()[0]

    response = report(api, "/v1/reporting/sites/{id}/cdn/requests", foreign, duration="24h")

    assert response.status_code == 404
    assert str(foreign) in response.json()["result"]["msg"]
