"""Deterministic CDN and firewall traffic of a site, for the reporting endpoints.

A report window ends at the start of the current bucket and contains a fixed number
of buckets (``WINDOWS``), so the same seed, site and sandbox time always give the same
numbers. Each bucket's requests follow a per-site size, a daily rhythm (busier in the
UTC afternoon) and seeded noise. Cached share, bytes, visits and firewall events derive
from the requests. Breakdowns by country, path, browser and so on split a total by
fixed weights with seeded noise, and their counts add up to that total exactly.
"""

import random
from dataclasses import dataclass

from .clock import iso_timestamp

MINUTE, HOUR, DAY = 60, 3600, 24 * 3600

# duration -> (bucket seconds, bucket count)
WINDOWS = {
    "30m": (MINUTE, 30),
    "1h": (2 * MINUTE, 30),
    "6h": (15 * MINUTE, 24),
    "12h": (30 * MINUTE, 24),
    "24h": (HOUR, 24),
    "72h": (3 * HOUR, 24),
    "7d": (6 * HOUR, 28),
    "30d": (DAY, 30),
    # Only the deprecated access-logs operation uses a 48-hour window.
    "48h": (2 * HOUR, 24),
}
DAILY_RHYTHM = [0.45, 0.4, 0.35, 0.35, 0.4, 0.5, 0.65, 0.8, 0.95, 1.05, 1.15, 1.2,
                1.25, 1.3, 1.35, 1.35, 1.3, 1.25, 1.15, 1.05, 0.95, 0.8, 0.65, 0.55]
FIREWALL_ACTIONS = {"block": 0.45, "managed_challenge": 0.2, "challenge": 0.1, "jschallenge": 0.05,
                    "skip": 0.08, "allow": 0.07, "log": 0.05}
FIREWALL_SOURCES = {"firewallManaged": 0.5, "firewallCustom": 0.25, "waf": 0.15, "ratelimit": 0.1}

COUNTRIES = {"US": 40, "GB": 10, "DE": 9, "CA": 7, "FR": 6, "NL": 5, "IN": 5, "AU": 4, "BR": 3, "JP": 3}
METHODS = {"GET": 86, "POST": 10, "HEAD": 3, "OPTIONS": 1}
ASNS = {"15169": ("GOOGLE", 20), "7922": ("COMCAST-7922", 18), "16509": ("AMAZON-02", 12),
        "3320": ("DTAG Internet service provider operations", 9), "2856": ("BT-UK-AS BTnet UK", 8),
        "13335": ("CLOUDFLARENET", 5), "14061": ("DIGITALOCEAN-ASN", 4)}
BROWSERS = {"Chrome": 45, "ChromeMobile": 22, "Safari": 14, "MobileSafari": 9, "Firefox": 6, "Edge": 4}
CACHE_STATUSES = {"hit": 68, "dynamic": 14, "miss": 9, "expired": 5, "none": 4}
CLIENT_IPS = {f"203.0.113.{number}": weight for number, weight in
              ((17, 9), (42, 7), (88, 6), (120, 5), (201, 4), (7, 3))}
COLOS = {"IAD": 22, "ORD": 16, "DFW": 12, "LHR": 12, "FRA": 10, "AMS": 8, "SIN": 5, "SYD": 4}
DEVICE_TYPES = {"desktop": 52, "mobile": 42, "tablet": 6}
EDGE_STATUS_CODES = {200: 82, 304: 8, 301: 4, 404: 4, 403: 1, 500: 1}
ORIGIN_STATUS_CODES = {200: 88, 301: 5, 404: 5, 500: 2}
PROTOCOLS = {"HTTP/2": 62, "HTTP/3": 28, "HTTP/1.1": 9, "HTTP/1.0": 1}
OSES = {"Windows": 34, "iOS": 24, "Android": 22, "MacOSX": 14, "Linux": 4, "ChromeOS": 2}
PATHS = {"/": 20, "/wp-content/themes/theme/style.css": 14, "/wp-includes/js/jquery/jquery.min.js": 12,
         "/wp-content/uploads/hero.jpg": 10, "/blog/": 8, "/contact/": 5, "/wp-admin/admin-ajax.php": 5,
         "/shop/": 4, "/wp-json/wp/v2/posts": 3}
CONTENT_TYPES = {"html": 24, "css": 18, "js": 22, "jpeg": 14, "png": 9, "webp": 7, "json": 4, "woff2": 2}
QUERY_STRINGS = {"": 70, "?ver=6.7.1": 18, "?p=42": 5, "?s=hours": 4, "?utm_source=newsletter": 3}
REFERERS = {"(direct)": 40, "google.com": 30, "bing.com": 6, "facebook.com": 8, "duckduckgo.com": 4,
            "t.co": 3}
