"""The per-site reports: which Rocket.net operation each page calls and how its body becomes a Table.

Every report here takes the `duration` enum (30m ... 30d), which is what these operations accept.
"""

from dataclasses import dataclass
from typing import Callable

from django.utils.translation import gettext_lazy as _

from accounts.services import client_for
from rocketnet.services import reporting as api
from rocketnet.services._common import DURATIONS
from reporting.tables import BAR, LINE, ChartSpec, Column, Table, Total, dimension, group_keys, nested, number, zone_groups

DEFAULT_DURATION = "7d"
DURATION_CHOICES = [(value, value) for value in DURATIONS]

# Rows of the WAF event list page; the API pages it, and one page is enough for a report.
WAF_EVENTS_PER_PAGE = 100

TIME = Column("time", _("Time (UTC)"))
REQUESTS = Column("requests", _("Requests"))
BYTES = Column("bytes", _("Bandwidth"), unit="bytes")


def _bandwidth(report):
    rows = [
        {"time": dimension(group, "ts"), "requests": number(group.get("count")),
         "bytes": nested(group, "sum", "edgeResponseBytes")}
        for group in zone_groups(report.zones, "series")
    ]
    return Table(_("Bandwidth"), [TIME, REQUESTS, BYTES], rows, ChartSpec(LINE, x="time", y="bytes"))


def _visitors(report):
    # The visitors report puts `visits` under `avg`, which is how the API names the field.
    rows = [
        {"time": dimension(group, "ts"), "visitors": nested(group, "avg", "visits"),
         "requests": number(group.get("count"))}
        for group in zone_groups(report.zones, "series")
    ]
    columns = [TIME, Column("visitors", _("Unique visitors")), REQUESTS]
    totals = [Total(_("Unique visitors"), number(report.totals.get("visitorsTotal")))]
    return Table(_("Unique visitors"), columns, rows, ChartSpec(LINE, x="time", y="visitors"), totals)


REQUEST_SERIES = {
    "totalRequests": _("Total requests"),
    "edgeRequests": _("Served by the CDN"),
    "originRequests": _("Served by the origin"),
    "wafEvents": _("WAF events"),
}


def _requests(result):
    result = result if isinstance(result, dict) else {}
    graph = result.get("graph") if isinstance(result.get("graph"), dict) else {}
    by_time = {}
    for key in REQUEST_SERIES:
        for point in graph.get(key) or []:
            if isinstance(point, dict):
                by_time.setdefault(point.get("ts", ""), {"time": point.get("ts", "")})[key] = number(point.get("count"))

    totals_body = result.get("totals") if isinstance(result.get("totals"), dict) else {}
    totals = [Total(label, nested(totals_body, key, "count")) for key, label in REQUEST_SERIES.items()]
    columns = [TIME] + [Column(key, label) for key, label in REQUEST_SERIES.items()]
    rows = [by_time[key] for key in sorted(by_time)]
    return Table(_("CDN requests"), columns, rows, ChartSpec(LINE, x="time", y="totalRequests"), totals)


def _cache_status(report):
    rows = [
        {"status": dimension(group, "cacheStatus"), "requests": number(group.get("count")),
         "bytes": nested(group, "sum", "edgeResponseBytes")}
        for group in zone_groups(report.zones, "cacheStatus")
    ]
    columns = [Column("status", _("Cache status")), REQUESTS, BYTES]
    return Table(_("Cache status"), columns, rows, ChartSpec(BAR, x="status", y="requests"))


def _cache_content(report):
    rows = []
    for group in zone_groups(report.zones, "cacheStatus"):
        content_type = dimension(group, "edgeResponseContentTypeName")
        status = dimension(group, "cacheStatus")
        rows.append({"label": f"{content_type} / {status}", "content_type": content_type, "status": status,
                     "requests": number(group.get("count")), "bytes": nested(group, "sum", "edgeResponseBytes")})
    columns = [Column("content_type", _("Content type")), Column("status", _("Cache status")), REQUESTS, BYTES]
    return Table(_("Cache content"), columns, rows, ChartSpec(BAR, x="label", y="requests"))


def _grouped(report, title, value_columns, y):
    """Flatten a report whose zone contains several top-N lists (topASNs, countries, ...) into one table."""
    rows, overall = [], []
    for key in group_keys(report.zones):
        for group in zone_groups(report.zones, key):
            metric = dimension(group, "metric") or dimension(group, "source")
            description = dimension(group, "description")
            row = {"group": key, "metric": metric, "description": description,
                   "label": f"{key}: {description or metric}", "requests": number(group.get("count")),
                   "events": number(group.get("count")), "bytes": nested(group, "sum", "edgeResponseBytes")}
            # The "total" list is the count over everything, so it is a total, not one more bar next to the top lists.
            (overall if key == "total" else rows).append(row)

    columns = [Column("group", _("Group")), Column("metric", _("Value"), unit="id"), Column("description", _("Description"))]
    value_column = next(column for column in value_columns if column.key == y)
    totals = [Total(value_column.label, sum(row[y] for row in overall), value_column.unit)] if overall else []
    return Table(title, columns + value_columns, rows, ChartSpec(BAR, x="label", y=y), totals)


