"""Reads for sites (from Rocket.net) and jobs (from the database)."""

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import selectors as account_selectors
from accounts.crypto import DecryptionError
from accounts.models import Connection
from accounts.services import client_for
from rocketnet.errors import APITimeoutError, APIUnreachableError, AuthenticationError, RocketNetError
from rocketnet.services import backups, site_tasks, sites
from sites.models import Job

logger = logging.getLogger(__name__)

FLEET_CACHE_SECONDS = 60
# Rocket.net publishes no rate limit; a few accounts at once keeps the page fast without bursts.
FLEET_MAX_THREADS = 8
RECENT_TASKS_SHOWN = 10

FLEET_SORT_KEYS = {
    "label": lambda row: (row.label or "").lower(),
    "domain": lambda row: (row.domain or "").lower(),
    "client": lambda row: (row.client_name or row.connection_label).lower(),
    "location": lambda row: (row.location or "").lower(),
    "status": lambda row: (row.status or "").lower(),
    "disk": lambda row: row.disk_usage_kb or 0,
}


@dataclass(frozen=True)
class FleetRow:
    connection_id: int
    connection_label: str
    client_name: str
    site_id: int
    label: str
    domain: str
    location: str
    status: str
    disk_usage_kb: int | None


@dataclass(frozen=True)
class FleetFailure:
    connection_id: int
    connection_label: str
    message: str


@dataclass
class Fleet:
    rows: list = field(default_factory=list)
    failures: list = field(default_factory=list)
    fetched_at: object = None
    connection_count: int = 0


def describe_error(error):
    """Return a short sentence for a Rocket.net or decryption error, for alerts on pages."""
    if isinstance(error, DecryptionError):
        return _("the stored password cannot be decrypted; enter it again on the connection's edit page")
    if isinstance(error, AuthenticationError):
        return _("the login was rejected; update the password of this connection")
    if isinstance(error, APITimeoutError):
        return _("the API did not answer in time")
    if isinstance(error, APIUnreachableError):
        return _("the API could not be reached")
    return str(error)


def _fleet_rows(connection, site_list):
    return [
        FleetRow(
            connection_id=connection.pk, connection_label=connection.label, client_name=connection.client_name,
            site_id=site.id, label=site.label or "", domain=site.domain or site.display_domain or "",
            location=site.location or "", status=site.status or "", disk_usage_kb=site.disk_usage_kb,
        )
        for site in site_list
    ]


def _fetch_connection_sites(client):
    # Runs in a worker thread: no database access here (the token is saved later, in the caller).
    with client:
        return sites.list_sites(client)


def _fetch_fleet(team):
    connections = account_selectors.connections_for_team(team)
    fleet = Fleet(fetched_at=timezone.now(), connection_count=len(connections))
    if not connections:
        return fleet

    clients = {}
    for connection in connections:
        try:
            clients[connection.pk] = client_for(connection, deferred_token_save=True)
        except DecryptionError as error:
            _record_failure(fleet, team, connection, error)

    with ThreadPoolExecutor(max_workers=min(FLEET_MAX_THREADS, len(connections))) as pool:
        futures = {pk: pool.submit(_fetch_connection_sites, client) for pk, client in clients.items()}

    for connection in connections:
        if connection.pk not in futures:
            continue
        clients[connection.pk].token_store.persist()
        try:
            fleet.rows.extend(_fleet_rows(connection, futures[connection.pk].result()))
        except RocketNetError as error:
            _record_failure(fleet, team, connection, error)
    return fleet


def _record_failure(fleet, team, connection, error):
    logger.warning("Fleet: connection %s of team %s failed: %s", connection.pk, team.pk, error)
    fleet.failures.append(FleetFailure(connection.pk, connection.label, describe_error(error)))


def _fleet_cache_key(team):
    return _fleet_cache_key_for(team.pk)


def _fleet_cache_key_for(team_id):
    return f"sites:fleet:team:{team_id}"


def forget_cached_fleets(connection):
    """Delete the cached fleet of every team with a connection to `connection`'s Rocket.net account.

    Call it after a change to a site's label, domain or existence: every team that reaches the same
    account through its own connection lists that site too.
    """
    account_key = connection.account_key
    team_ids = {
        other.team_id
        for other in Connection.objects.filter(email__iexact=connection.email.strip())
        if other.account_key == account_key
    }
    team_ids.add(connection.team_id)
    cache.delete_many([_fleet_cache_key_for(team_id) for team_id in team_ids])


def get_fleet(team, *, refresh=False):
    """Return every site of every connection of the team, cached for FLEET_CACHE_SECONDS.

    A connection that fails adds a FleetFailure and the others' sites are still listed.
    `refresh` bypasses the cache.
    """
    key = _fleet_cache_key(team)
    if not refresh:
        cached = cache.get(key)
        if cached is not None:
            return cached

    fleet = _fetch_fleet(team)
    cache.set(key, fleet, FLEET_CACHE_SECONDS)
    return fleet


def filter_and_sort(rows, *, query="", sort="label", descending=False):
    """Return rows whose label, domain, client or location contains `query`, sorted by `sort`.

    Raises KeyError for a sort key not in FLEET_SORT_KEYS.
    """
    key = FLEET_SORT_KEYS[sort]
    needle = query.strip().lower()
    if needle:
        rows = [
            row for row in rows
            if needle in " ".join([row.label, row.domain, row.client_name, row.connection_label, row.location]).lower()
        ]
    return sorted(rows, key=key, reverse=descending)


# -- one site ----------------------------------------------------------------------------------


@dataclass
class SitePage:
    site: object
    tasks: list = field(default_factory=list)
    backups: list = field(default_factory=list)
    locations: list = field(default_factory=list)
    errors: dict = field(default_factory=dict)


def get_site(connection, site_id):
    """Return the site from Rocket.net; NotFoundError when the account has no such site."""
    with client_for(connection) as client:
        return sites.get_site(client, site_id)


def _section(page, name, load):
    try:
        return load()
    except RocketNetError as error:
        logger.warning("Site %s: loading %s failed: %s", page.site.id, name, error)
        page.errors[name] = describe_error(error)
        return []


def get_site_page(connection, site_id):
    """Return the site with its recent tasks, backups and the clone locations.

    Raises NotFoundError when the site is not in the connection's account. A failing section is
    left empty and its reason stored in `errors`, so the rest of the page still shows.
    """
    with client_for(connection) as client:
        page = SitePage(site=sites.get_site(client, site_id))
        tasks = _section(page, "tasks", lambda: site_tasks.list_tasks(client, site_id, sort="updated", direction="desc"))
        page.tasks = tasks[:RECENT_TASKS_SHOWN]
        page.backups = _section(page, "backups", lambda: backups.list_backups(client, site_id, sort="created_at",
                                                                              direction="desc"))
        page.locations = _section(page, "locations", lambda: sites.list_locations(client))
    return page


def get_backup(connection, site_id, backup_id):
    """Return the site's backup with `backup_id`, or None when the site has no such backup."""
    with client_for(connection) as client:
        found = [backup for backup in backups.list_backups(client, site_id) if backup.id == backup_id]
    return found[0] if found else None


def list_locations(connection):
    with client_for(connection) as client:
        return sites.list_locations(client)


# -- jobs --------------------------------------------------------------------------------------


def jobs_for_team(team, *, limit=100):
    return list(Job.objects.filter(team=team).select_related("connection", "created_by")[:limit])


def jobs_for_site(team, connection, site_id, *, limit=10):
    return list(Job.objects.filter(team=team, connection=connection, site_id=site_id)[:limit])
