"""Password protection of one site (HTTP basic auth in front of it) and its usernames."""

from accounts.services import client_for
from rocketnet.services import password_protection


def get_status(connection, site_id):
    """Return (enabled, users) where users are dicts with "user_id" and "username"."""
    with client_for(connection) as client:
        status = password_protection.get_password_protection(client, site_id) or {}
        users = password_protection.list_password_protection_users(client, site_id)
    return bool(status.get("enabled")), users


def set_enabled(connection, site_id, enabled):
    with client_for(connection) as client:
        if enabled:
            return password_protection.enable_password_protection(client, site_id)
        return password_protection.disable_password_protection(client, site_id)


def add_user(connection, site_id, *, username, password):
    with client_for(connection) as client:
        return password_protection.add_password_protection_user(client, site_id, username=username,
                                                                 password=password)


def remove_user(connection, site_id, user_id):
    with client_for(connection) as client:
        return password_protection.remove_password_protection_user(client, site_id, user_id)
