"""Firewall (WAF) reports of a site: event lists, breakdowns and time series.

Like the CDN reports these need ``duration``. The event lists are samples of the
window's firewall events (see ``sandbox.traffic_logs``), and the filters apply to them.
"""

from ..graphql_shapes import firewall_group, viewer_body
from ..records import duration_seconds
from ..responses import bad_request, json_response, list_envelope, parse_int
from ..router import route
from ..traffic import (ASNS, ATTACK_PATHS, COUNTRIES, FIREWALL_ACTIONS, FIREWALL_RULES, FIREWALL_SOURCES,
                       RATELIMIT_RULES, USER_AGENTS, WAF_RULES, SiteTraffic)
from ..traffic_logs import ATTACKER_IPS, firewall_events

CHALLENGE_ACTIONS = ("challenge", "managed_challenge", "jschallenge")
DEFAULT_ACTIVITY_LIMIT = 100
MAX_ACTIVITY_LIMIT = 10_000
# Query parameter -> event field, for filters that match any of several values, one exact
# value, or a substring.
LIST_FILTERS = {"action": "action", "country": "clientCountryName", "http_method": "clientRequestHTTPMethodName"}
EXACT_FILTERS = {"client_ip": "clientIP", "asn": "clientAsn", "http_protocol": "clientRequestHTTPProtocol",
                 "ray_id": "rayName"}
SUBSTRING_FILTERS = {"request_path": "clientRequestPath", "asn_description": "clientASNDescription",
                     "query_string": "clientRequestQuery", "user_agent": "userAgent"}
SEARCH_FIELDS = ("clientIP", "clientRequestPath", "clientRequestQuery", "userAgent", "rayName", "ruleId",
                 "clientASNDescription", "clientCountryName")


def _traffic(ctx, id):
    site = ctx.site(id)
    duration_seconds(ctx.query, required=True)
    return SiteTraffic(ctx.state, site, ctx.query["duration"])


def _list_values(query, name):
    """Return the values of a list parameter sent as repeats, ``name[]`` or comma-separated."""
    raw = query.getlist(name) + query.getlist(f"{name}[]")
    return {value.strip() for item in raw for value in item.split(",") if value.strip()}


def filtered_events(ctx, traffic):
    events = firewall_events(traffic)

    actions = _list_values(ctx.query, "action")
    unknown = actions - set(FIREWALL_ACTIONS) - {"bypass", "force_connection_close", "rewrite"}
    if unknown:
        raise bad_request(f"action has unknown value(s) {sorted(unknown)}; use {', '.join(FIREWALL_ACTIONS)}")

    for parameter, field in LIST_FILTERS.items():
        wanted = {value.upper() if parameter != "action" else value for value in _list_values(ctx.query, parameter)}
        if wanted:
            events = [event for event in events if event[field] in wanted]
    for parameter, field in EXACT_FILTERS.items():
        if ctx.query.get(parameter):
            events = [event for event in events if event[field] == ctx.query[parameter].strip()]
    for parameter, field in SUBSTRING_FILTERS.items():
        needle = ctx.query.get(parameter, "").strip().lower()
        if needle:
            events = [event for event in events if needle in event[field].lower()]

    search = ctx.query.get("search", "").strip().lower()
    if search:
        events = [event for event in events if any(search in str(event[field]).lower() for field in SEARCH_FIELDS)]
    return events


@route("GET", "/v1/reporting/sites/{id}/waf/eventlist")
def waf_event_list(ctx, id):
    traffic = _traffic(ctx, id)
    return list_envelope(filtered_events(ctx, traffic), ctx.query, default_per_page=10)


@route("GET", "/v1/reporting/sites/{id}/waf/events")
def waf_events(ctx, id):
    traffic = _traffic(ctx, id)
    limit = parse_int(ctx.query.get("limit", DEFAULT_ACTIVITY_LIMIT), "limit", 1, MAX_ACTIVITY_LIMIT)
    events = filtered_events(ctx, traffic)
    represented = round(sum(event["sampleInterval"] for event in events))
    total = [{"__typeName": "ZoneFirewallEventsAdaptiveByTimeGroups",
              "avg": {"__typename": "ZoneFirewallEventsAdaptiveByTimeGroupsAvg", "sampleInterval": 1.0},
              "count": represented}]
    return json_response(viewer_body({"activity": events[:limit], "total": total}))


