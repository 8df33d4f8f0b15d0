"""Reads and writes of the FTP tab. Passwords go to the API only and are never logged or stored."""

from accounts.services import client_for
from rocketnet.services import domains as domain_service
from rocketnet.services import ftp_accounts
from sites.workspace.ftp.forms import api_homedir


def list_accounts(connection, site_id):
    with client_for(connection) as client:
        return sorted(ftp_accounts.list_ftp_accounts(client, site_id), key=lambda item: item.get("user", ""))


def find_account(connection, site_id, user):
    """Return the listed account whose full login is `user`, or None."""
    for account in list_accounts(connection, site_id):
        if account.get("user") == user:
            return account
    return None


def site_domains(connection, site):
    """Return the site's main domain followed by its alias domains, for the domain choice."""
    names = [site.domain] if site.domain else []
    with client_for(connection) as client:
        for alias in domain_service.list_domain_aliases(client, site.id):
            name = alias.get("domain") if isinstance(alias, dict) else None
            if name and name not in names:
                names.append(name)
    return names


def create_account(connection, site_id, *, username, password, homedir, quota, domain):
    with client_for(connection) as client:
        return ftp_accounts.create_ftp_account(client, site_id, username=username, password=password,
                                               homedir=api_homedir(homedir), quota=quota, domain=domain)


def update_account(connection, site_id, user, changes):
    with client_for(connection) as client:
        return ftp_accounts.update_ftp_account(client, site_id, username=user, **changes)


def delete_account(connection, site_id, user):
    with client_for(connection) as client:
        return ftp_accounts.delete_ftp_account(client, site_id, username=user)
