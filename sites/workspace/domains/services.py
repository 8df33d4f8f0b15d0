"""Reads and writes of the Domains tab: main domain, aliases, edge settings and custom SSL."""

import logging
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from accounts.crypto import DecryptionError
from accounts.services import client_for
from rocketnet.errors import RocketNetError, ValidationError
from rocketnet.services import custom_ssl, domains
from sites import selectors

logger = logging.getLogger(__name__)


@dataclass
class DomainsPage:
    """Everything the Domains tab shows; a section that failed to load is empty, with its error in `errors`."""

    main: dict = field(default_factory=dict)
    status: dict = field(default_factory=dict)
    aliases: list = field(default_factory=list)
    certificates: list = field(default_factory=list)
    errors: dict = field(default_factory=dict)

    @property
    def on_cdn_url(self):
        """Return True while the site has no live domain of its own and WordPress uses the CDN URL."""
        return self.main.get("active_wordpress_domain") == "cdn_url"

    @property
    def hostnames(self):
        """Return the main domain and every alias, for the certificate form's choices."""
        names = [self.main.get("domain")] + [alias.get("domain") for alias in self.aliases]
        return [name for name in names if name]


def _section(page, site_id, name, load, empty):
    try:
        return load()
    except (RocketNetError, DecryptionError) as error:
        logger.warning("Site %s: loading domain section %s failed: %s", site_id, name, error)
        page.errors[name] = selectors.describe_error(error)
        return empty


def get_domains_page(connection, site_id):
    page = DomainsPage()
    with client_for(connection) as client:
        page.main = _section(page, site_id, "main", lambda: domains.get_main_domain(client, site_id) or {}, {})
        page.status = _section(page, site_id, "status", lambda: domains.get_domain_status(client, site_id) or {}, {})
        page.aliases = _section(page, site_id, "aliases", lambda: domains.list_domain_aliases(client, site_id), [])
        page.certificates = _section(page, site_id, "certificates",
                                     lambda: custom_ssl.list_certificates(client, site_id), [])
    return page


def list_aliases(connection, site_id):
    with client_for(connection) as client:
        return domains.list_domain_aliases(client, site_id)


def explain_alias_error(connection, site_id, domain, error):
    """Return the headline for a rejected alias; the API's message follows it as detail.

    The API's message is not parsed. The site's aliases are listed to tell the user when the
    domain is already one of them, and any other rejection gets a general sentence.
    """
    if not isinstance(error, ValidationError):
        return None
    try:
        aliases = list_aliases(connection, site_id)
    except RocketNetError as list_error:
        logger.warning("Aliases of site %s could not be listed: %s", site_id, list_error)
        aliases = []
    if any(alias.get("domain") == domain for alias in aliases):
        return _("%(domain)s is already an alias of this site.") % {"domain": domain}
    return _("Rocket.net did not add the alias %(domain)s. A domain can be used by only one site, so "
             "check that no other site uses it.") % {"domain": domain}


def set_main_domain(connection, site_id, domain, *, replace, from_alias=False):
    """Give the site `domain` as its main domain: POST while it uses its CDN URL, PUT to replace a live one.

    `from_alias` asks Rocket.net to turn the alias of that name into the main domain rather than keep both.
    """
    with client_for(connection) as client:
        if replace:
            return domains.replace_main_domain(client, site_id, domain=domain, active_wordpress_domain="live_domain",
                                               convert_addon_to_maindomain=from_alias or None)
        return domains.set_main_domain(client, site_id, domain=domain)


def change_prefix(connection, site_id, *, www):
    with client_for(connection) as client:
        return domains.change_main_domain_prefix(client, site_id, www=www)


def change_validation_method(connection, site_id, method):
    with client_for(connection) as client:
        return domains.update_main_domain(client, site_id, validation_method=method)


def recheck_main_domain(connection, site_id, *, force):
    """Ask Rocket.net to validate the main domain again; return its message."""
    with client_for(connection) as client:
        return domains.recheck_main_domain(client, site_id, force=force or None)


def add_alias(connection, site_id, domain):
    with client_for(connection) as client:
        return domains.create_domain_alias(client, site_id, domain=domain)


def delete_alias(connection, site_id, domain_id):
    with client_for(connection) as client:
        return domains.delete_domain_alias(client, site_id, domain_id)


def get_edge_settings(connection, site_id, domain_id=None):
    """Return the edge settings of the main domain (`domain_id` None) or of one alias."""
    with client_for(connection) as client:
        if domain_id is None:
            return domains.get_main_domain_edge_settings(client, site_id) or {}
        return domains.get_domain_alias_edge_settings(client, site_id, domain_id) or {}


def update_edge_settings(connection, site_id, groups, domain_id=None):
    """Send the changed edge setting groups ({group: {option: ...}}) for the main domain or an alias."""
    with client_for(connection) as client:
        if domain_id is None:
            return domains.update_main_domain_edge_settings(client, site_id, **groups)
        return domains.update_domain_alias_edge_settings(client, site_id, domain_id, **groups)


def upload_certificate(connection, site_id, *, domains_list, certificate, key):
    with client_for(connection) as client:
        return custom_ssl.upload_certificate(client, site_id, domains=domains_list, certificate=certificate, key=key)


def get_certificate(connection, site_id, certificate_id):
    with client_for(connection) as client:
        return custom_ssl.get_certificate(client, site_id, certificate_id)


def delete_certificate(connection, site_id, certificate_id):
    with client_for(connection) as client:
        custom_ssl.delete_certificate(client, site_id, certificate_id)
