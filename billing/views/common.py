"""Helpers shared by the billing views: the role gate, the tab bar and API error handling.

Only team owners and admins see billing: viewers and members get 403 on every billing URL, and
outsiders get 404 from the tenant gate before any role check.
"""

import logging

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from accounts import access
from accounts.crypto import DecryptionError
from accounts.models import Role
from rocketnet.errors import RocketNetError
from sites.selectors import describe_error

logger = logging.getLogger(__name__)

API_ERRORS = (RocketNetError, DecryptionError)
BILLING_ROLE = Role.ADMIN
BAD_GATEWAY = 502

# (slug, title, URL name) of the tabs of one connection's billing pages.
TABS = [
    ("account", _("Account"), "billing:account"),
    ("invoices", _("Invoices"), "billing:invoice_list"),
    ("payment_methods", _("Payment methods"), "billing:payment_methods"),
    ("addresses", _("Addresses"), "billing:address_list"),
    ("emails", _("Billing emails"), "billing:email_list"),
    ("plan", _("Hosting plan"), "billing:plan"),
    ("usage", _("Usage"), "billing:usage"),
]


def billing_connection(request, connection_pk):
    """Return the team's connection for a billing page: 404 for outsiders, 403 below admin."""
    return access.get_connection_for(request, connection_pk, role=BILLING_ROLE)


def render_tab(request, connection, tab, template, context=None, *, status=200):
    full_context = {"connection": connection, "tabs": TABS, "active_tab": tab}
    full_context.update(context or {})
    return render(request, template, full_context, status=status)


def load(connection, description, call):
    """Run a read; return (result, None) or (None, message) when the API call fails."""
    try:
        return call(), None
    except API_ERRORS as error:
        logger.warning("Billing: reading %s of connection %s failed: %s", description, connection.pk, error)
        return None, describe_error(error)


def render_load_error(request, connection, tab, message):
    """Render the tab with only the reason its data could not be read, as 502."""
    return render_tab(request, connection, tab, "billing/load_error.html", {"load_error": message},
                      status=BAD_GATEWAY)