USER_AGENTS = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36": 34,
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1": 22,
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Mobile Safari/537.36": 20,
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15": 14,
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)": 6,
    "curl/8.5.0": 4,
}
X_REQUESTED_WITH = {"(Empty X-Requested-With header)": 92, "XMLHttpRequest": 8}
FIREWALL_RULES = {"Block bad bots": 40, "Challenge wp-login.php": 30, "Allow uptime monitor": 20,
                  "Block xmlrpc.php": 10}
RATELIMIT_RULES = {"wp-login.php: 10 per minute": 70, "admin-ajax.php: 120 per minute": 30}
WAF_RULES = {"WordPress - Dangerous File Upload": 30, "SQLi - Union Select": 25,
             "XSS - Script Tag": 20, "Directory Traversal": 15, "PHP Object Injection": 10}
ATTACK_PATHS = {"/wp-login.php": 45, "/xmlrpc.php": 25, "/wp-admin/": 10, "/.env": 8, "/wp-config.php.bak": 6,
                "/?s=<script>": 6}


@dataclass(frozen=True)
class Bucket:
    start: float
    seconds: int
    requests: int
    cached: int
    bytes: int
    visits: int
    firewall_events: int

    @property
    def origin(self):
        return self.requests - self.cached

    @property
    def ts(self):
        return iso_timestamp(self.start)


class SiteTraffic:
    """The traffic of one site over one report window (``duration``)."""

    def __init__(self, state, site, duration):
        self.state = state
        self.site = site
        self.duration = duration
        self.bucket_seconds, count = WINDOWS[duration]
        now = state.now()
        self.end = now - now % self.bucket_seconds
        self.start = self.end - count * self.bucket_seconds
        self.buckets = [self._bucket(self.start + index * self.bucket_seconds) for index in range(count)]

    def rng(self, *parts):
        return self.state.rng("traffic", self.site.id, self.duration, int(self.end), *parts)

    def _bucket(self, start):
        scale = random.Random(f"{self.state.seed}-traffic-scale-{self.site.id}")
        hourly_requests = scale.randint(120, 4000)
        cached_share = scale.uniform(0.72, 0.9)
        bytes_per_request = scale.randint(18_000, 60_000)

        noise = random.Random(f"{self.state.seed}-traffic-{self.site.id}-{int(start)}-{self.bucket_seconds}")
        hours = self.bucket_seconds / HOUR
        rhythm = _average_rhythm(start, self.bucket_seconds)
        requests = int(hourly_requests * hours * rhythm * noise.uniform(0.8, 1.2))
        cached = int(requests * min(0.98, cached_share * noise.uniform(0.95, 1.05)))
        return Bucket(
            start=start,
            seconds=self.bucket_seconds,
            requests=requests,
            cached=cached,
            bytes=requests * int(bytes_per_request * noise.uniform(0.85, 1.15)),
            visits=int(requests / noise.uniform(6.0, 10.0)),
            firewall_events=int(requests * noise.uniform(0.004, 0.015)),
        )

    # Totals

    @property
    def requests(self):
        return sum(bucket.requests for bucket in self.buckets)

    @property
    def cached(self):
        return sum(bucket.cached for bucket in self.buckets)

    @property
    def origin(self):
        return self.requests - self.cached

    @property
    def bytes(self):
        return sum(bucket.bytes for bucket in self.buckets)

    @property
    def visits(self):
        return sum(bucket.visits for bucket in self.buckets)

    @property
    def firewall_events(self):
        return sum(bucket.firewall_events for bucket in self.buckets)

    def hosts(self):
        domain = self.site.domain
        hosts = {domain: 70, f"www.{domain}": 20, self.site.rocket_url: 10}
        if domain == self.site.rocket_url:
            hosts = {domain: 100}
        return hosts

    def split(self, name, total, weights):
        """Split ``total`` over ``weights`` (label -> weight); returns [(label, count)], largest first."""
        return split_counts(self.rng("split", name), total, weights)


def _average_rhythm(start, seconds):
    hours = max(1, int(seconds // HOUR))
    first_hour = int(start // HOUR)
    return sum(DAILY_RHYTHM[(first_hour + offset) % 24] for offset in range(hours)) / hours


def split_counts(rng, total, weights):
    """Split ``total`` by noisy weights; the counts are whole numbers that add up to ``total``."""
    noisy = {label: weight * rng.uniform(0.7, 1.3) for label, weight in weights.items()}
    scale = sum(noisy.values())
    counts = {label: int(total * value / scale) for label, value in noisy.items()}
    remainder = total - sum(counts.values())
    top = max(noisy, key=noisy.get)
    counts[top] += remainder
    return sorted(counts.items(), key=lambda pair: (-pair[1], str(pair[0])))


def percentage(count, total):
    return round(100.0 * count / total, 2) if total else 0.0