def _top(traffic, name, weights, total, with_description=False):
    groups = []
    for label, count in traffic.split(name, total, weights):
        dimensions = {"metric": label}
        if with_description:
            dimensions["description"] = ASNS[label][0]
        groups.append(firewall_group(count, dimensions))
    return groups


@route("GET", "/v1/reporting/sites/{id}/waf/events-source")
def waf_events_source(ctx, id):
    traffic = _traffic(ctx, id)
    total = traffic.firewall_events
    sources = dict(traffic.split("firewall-sources", total, FIREWALL_SOURCES))
    zone = {
        "topASNs": _top(traffic, "fw-asns", {asn: weight for asn, (_, weight) in ASNS.items()}, total, True),
        "topCountries": _top(traffic, "fw-countries", COUNTRIES, total),
        "topFirewallRules": _top(traffic, "fw-rules", FIREWALL_RULES, sources["firewallCustom"]),
        "topHosts": _top(traffic, "fw-hosts", traffic.hosts(), total),
        "topHTTPMethods": _top(traffic, "fw-methods", {"GET": 60, "POST": 40}, total),
        "topIPs": _top(traffic, "fw-ips", {ip: 1 for ip in ATTACKER_IPS}, total),
        "topRatelimitRules": _top(traffic, "fw-ratelimit", RATELIMIT_RULES, sources["ratelimit"]),
        "topUriPaths": _top(traffic, "fw-paths", ATTACK_PATHS, total),
        "topUserAgents": _top(traffic, "fw-agents", USER_AGENTS, total),
        "topWAFRules": _top(traffic, "fw-waf", WAF_RULES, sources["waf"] + sources["firewallManaged"]),
        "total": [firewall_group(total)],
    }
    return json_response(viewer_body(zone))


@route("GET", "/v1/reporting/sites/{id}/waf/firewall-events")
def waf_firewall_events(ctx, id):
    traffic = _traffic(ctx, id)
    series = []
    totals = dict.fromkeys(FIREWALL_ACTIONS, 0)
    for bucket in traffic.buckets:
        for action, count in traffic.split(f"fw-actions-{int(bucket.start)}", bucket.firewall_events, FIREWALL_ACTIONS):
            totals[action] += count
            if count:
                series.append(firewall_group(count, {"metric": action, "ts": bucket.ts}))

    return json_response(viewer_body(
        {"series": series},
        allowTotal=totals["allow"] + totals["log"],
        blockTotal=totals["block"],
        challengeTotal=sum(totals[action] for action in CHALLENGE_ACTIONS),
        skipTotal=totals["skip"],
    ))


@route("GET", "/v1/reporting/sites/{id}/waf/events-services")
def waf_events_services(ctx, id):
    traffic = _traffic(ctx, id)
    groups = [firewall_group(count, {"source": source})
              for source, count in traffic.split("firewall-sources", traffic.firewall_events, FIREWALL_SOURCES)]
    return json_response(viewer_body({"firewallEventsAdaptiveGroups": groups}))


@route("GET", "/v1/reporting/sites/{id}/waf/events-time")
def waf_events_time(ctx, id):
    traffic = _traffic(ctx, id)
    distribution = [{
        "__typename": "ZoneFirewallEventsAdaptiveByTimeGroupsType",
        "avg": {"__typename": "ZoneFirewallEventsAdaptiveByTimeGroupsAvg", "sampleInterval": 1.0},
        "c": bucket.firewall_events,
        "d": {"__typename": "ZoneFirewallEventsAdaptiveByTimeGroupsDimensions", "t": bucket.ts},
    } for bucket in traffic.buckets]
    return json_response(viewer_body({"distribution": distribution}))
