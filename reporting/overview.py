"""The team-wide overview: traffic totals, top sites, pending updates and failed jobs across all connections."""

import datetime as dt
import logging
from dataclasses import dataclass, field

from accounts import selectors as account_selectors
from accounts.crypto import DecryptionError
from accounts.services import client_for
from reporting.connection_reports import KIB
from rocketnet.errors import RocketNetError
from rocketnet.services import account as account_api
from rocketnet.services import plugins as plugins_api
from rocketnet.services import sites as sites_api
from rocketnet.services import themes as themes_api
from sites.models import Job, JobStatus
from sites.selectors import describe_error

logger = logging.getLogger(__name__)

TOP_SITES = 10


@dataclass
class SiteFigures:
    connection_id: int
    connection_label: str
    site_id: int
    label: str
    visitors: int = 0
    bytes: int = 0
    plugin_updates: list = field(default_factory=list)
    theme_updates: list = field(default_factory=list)
    updates_error: str = ""

    @property
    def pending_update_count(self):
        return len(self.plugin_updates) + len(self.theme_updates)


@dataclass
class ConnectionFailure:
    connection_id: int
    connection_label: str
    message: str


@dataclass
class Overview:
    date_from: dt.date
    date_to: dt.date
    sites: list = field(default_factory=list)
    failures: list = field(default_factory=list)
    failed_jobs: list = field(default_factory=list)
    connection_count: int = 0
    # The team's connections, for the links to their own report pages.
    connections: list = field(default_factory=list)

    @property
    def total_visitors(self):
        return sum(site.visitors for site in self.sites)

    @property
    def total_bytes(self):
        return sum(site.bytes for site in self.sites)

    @property
    def top_by_bandwidth(self):
        return sorted(self.sites, key=lambda site: site.bytes, reverse=True)[:TOP_SITES]

    @property
    def top_by_visitors(self):
        return sorted(self.sites, key=lambda site: site.visitors, reverse=True)[:TOP_SITES]

    @property
    def sites_with_updates(self):
        return [site for site in self.sites if site.pending_update_count or site.updates_error]


def build_overview(team, date_from: dt.date, date_to: dt.date, *, zone=dt.UTC) -> Overview:
    """Read every connection of `team` for [date_from, date_to] and return the overview.

    A connection whose API fails adds a ConnectionFailure and the others are still shown. Failed
    jobs are those that finished failed between the start of `date_from` and the end of `date_to`
    in `zone`.
    """
    connections = account_selectors.connections_for_team(team)
    overview = Overview(date_from=date_from, date_to=date_to, connection_count=len(connections),
                        connections=list(connections))

    for connection in connections:
        try:
            overview.sites.extend(_connection_sites(connection, date_from, date_to))
        except (RocketNetError, DecryptionError) as error:
            logger.warning("Overview: connection %s of team %s failed: %s", connection.pk, team.pk, error)
            overview.failures.append(ConnectionFailure(connection.pk, connection.label, describe_error(error)))

    start = dt.datetime.combine(date_from, dt.time(), tzinfo=zone)
    end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time(), tzinfo=zone)
    overview.failed_jobs = list(
        Job.objects.filter(team=team, status=JobStatus.FAILED, finished_at__gte=start, finished_at__lt=end)
        .select_related("connection").order_by("-finished_at")
    )
    return overview


def _connection_sites(connection, date_from, date_to):
    # NOTE: two package-list calls per site, one site after another and uncached, so the page
    # slows down linearly with the fleet size.
    with client_for(connection) as client:
        site_list = sites_api.list_sites(client)
        usage = account_api.get_account_usage(client, date_from=date_from, date_to=date_to)
        usage_by_site = {item.get("site_id"): item for item in (usage or {}).get("usage") or []
                         if isinstance(item, dict)}

        figures = []
        for site in site_list:
            item = usage_by_site.get(site.id, {})
            row = SiteFigures(
                connection_id=connection.pk, connection_label=connection.label, site_id=site.id,
                label=site.label or site.domain or str(site.id),
                visitors=_int(item.get("visitors")), bytes=_int(item.get("bandwidth")) * KIB,
            )
            _add_updates(client, row)
            figures.append(row)
    return figures


def _add_updates(client, row):
    try:
        row.plugin_updates = [plugin.name for plugin in plugins_api.list_plugins(client, row.site_id)
                              if plugin.update_available]
        row.theme_updates = [theme.name for theme in themes_api.list_themes(client, row.site_id)
                             if theme.update_available]
    except RocketNetError as error:
        logger.warning("Overview: package list of site %s failed: %s", row.site_id, error)
        row.updates_error = describe_error(error)


def _int(value):
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
