"""Property-based calls against the sandbox, generated from the spec by schemathesis.

Each operation gets a few generated requests (positive data only, derandomized so that a failure
repeats) sent with an agency token. Every response must not be a 5xx and must use a status code
that the spec documents for the operation. The whole module stops generating after
TIME_BUDGET_SECONDS; operations reached after that skip with the reason.
"""

import time

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import status_code_conformance

import sandbox.app  # noqa: F401  (importing the app registers every handler's route)
from sandbox.router import implemented_operations
from scripts.api_contract import SpecMissing, load_spec

pytestmark = pytest.mark.contract

MAX_EXAMPLES = 8
TIME_BUDGET_SECONDS = 180
CALL_TIMEOUT_SECONDS = 10

# Operations where a generated request exposes a sandbox bug, with the request that shows it.
# Fixing the bug turns the strict xfail into a failure that asks to remove the entry.
UNKNOWN_BILLING_ID = "an unknown id returns 404, which the spec does not list for this operation: "
SITE_ID_ZERO = "site id 0 returns 400, which the spec does not list; 0 is a valid SiteID, so expect 404: "
KNOWN_SANDBOX_BUGS = {
    ("GET", "/v1/billing/addresses/{address_id}"):
        UNKNOWN_BILLING_ID + "GET /v1/billing/addresses/1",
    ("PATCH", "/v1/billing/addresses/{address_id}"):
        UNKNOWN_BILLING_ID + "PATCH /v1/billing/addresses/1",
    ("DELETE", "/v1/billing/addresses/{address_id}"):
        UNKNOWN_BILLING_ID + "DELETE /v1/billing/addresses/1",
    ("GET", "/v1/billing/emails/{email_id}"):
        UNKNOWN_BILLING_ID + "GET /v1/billing/emails/1",
    ("GET", "/v1/billing/invoices/{invoice_id}"):
        UNKNOWN_BILLING_ID + "GET /v1/billing/invoices/1",
    ("POST", "/v1/billing/invoices/{invoice_id}/credit_card_payment"):
        UNKNOWN_BILLING_ID + "POST /v1/billing/invoices/1/credit_card_payment",
    ("PATCH", "/v1/billing/invoices/{invoice_id}/paypal_subscription"):
        UNKNOWN_BILLING_ID + "PATCH /v1/billing/invoices/1/paypal_subscription",
    ("POST", "/v1/billing/invoices/{invoice_id}/paypal_subscription"):
        UNKNOWN_BILLING_ID + "POST /v1/billing/invoices/1/paypal_subscription",
    ("GET", "/v1/billing/payment_methods/{payment_method_id}"):
        UNKNOWN_BILLING_ID + "GET /v1/billing/payment_methods/1",
    ("PATCH", "/v1/billing/payment_methods/{payment_method_id}"):
        UNKNOWN_BILLING_ID + "PATCH /v1/billing/payment_methods/1",
    ("DELETE", "/v1/billing/payment_methods/{payment_method_id}"):
        UNKNOWN_BILLING_ID + "DELETE /v1/billing/payment_methods/1",
    ("POST", "/v1/billing/payment_methods"):
        "an unknown address_id in the body returns 404, which the spec does not list: POST /v1/billing/payment_methods "
        "with address_id 888000888",
    ("POST", "/v1/sites/{id}/transfer/{transfer_id}/reject"):
        SITE_ID_ZERO + "POST /v1/sites/0/transfer/0/reject",
}


def load_schema():
    try:
        raw = load_spec()
    except SpecMissing:
        return None
    # The base URL is the running sandbox's, passed to each call; this one is never contacted.
    return schemathesis.from_dict(raw, base_url="http://127.0.0.1:9")


SCHEMA = load_schema()


@pytest.fixture(scope="module")
def deadline():
    return time.monotonic() + TIME_BUDGET_SECONDS


def operation_key(item):
    """Return (METHOD, path) from a schemathesis test name such as "test_generated_calls[GET /v1/sites]"."""
    method, _, path = item.name.split("[", 1)[1].rstrip("]").partition(" ")
    return (method.upper(), path)


@pytest.fixture
def operation_guard(request, deadline):
    """Skip unimplemented operations and any operation reached after the time budget is spent."""
    key = operation_key(request.node)
    if key not in set(implemented_operations()):
        pytest.skip("the sandbox does not implement this operation; test_error_contract reports it")
    if time.monotonic() > deadline:
        pytest.skip(f"the {TIME_BUDGET_SECONDS} s budget of this module is spent")

    reason = KNOWN_SANDBOX_BUGS.get(key)
    if reason:
        request.applymarker(pytest.mark.xfail(reason=reason, strict=True))

if SCHEMA is None:

    def test_generated_calls(spec):
        """Skips (fails under CI=true) through the `spec` fixture: the spec is missing."""

else:

    @SCHEMA.parametrize()
    @settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def test_generated_calls(case, sandbox, token, operation_guard):
        response = case.call(base_url=sandbox.url, headers={"Authorization": f"Bearer {token}"},
                             timeout=CALL_TIMEOUT_SECONDS)

        case.validate_response(response, checks=(not_a_server_error, status_code_conformance))
