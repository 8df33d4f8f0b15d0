"""Reads for bulk jobs (from the database) and the fleet plugin search (from Rocket.net)."""

import logging
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q

from accounts import selectors as account_selectors
from accounts.crypto import DecryptionError
from accounts.services import client_for
from rocketnet.errors import RocketNetError
from rocketnet.services import plugins
from sites import selectors as site_selectors
from sites.bulk.models import ITEM_ACTIVE_STATUSES, BulkItem, BulkJob, ItemStatus
from sites.bulk.versions import is_below

logger = logging.getLogger(__name__)

# Connections searched at once by the fleet plugin search; each also searches its own sites in
# parallel, up to ROCKETNET_MAX_CONCURRENCY_PER_ACCOUNT at a time.
SEARCH_MAX_CONNECTION_THREADS = 8


# -- bulk jobs ----------------------------------------------------------------------------------


@dataclass
class Progress:
    total: int
    counts: dict

    @property
    def finished(self):
        return self.total - sum(self.counts.get(status, 0) for status in ITEM_ACTIVE_STATUSES)

    @property
    def is_done(self):
        return self.finished == self.total

    @property
    def percent(self):
        return round(100 * self.finished / self.total) if self.total else 100

    @property
    def failed(self):
        return self.counts.get(ItemStatus.FAILED, 0)

    @property
    def active(self):
        return self.total - self.finished

    def rows(self):
        """Return (status, label, count) for each status that has items, in the life-cycle order."""
        return [(status, label, self.counts[status]) for status, label in ItemStatus.choices
                if self.counts.get(status)]


def current_items(job):
    """Return the latest attempt of each site of the job, ordered by client account and site label."""
    return list(
        job.items.filter(is_current=True).select_related("connection")
        .order_by("connection__label", "site_label", "site_id")
    )


def progress_of(items):
    counts = Counter(item.status for item in items)
    return Progress(total=len(items), counts=dict(counts))


def bulk_jobs_for_team(team, *, limit=50):
    """Return the team's latest bulk jobs, each annotated with its site count and active items."""
    return list(
        BulkJob.objects.filter(team=team).select_related("created_by")
        .annotate(
            site_count=Count("items", filter=Q(items__is_current=True)),
            active_count=Count("items", filter=Q(items__is_current=True, items__status__in=ITEM_ACTIVE_STATUSES)),
            failed_count=Count("items", filter=Q(items__is_current=True, items__status=ItemStatus.FAILED)),
        )[:limit]
    )


def item_history(job):
    """Return {(connection_id, site_id): [earlier attempts]} for sites retried at least once."""
    history = {}
    for item in job.items.filter(is_current=False).order_by("attempt"):
        history.setdefault((item.connection_id, item.site_id), []).append(item)
    return history


# -- fleet plugin search ------------------------------------------------------------------------


@dataclass(frozen=True)
class PluginMatch:
    connection_id: int
    connection_label: str
    client_name: str
    site_id: int
    site_label: str
    version: str
    active: bool
    update_available: bool
    update_version: str


@dataclass(frozen=True)
class SearchFailure:
    connection_label: str
    site_label: str
    message: str


@dataclass
class PluginSearch:
    slug: str
    below: str
    matches: list = field(default_factory=list)
    failures: list = field(default_factory=list)
    sites_searched: int = 0


def _plugin_on_site(client, site_id, slug):
    # Runs in a worker thread: no database access here.
    for plugin in plugins.list_plugins(client, site_id, search=slug):
        if plugin.name == slug:
            return plugin
    return None


def _search_connection(client, rows, slug):
    """Return [(row, plugin or None, error or None)] for the connection's sites, several sites at once."""
    with client, ThreadPoolExecutor(max_workers=settings.ROCKETNET_MAX_CONCURRENCY_PER_ACCOUNT) as pool:
        futures = [(row, pool.submit(_plugin_on_site, client, row.site_id, slug)) for row in rows]
        found = []
        for row, future in futures:
            try:
                found.append((row, future.result(), None))
            except RocketNetError as error:
                found.append((row, None, error))
    return found


def search_plugin(team, slug, *, below=""):
    """Return the sites of every connection that have plugin `slug`, optionally only below version `below`.

    Sites come from the fleet (cached for a minute). Each connection's sites are searched in a
    thread of their own. A connection or site that fails adds a SearchFailure, and the others are
    still searched.
    """
    fleet = site_selectors.get_fleet(team)
    search = PluginSearch(slug=slug, below=below)
    search.failures.extend(SearchFailure(failure.connection_label, "", failure.message)
                           for failure in fleet.failures)

    connections = {connection.pk: connection for connection in account_selectors.connections_for_team(team)}
    rows_by_connection = {}
    for row in fleet.rows:
        if row.connection_id in connections:
            rows_by_connection.setdefault(row.connection_id, []).append(row)

    clients = {}
    for connection_id in rows_by_connection:
        try:
            clients[connection_id] = client_for(connections[connection_id], deferred_token_save=True)
        except DecryptionError as error:
            search.failures.append(SearchFailure(connections[connection_id].label, "",
                                                 site_selectors.describe_error(error)))
    if not clients:
        return search

    with ThreadPoolExecutor(max_workers=min(SEARCH_MAX_CONNECTION_THREADS, len(clients))) as pool:
        futures = {pk: pool.submit(_search_connection, client, rows_by_connection[pk], slug)
                   for pk, client in clients.items()}

    for connection_id, future in futures.items():
        clients[connection_id].token_store.persist()
        _collect(search, connections[connection_id], future.result())

    search.matches.sort(key=lambda match: (match.client_name.lower(), match.site_label.lower()))
    return search


def _collect(search, connection, found):
    for row, plugin, error in found:
        label = row.label or row.domain or str(row.site_id)
        if error is not None:
            logger.warning("Plugin search: site %s of connection %s failed: %s", row.site_id, connection.pk, error)
            search.failures.append(SearchFailure(connection.label, label, site_selectors.describe_error(error)))
            continue

        search.sites_searched += 1
        if plugin is None or (search.below and not is_below(plugin.version, search.below)):
            continue
        search.matches.append(PluginMatch(
            connection_id=connection.pk, connection_label=connection.label,
            client_name=connection.client_name or connection.label, site_id=row.site_id, site_label=label,
            version=plugin.version or "", active=plugin.is_active, update_available=plugin.update_available,
            update_version=plugin.update_version or "",
        ))

