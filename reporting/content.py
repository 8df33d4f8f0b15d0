"""Report content: the account's sites with disk usage and the backups made in the period.

Plain dataclasses built from rocketnet results, so the email templates and the browser preview
render the same figures.
"""

import datetime as dt
import logging
from dataclasses import dataclass, field

from rocketnet.models import Backup, Site

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackupRow:
    label: str
    status: str
    created: dt.datetime


@dataclass(frozen=True)
class SiteRow:
    """One site of the report. `backups_error` is set when its backup list could not be read."""

    site_id: int
    name: str
    domain: str
    disk_usage_kb: int | None
    backups: list[BackupRow] = field(default_factory=list)
    backups_error: str = ""
    status: str = ""

    @property
    def is_healthy(self) -> bool:
        # Rocket.net reports a serving site as "active"; anything else (suspended, provisioning, ...) is flagged.
        return self.status in ("", "active")

    @property
    def disk_usage_bytes(self) -> int | None:
        return None if self.disk_usage_kb is None else self.disk_usage_kb * 1024


@dataclass(frozen=True)
class ReportContent:
    """Everything a report template shows. `api_error` is set when the site list could not be read."""

    connection_label: str
    client_name: str
    period_start: dt.datetime
    period_end: dt.datetime
    generated_at: dt.datetime
    sites: list[SiteRow] = field(default_factory=list)
    api_error: str = ""
    # Filled by reporting.report_data; each is None or empty when not read.
    traffic: object = None
    # (first, last) local day of the traffic rows; see reporting.report_data.period_dates.
    traffic_days: tuple | None = None
    cache: object = None
    waf: list = field(default_factory=list)
    changes: list = field(default_factory=list)
    failed_jobs: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    @property
    def site_count(self) -> int:
        return len(self.sites)

    @property
    def total_disk_usage_bytes(self) -> int:
        return sum(site.disk_usage_bytes or 0 for site in self.sites)

    @property
    def backup_count(self) -> int:
        return sum(len(site.backups) for site in self.sites)

    @property
    def sites_without_backup_list(self) -> int:
        return sum(1 for site in self.sites if site.backups_error)

    @property
    def unhealthy_sites(self) -> list[SiteRow]:
        return [site for site in self.sites if not site.is_healthy]

    @property
    def has_traffic(self) -> bool:
        """Return True when the traffic table has a day with visitors or bandwidth; all-zero days count as none."""
        return bool(self.traffic) and any(row["visitors"] or row["bytes"] for row in self.traffic.rows)

    @property
    def total_visitors(self) -> int:
        return sum(row["visitors"] for row in self.traffic.rows) if self.traffic else 0

    @property
    def total_bandwidth_bytes(self) -> int:
        return sum(row["bytes"] for row in self.traffic.rows) if self.traffic else 0

    @property
    def waf_total(self) -> int:
        return sum(total.value for total in self.waf)


def parse_api_time(value: str | None) -> dt.datetime | None:
    """Parse an ISO 8601 time from the API ('2024-01-01T12:01:05.986Z'); naive values count as UTC."""
    if not value:
        return None

    try:
        parsed = dt.datetime.fromisoformat(value.replace(" ", "T", 1))
    except ValueError:
        return None

    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed


def backups_in_period(backups: list[Backup], start: dt.datetime, end: dt.datetime, *, site_id: int) -> list[BackupRow]:
    """Return the backups created in [start, end), oldest first; backups without a readable time are left out."""
    rows = []
    for backup in backups:
        created = parse_api_time(backup.created)
        if created is None:
            logger.warning("Backup %s of site %s has an unreadable created time %r", backup.id, site_id, backup.created)
            continue

        if start <= created < end:
            rows.append(BackupRow(label=backup.label or "", status=backup.status or "", created=created))

    rows.sort(key=lambda row: row.created)
    return rows


def site_row(site: Site, backups: list[BackupRow], backups_error: str = "") -> SiteRow:
    return SiteRow(
        site_id=site.id,
        name=site.label or site.domain or str(site.id),
        domain=site.display_domain or site.domain or "",
        disk_usage_kb=site.disk_usage_kb,
        backups=backups,
        backups_error=backups_error,
        status=site.status or "",
    )
