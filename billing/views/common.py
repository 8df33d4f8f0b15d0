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
from rocketnet.errors import NotFoundError, RocketNetError, ValidationError
from sites.selectors import describe_error

logger = logging.getLogger(__name__)

API_ERRORS = (RocketNetError, DecryptionError)
BILLING_ROLE = Role.ADMIN
BAD_GATEWAY = 502
NOT_FOUND = 404

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


def load_record(connection, description, record_id, get, list_all):
    """Read one record by id; return (record, None, 200) or (None, message, status).

    The API responds to an unknown address or email id with 400, not 404. On a 400 this lists the records,
    and when the id is not among them the result is a 404 with a plain message instead of the API's.
    """
    try:
        return get(), None, 200
    except (NotFoundError, ValidationError) as error:
        logger.warning("Billing: reading %s of connection %s failed: %s", description, connection.pk, error)
        try:
            listed = {str(record.get("id")) for record in list_all()}
        except API_ERRORS:
            listed = None
        if isinstance(error, NotFoundError) or (listed is not None and str(record_id) not in listed):
            message = _("%(record)s does not exist in this Rocket.net account. Pick one from the list instead.")
            return None, message % {"record": description}, NOT_FOUND
        return None, describe_error(error), BAD_GATEWAY
    except API_ERRORS as error:
        logger.warning("Billing: reading %s of connection %s failed: %s", description, connection.pk, error)
        return None, describe_error(error), BAD_GATEWAY


def render_load_error(request, connection, tab, message, *, status=BAD_GATEWAY):
    """Render the tab with only the reason its data could not be read (502 unless `status` is given)."""
    return render_tab(request, connection, tab, "billing/load_error.html", {"load_error": message},
                      status=status)


def invoice_step_page(request, connection, template, context, row, form):
    """Return the page to show when a payment step must not call the API, or None when it may.

    That is a paid invoice (400 on POST), a GET, or a POST whose form is invalid (400).
    """
    if not row.is_unpaid:
        return render_tab(request, connection, "invoices", template, context,
                          status=400 if request.method == "POST" else 200)
    if request.method == "GET":
        return render_tab(request, connection, "invoices", template, context)
    if not form.is_valid():
        return render_tab(request, connection, "invoices", template, context, status=400)
    return None
