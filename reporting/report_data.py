"""Traffic, cache, WAF, changes and failures for a scheduled report, added to its ReportContent.

Every section is read on its own: a section whose API call fails adds a line to `problems`
and the report still goes out with the other sections.
"""

import datetime as dt
import logging
from dataclasses import dataclass, replace

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import AuditEvent
from accounts.audit_labels import ChangeRow
from reporting.connection_reports import KIB
from reporting.content import ReportContent
from reporting.tables import BAR, LINE, ChartSpec, Column, Table, Total, number, zone_groups
from rocketnet.errors import RocketNetError
from rocketnet.services import bandwidth as bandwidth_api
from rocketnet.services import reporting as reporting_api
from rocketnet.services import visitors as visitors_api
from sites.models import Job, JobStatus

logger = logging.getLogger(__name__)

MAX_CHANGES = 50

# Actions of the firewall events report, in the order the report lists them.
WAF_ACTIONS = {
    "blockTotal": _("Blocked"),
    "challengeTotal": _("Challenged"),
    "allowTotal": _("Allowed"),
    "skipTotal": _("Skipped"),
}


@dataclass(frozen=True)
class Problem:
    """A section of the report that could not be read, and why."""

    section: str
    site: str
    error: str


def period_dates(period, zone, *, now=None):
    """Return the first and last local day of the whole days in the half-open period, for date_from/date_to.

    The last day is the one before the period's end day, and never later than yesterday, so a
    report never counts a day that has not ended. For example, a week sent on Saturday at 07:00
    covers the seven days from the Saturday before to Friday. A period shorter than a day returns one day.
    """
    now = now or timezone.now()
    first = period.start.astimezone(zone).date()
    last = period.end.astimezone(zone).date() - dt.timedelta(days=1)
    last = min(last, now.astimezone(zone).date() - dt.timedelta(days=1))
    return min(first, last), last


def duration_for(period):
    """Return the shortest `duration` enum value that covers the period (7d for a week, 30d for a month).

    NOTE: CDN and WAF reports end at the time of the call, not at the period end, so a report
    sent late covers the latest days rather than exactly the period.
    """
    return "7d" if period.end - period.start <= dt.timedelta(days=7, hours=1) else "30d"


def add_report_data(content: ReportContent, schedule, client, sites, period) -> ReportContent:
    """Read traffic, cache and WAF figures for `sites` over `period`, and changes and failed jobs from the database."""
    problems = []
    days = period_dates(period, schedule.zone)
    traffic = _traffic(client, sites, days, problems)
    cache = _cache(client, sites, period, problems)
    waf = _waf(client, sites, period, problems)
    return replace(
        content,
        traffic=traffic,
        traffic_days=days,
        cache=cache,
        waf=waf,
        changes=changes_in_period(schedule, period, [site.id for site in sites]),
        failed_jobs=failed_jobs_in_period(schedule, period),
        problems=problems,
    )


def _site_name(site):
    return site.label or site.domain or str(site.id)


def _traffic(client, sites, days, problems):
    date_from, date_to = days
    by_date = {}
    for site in sites:
        try:
            visitors = visitors_api.get_site_visitors(client, site.id, date_from=date_from, date_to=date_to)
            usage = bandwidth_api.get_site_bandwidth(client, site.id, date_from=date_from, date_to=date_to)
        except RocketNetError as error:
            logger.warning("Report: traffic of site %s failed: %s", site.id, error)
            problems.append(Problem(str(_("Traffic")), _site_name(site), str(error)))
            continue

        for item in (visitors or {}).get("visitors") or []:
            row = by_date.setdefault(item.get("date", ""), {"date": item.get("date", ""), "visitors": 0, "bytes": 0})
            row["visitors"] += number(item.get("visitors"))
        # NOTE: like the account usage, per-site bandwidth is reported in KiB.
        for item in (usage or {}).get("usages") or []:
            row = by_date.setdefault(item.get("date", ""), {"date": item.get("date", ""), "visitors": 0, "bytes": 0})
            row["bytes"] += number(item.get("bandwidth")) * KIB

    # The API may return days outside the request (the sandbox fills in any requested date), and a day
    # after date_to has not ended, so only the requested days are kept.
    wanted = (date_from.isoformat(), date_to.isoformat())
    rows = [by_date[key] for key in sorted(by_date) if wanted[0] <= key[:10] <= wanted[1]]
    columns = [Column("date", _("Date")), Column("visitors", _("Unique visitors")),
               Column("bytes", _("Bandwidth"), unit="bytes")]
    return Table(_("Traffic"), columns, rows, ChartSpec(LINE, x="date", y="visitors"))


def bandwidth_chart_table(traffic: Table) -> Table:
    """Return the traffic table drawn as bandwidth per day, for the second traffic chart."""
    return replace(traffic, chart=ChartSpec(LINE, x="date", y="bytes"))


def _cache(client, sites, period, problems):
    by_status = {}
    for site in sites:
        try:
            report = reporting_api.get_cdn_cache_status_report(client, site.id, duration=duration_for(period))
        except RocketNetError as error:
            logger.warning("Report: cache status of site %s failed: %s", site.id, error)
            problems.append(Problem(str(_("Cache")), _site_name(site), str(error)))
            continue
        for group in zone_groups(report.zones, "cacheStatus"):
            status = (group.get("dimensions") or {}).get("cacheStatus", "")
            by_status[status] = by_status.get(status, 0) + number(group.get("count"))

    rows = [{"status": status, "requests": count}
            for status, count in sorted(by_status.items(), key=lambda item: item[1], reverse=True)]
    columns = [Column("status", _("Cache status")), Column("requests", _("Requests"))]
    return Table(_("Cache status"), columns, rows, ChartSpec(BAR, x="status", y="requests"))


def _waf(client, sites, period, problems):
    totals = dict.fromkeys(WAF_ACTIONS, 0)
    for site in sites:
        try:
            report = reporting_api.get_waf_firewall_events_report(client, site.id, duration=duration_for(period))
        except RocketNetError as error:
            logger.warning("Report: WAF events of site %s failed: %s", site.id, error)
            problems.append(Problem(str(_("WAF")), _site_name(site), str(error)))
            continue
        for key in WAF_ACTIONS:
            totals[key] += number(report.totals.get(key))
    return [Total(label, totals[key]) for key, label in WAF_ACTIONS.items()]


def changes_in_period(schedule, period, site_ids):
    """Return the dashboard's changes to the schedule's connection in the period, newest first.

    A schedule limited to some sites still lists the account-level changes (plan, billing
    address, account users), because they affect those sites too.
    """
    events = AuditEvent.objects.filter(
        team_id=schedule.team_id, connection_id=schedule.connection_id,
        created_at__gte=period.start, created_at__lt=period.end,
    )
    if schedule.site_ids:
        events = events.filter(Q(site_id__in=site_ids) | Q(site_id__isnull=True))
    return [ChangeRow(event) for event in events.order_by("-created_at", "-pk")[:MAX_CHANGES]]


def failed_jobs_in_period(schedule, period):
    jobs = Job.objects.filter(
        team_id=schedule.team_id, connection_id=schedule.connection_id, status=JobStatus.FAILED,
        finished_at__gte=period.start, finished_at__lt=period.end,
    )
    if schedule.site_ids:
        jobs = jobs.filter(site_id__in=schedule.site_ids)
    return list(jobs.order_by("-finished_at"))
