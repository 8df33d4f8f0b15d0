"""Billing test helpers: the sandbox's billing record of an account and ready logged-in clients."""

import pytest

from accounts.models import Role
from sandbox.billing_state import billing_of
from tests.conftest import AGENCY_ONE, AGENCY_TWO


def billing_record(sandbox, email=AGENCY_ONE):
    """Return the sandbox's billing record (addresses, payment_methods, invoices, emails) of an account."""
    return billing_of(sandbox.state, sandbox.state.account_by_email(email))


def invoice_ids(sandbox, email=AGENCY_ONE, *, status=None):
    invoices = billing_record(sandbox, email)["invoices"].values()
    return sorted(invoice["id"] for invoice in invoices if status is None or invoice["status"] == status)


@pytest.fixture
def owner_browser(browser_for):
    return browser_for(Role.OWNER)


@pytest.fixture
def admin_browser(browser_for):
    return browser_for(Role.ADMIN)


@pytest.fixture
def both_accounts(connection_one, connection_two):
    """The two demo accounts, as connections of the team: agency one, then agency two."""
    return {AGENCY_ONE: connection_one, AGENCY_TWO: connection_two}
