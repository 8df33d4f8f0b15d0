"""Reads and writes of the SSH keys tab."""

from accounts.services import client_for
from rocketnet.services import ssh_keys


def list_keys(connection, site_id):
    with client_for(connection) as client:
        return sorted(ssh_keys.list_ssh_keys(client, site_id), key=lambda key: key.get("name", ""))


def get_key(connection, site_id, name):
    with client_for(connection) as client:
        return ssh_keys.get_ssh_key(client, site_id, name)


def import_key(connection, site_id, *, name, key):
    with client_for(connection) as client:
        return ssh_keys.import_ssh_key(client, site_id, name=name, key=key)


def authorize(connection, site_id, name):
    with client_for(connection) as client:
        return ssh_keys.authorize_ssh_key(client, site_id, name=name)


def deauthorize(connection, site_id, name):
    with client_for(connection) as client:
        return ssh_keys.deauthorize_ssh_key(client, site_id, name=name)


def delete_key(connection, site_id, name):
    with client_for(connection) as client:
        return ssh_keys.delete_ssh_key(client, site_id, name=name)


def is_authorized(key):
    return key.get("authstatus") == "authorized"
