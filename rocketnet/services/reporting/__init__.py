"""Reports of a site: CDN traffic and cache, WAF events and access logs.

Written by rocketnet/codegen/generate_services.py.
"""

from rocketnet.services.reporting.cdn import (
    get_bandwidth_top_usage_report,
    get_bandwidth_usage_report,
    get_cdn_cache_content_report,
    get_cdn_cache_status_report,
    get_cdn_cache_top_report,
    get_cdn_requests_report,
    get_cdn_visitors_report,
    get_cdn_request_volume_by_source,
    get_total_requests_report,
)
from rocketnet.services.reporting.waf import (
    list_waf_events,
    list_waf_events_legacy,
    get_waf_events_services_report,
    get_waf_events_source_report,
    get_waf_events_time_report,
    get_waf_firewall_events_report,
)
from rocketnet.services.reporting.access_logs import (
    list_access_logs_legacy,
    list_access_logs,
)

__all__ = [
    "get_bandwidth_top_usage_report",
    "get_bandwidth_usage_report",
    "get_cdn_cache_content_report",
    "get_cdn_cache_status_report",
    "get_cdn_cache_top_report",
    "get_cdn_request_volume_by_source",
    "get_cdn_requests_report",
    "get_cdn_visitors_report",
    "get_total_requests_report",
    "get_waf_events_services_report",
    "get_waf_events_source_report",
    "get_waf_events_time_report",
    "get_waf_firewall_events_report",
    "list_access_logs",
    "list_access_logs_legacy",
    "list_waf_events",
    "list_waf_events_legacy",
]
