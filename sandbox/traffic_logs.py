"""Sampled firewall events and access log lines of a site's report window.

Like Cloudflare's adaptive sampling, a window with many events returns at most
``MAX_SAMPLES`` of them, and each carries ``sampleInterval``: how many real events
it stands for. The samples follow the window's buckets, so busy hours have more.
"""


from .clock import iso_timestamp
from .traffic import (ASNS, ATTACK_PATHS, CACHE_STATUSES, CLIENT_IPS, COUNTRIES,
                      DEVICE_TYPES, EDGE_STATUS_CODES, FIREWALL_ACTIONS, FIREWALL_SOURCES, METHODS, PATHS,
                      PROTOCOLS, QUERY_STRINGS, REFERERS, USER_AGENTS)

MAX_SAMPLES = 300
ATTACKER_IPS = [f"198.51.100.{number}" for number in (7, 23, 54, 99, 131, 200, 244)]


def _pick(rng, weights):
    labels = list(weights)
    values = [weight if not isinstance(weight, tuple) else weight[1] for weight in weights.values()]
    return rng.choices(labels, weights=values, k=1)[0]


def _moments(rng, traffic, per_bucket, count):
    """Return ``count`` timestamps spread over the buckets in proportion to ``per_bucket``."""
    weights = [max(0, value) for value in per_bucket]
    if not any(weights):
        return []
    buckets = rng.choices(traffic.buckets, weights=weights, k=count)
    return sorted((bucket.start + rng.uniform(0, bucket.seconds) for bucket in buckets), reverse=True)


def firewall_events(traffic):
    """Return the sampled firewall events of the window, newest first."""
    total = traffic.firewall_events
    count = min(total, MAX_SAMPLES)
    if count == 0:
        return []

    rng = traffic.rng("firewall-events")
    interval = round(total / count, 4)
    events = []
    for moment in _moments(rng, traffic, [bucket.firewall_events for bucket in traffic.buckets], count):
        asn = _pick(rng, ASNS)
        country = _pick(rng, COUNTRIES)
        path = _pick(rng, ATTACK_PATHS)
        events.append({
            "action": _pick(rng, FIREWALL_ACTIONS),
            "clientASNDescription": ASNS[asn][0],
            "clientAsn": asn,
            "clientCountryName": country,
            "clientIP": rng.choice(ATTACKER_IPS),
            "clientRequestHTTPHost": traffic.site.domain,
            "clientRequestHTTPMethodName": rng.choice(["GET", "GET", "POST"]),
            "clientRequestHTTPProtocol": _pick(rng, PROTOCOLS),
            "clientRequestPath": path.split("?")[0],
            "clientRequestQuery": "?" + path.split("?")[1] if "?" in path else "",
            "datetime": iso_timestamp(moment),
            "matchIndex": 0,
            "metadata": [{"key": "ruleset_version", "value": str(rng.randint(1, 40))},
                         {"key": "type", "value": "customer"}, {"key": "version", "value": "1"}],
            "rayName": "%016x" % rng.getrandbits(64),
            "ruleId": "%032x" % rng.getrandbits(128),
            "sampleInterval": interval,
            "source": _pick(rng, FIREWALL_SOURCES),
            "userAgent": _pick(rng, USER_AGENTS),
        })
    return events


def access_log_lines(traffic):
    """Return sampled access log lines of the window, newest first."""
    count = min(traffic.requests, MAX_SAMPLES)
    rng = traffic.rng("access-logs")
    hosts = traffic.hosts()
    lines = []
    for moment in _moments(rng, traffic, [bucket.requests for bucket in traffic.buckets], count):
        cache_status = _pick(rng, CACHE_STATUSES)
        status = _pick(rng, EDGE_STATUS_CODES)
        referer = _pick(rng, REFERERS)
        lines.append({
            "RayID": "%016x" % rng.getrandbits(64),
            "EdgeResponseStatus": status,
            "ClientIP": _pick(rng, CLIENT_IPS),
            "ClientRequestUserAgent": _pick(rng, USER_AGENTS),
            "ClientDeviceType": _pick(rng, DEVICE_TYPES),
            "ClientRequestURI": _pick(rng, PATHS) + _pick(rng, QUERY_STRINGS),
            "ClientRequestHost": _pick(rng, hosts),
            # Served from cache means no origin request, which Cloudflare logs as 0.
            "OriginResponseStatus": 0 if cache_status == "hit" else status,
            "CacheCacheStatus": cache_status,
            "ClientCountry": _pick(rng, COUNTRIES).lower(),
            "ClientRequestReferer": "" if referer == "(direct)" else f"https://{referer}/",
            "ClientRequestMethod": _pick(rng, METHODS),
            "timestamp": iso_timestamp(moment),
        })
    return lines