def _waf_sources(report):
    return _grouped(report, _("WAF events by source"), [Column("events", _("Events"))], "events")


def _top_usage(report):
    return _grouped(report, _("Top bandwidth usage"), [REQUESTS, BYTES], "bytes")


def _waf_services(report):
    rows = [
        {"service": dimension(group, "source"), "events": number(group.get("count"))}
        for group in zone_groups(report.zones, "firewallEventsAdaptiveGroups")
    ]
    columns = [Column("service", _("Service")), Column("events", _("Events"))]
    return Table(_("WAF events by service"), columns, rows, ChartSpec(BAR, x="service", y="events"))


def _waf_time(report):
    rows = [
        {"time": dimension(group, "t"), "events": number(group.get("c"))}
        for group in zone_groups(report.zones, "distribution")
    ]
    columns = [TIME, Column("events", _("Events"))]
    return Table(_("WAF events over time"), columns, rows, ChartSpec(LINE, x="time", y="events"))


FIREWALL_TOTALS = {
    "allowTotal": _("Allowed"),
    "blockTotal": _("Blocked"),
    "challengeTotal": _("Challenged"),
    "skipTotal": _("Skipped"),
}


def _firewall(report):
    rows = [
        {"time": dimension(group, "ts"), "action": dimension(group, "metric"), "events": number(group.get("count"))}
        for group in zone_groups(report.zones, "series")
    ]
    columns = [TIME, Column("action", _("Action")), Column("events", _("Events"))]
    totals = [Total(label, number(report.totals.get(key))) for key, label in FIREWALL_TOTALS.items()
              if key in report.totals]
    return Table(_("Firewall events"), columns, rows, ChartSpec(LINE, x="time", y="events", series="action"), totals)


def _waf_events(result):
    events = result if isinstance(result, list) else []
    rows = [
        {"time": event.get("datetime", ""), "action": event.get("action", ""), "source": event.get("source", ""),
         "ip": event.get("clientIP", ""), "country": event.get("clientCountryName", ""),
         "method": event.get("clientRequestHTTPMethodName", ""), "path": event.get("clientRequestPath", "")}
        for event in events if isinstance(event, dict)
    ]
    columns = [TIME, Column("action", _("Action")), Column("source", _("Service")), Column("ip", _("Client IP")),
               Column("country", _("Country")), Column("method", _("Method")), Column("path", _("Path"))]
    return Table(_("WAF events"), columns, rows)


@dataclass(frozen=True)
class SiteReport:
    slug: str
    title: str
    fetch: Callable
    to_table: Callable


REPORTS = [
    SiteReport("bandwidth", _("Bandwidth"), api.get_bandwidth_usage_report, _bandwidth),
    SiteReport("visitors", _("Unique visitors"), api.get_cdn_visitors_report, _visitors),
    SiteReport("requests", _("CDN requests"), api.get_total_requests_report, _requests),
    SiteReport("cache-status", _("Cache status"), api.get_cdn_cache_status_report, _cache_status),
    SiteReport("cache-content", _("Cache content"), api.get_cdn_cache_content_report, _cache_content),
    SiteReport("waf-events", _("WAF events"),
               lambda client, site_id, *, duration: api.list_waf_events(
                   client, site_id, duration=duration, per_page=WAF_EVENTS_PER_PAGE),
               _waf_events),
    SiteReport("waf-sources", _("WAF by source"), api.get_waf_events_source_report, _waf_sources),
    SiteReport("waf-services", _("WAF by service"), api.get_waf_events_services_report, _waf_services),
    SiteReport("waf-time", _("WAF over time"), api.get_waf_events_time_report, _waf_time),
    SiteReport("firewall", _("Firewall events"), api.get_waf_firewall_events_report, _firewall),
    SiteReport("top-usage", _("Top bandwidth usage"), api.get_bandwidth_top_usage_report, _top_usage),
]
REPORTS_BY_SLUG = {report.slug: report for report in REPORTS}


def load_site_table(connection, site_id, report: SiteReport, duration: str) -> Table:
    """Call the report's operation for one site and return its table; RocketNetError propagates."""
    with client_for(connection) as client:
        body = report.fetch(client, site_id, duration=duration)
    return report.to_table(body)
