"""Reads and writes of the Overview tab: usage, WordPress status, access, lock, edit and delete."""

import logging
from dataclasses import dataclass, field

from accounts.services import client_for
from rocketnet.services import bandwidth, sites, visitors, wordpress
from sites import selectors

logger = logging.getLogger(__name__)


@dataclass
class Usage:
    """A site's usage between two dates: totals and, where the API gives them, daily values."""

    totals: dict
    days: list = field(default_factory=list)


def _daily(series, key):
    """Return {date: value} from a list of {"date": ..., key: ...} items, skipping malformed ones."""
    values = {}
    for item in series or []:
        if isinstance(item, dict) and item.get("date") and isinstance(item.get(key), int | float):
            values[str(item["date"])[:10]] = item[key]
    return values


def get_usage(connection, site_id, date_from, date_to):
    """Return the site's usage totals and daily visitors and bandwidth (kilobytes) for the period."""
    with client_for(connection) as client:
        result = sites.get_site_usage(client, site_id, date_from=date_from, date_to=date_to) or {}
        visitor_result = visitors.get_site_visitors(client, site_id, date_from=date_from, date_to=date_to) or {}
        bandwidth_result = bandwidth.get_site_bandwidth(client, site_id, date_from=date_from, date_to=date_to) or {}

    daily_visitors = _daily(visitor_result.get("visitors"), "visitors")
    daily_bandwidth = _daily(bandwidth_result.get("usages"), "bandwidth")
    days = [
        {"date": day, "visitors": daily_visitors.get(day), "bandwidth_kb": daily_bandwidth.get(day)}
        for day in sorted(set(daily_visitors) | set(daily_bandwidth))
    ]
    return Usage(totals=result.get("totals") or {}, days=days)


def get_wordpress_status(connection, site_id):
    with client_for(connection) as client:
        return wordpress.get_wordpress_status(client, site_id)


def get_credentials(connection, site_id):
    """Return the site's SFTP {"username", "password"}. The caller must not log or store it."""
    with client_for(connection) as client:
        return sites.get_credentials(client, site_id)


def get_sign_on_url(connection, site_id, target):
    """Return a single sign-on URL into wp-admin (`target` "wp_admin") or phpMyAdmin ("phpmyadmin")."""
    with client_for(connection) as client:
        if target == "wp_admin":
            return wordpress.get_wordpress_login(client, site_id)
        return sites.get_phpmyadmin_login(client, site_id)


def lock_site(connection, site_id):
    with client_for(connection) as client:
        sites.lock_site(client, site_id)


def unlock_site(connection, site_id):
    with client_for(connection) as client:
        sites.unlock_site(client, site_id)


def update_site(connection, site_id, *, label, metadata):
    """Save the site's label and metadata upstream and drop the cached fleets that list its old label."""
    with client_for(connection) as client:
        site = sites.update_site(client, site_id, label=label, metadata=metadata)
    selectors.forget_cached_fleets(connection)
    return site


def delete_site(connection, site_id):
    """Delete the site upstream and drop the cached fleets that still list it."""
    with client_for(connection) as client:
        sites.delete_site(client, site_id)
    selectors.forget_cached_fleets(connection)
    logger.info("Site %s of connection %s deleted", site_id, connection.pk)
