"""Reads and writes of the SSH keys tab."""

import logging

from django.utils.translation import gettext as _

from accounts.services import client_for
from rocketnet.errors import RocketNetError, ValidationError
from rocketnet.services import ssh_keys

logger = logging.getLogger(__name__)


def list_keys(connection, site_id):
    with client_for(connection) as client:
        return sorted(ssh_keys.list_ssh_keys(client, site_id), key=lambda key: key.get("name", ""))


def get_key(connection, site_id, name):
    with client_for(connection) as client:
        return ssh_keys.get_ssh_key(client, site_id, name)


def import_key(connection, site_id, *, name, key):
    with client_for(connection) as client:
        return ssh_keys.import_ssh_key(client, site_id, name=name, key=key)


def explain_import_error(connection, site_id, name, error):
    """Return a sentence for an import rejected because the key name is taken, or None.

    The API's message is not parsed: the keys are listed, so the sentence is given only when a
    key of that name is really there.
    """
    if not isinstance(error, ValidationError):
        return None
    try:
        name_in_use = any(key.get("name") == name for key in list_keys(connection, site_id))
    except RocketNetError as list_error:
        logger.warning("SSH keys of site %s could not be listed: %s", site_id, list_error)
        return None
    if not name_in_use:
        return None
    return _("An SSH key named %(name)s already exists on this site. Choose another name, or delete "
             "that key first.") % {"name": name}


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
