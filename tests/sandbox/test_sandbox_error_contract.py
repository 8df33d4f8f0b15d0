"""Error responses of the reporting, billing, user, transfer and site feature operations.

Each case triggers one error and openapi-core checks that the operation declares that
status and that the body matches the spec's error schema.
"""

import copy

import pytest
from openapi_core import OpenAPI
from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse
from spec_support import load_spec

from sandbox_testkit import AGENCY_TWO, TASK_SECONDS, Api
from sandbox.server import running_sandbox

pytestmark = pytest.mark.contract

MISSING_UUID = "00000000-0000-4000-8000-000000000000"


def first_site(api):
    return api.site_ids()[0]


def unpaid_invoice(api):
    return api.get("/v1/billing/invoices", params={"status": "Unpaid"}).json()["result"][0]["id"]


def pay_without_card(api):
    card = api.get("/v1/billing/payment_methods").json()["result"][0]
    api.patch(f"/v1/billing/payment_methods/{card['id']}", json={"active": False})
    return api.post(f"/v1/billing/invoices/{unpaid_invoice(api)}/credit_card_payment")


def transfer_to_full_plan(api, sandbox):
    recipient = Api(api.base_url, email=AGENCY_TWO)
    sandbox.state.account_by_email(AGENCY_TWO).site_limit = 1
    site_id = first_site(api)
    transfer = api.post(f"/v1/sites/{site_id}/transfer", json={"email": AGENCY_TWO}).json()["result"]
    return recipient.post(f"/v1/sites/{site_id}/transfer/{transfer['transfer_id']}/accept")


def reject_cancelled_transfer(api, sandbox):
    recipient = Api(api.base_url, email=AGENCY_TWO)
    site_id = first_site(api)
    transfer = api.post(f"/v1/sites/{site_id}/transfer", json={"email": AGENCY_TWO}).json()["result"]
    api.post(f"/v1/sites/{site_id}/transfer/{transfer['transfer_id']}/cancel")
    return recipient.post(f"/v1/sites/{site_id}/transfer/{transfer['transfer_id']}/reject")


def delete_owner(api):
    owner = api.get("/v1/users").json()["result"][0]
    return api.delete(f"/v1/users/{owner['id']}")


def insert_while_disabled(api):
    site_id = first_site(api)
    api.post(f"/v1/sites/{site_id}/activity/disable")
    return api.post(f"/v1/sites/{site_id}/activity/events", json={"type": "plugin", "action": "installed"})


CASES = {
    "400 report without duration": lambda api, sandbox: api.get(
        f"/v1/reporting/sites/{first_site(api)}/cdn/requests"),
    "400 total requests bad duration": lambda api, sandbox: api.get(
        f"/v1/sites/{first_site(api)}/reporting/total_requests", params={"duration": "2w"}),
    "404 report on unknown site": lambda api, sandbox: api.get(
        "/v1/reporting/sites/99999/waf/eventlist", params={"duration": "1h"}),
    "400 access logs foreign domain": lambda api, sandbox: api.get(
        f"/v1/sites/{first_site(api)}/access_logs", params={"duration": "1h", "domain": "example.org"}),
    "400 unknown billing address": lambda api, sandbox: api.get("/v1/billing/addresses/1"),
    "400 address missing fields": lambda api, sandbox: api.post("/v1/billing/addresses", json={"city": "X"}),
    "412 pay without active card": lambda api, sandbox: pay_without_card(api),
    "403 invoice pdf wrong token": lambda api, sandbox: api.get(
        f"/v1/billing/invoices/{unpaid_invoice(api)}/pdf", params={"token": "guess"}),
    "400 card without setup intent": lambda api, sandbox: api.post(
        "/v1/billing/payment_methods", json={"card_token": "tok_visa", "address_id": 4201}),
    "412 transfer to full plan": transfer_to_full_plan,
    "403 reject cancelled transfer": reject_cancelled_transfer,
    "403 account owner delete": lambda api, sandbox: delete_owner(api),
    "404 unknown account user": lambda api, sandbox: api.get(f"/v1/users/{MISSING_UUID}"),
    "403 site list without site user": lambda api, sandbox: api.get("/v1/sites/users"),
    "401 site user wrong password": lambda api, sandbox: api.post(
        "/v1/sites/users/login", json={"username": "nobody@example.com", "password": "wrong-pass"}),
    "400 password strength without password": lambda api, sandbox: api.post("/v1/password_strength", json={}),
    "400 generate password too short": lambda api, sandbox: api.post(
        "/v1/users/generate_password", json={"length": 3}),
    "404 unknown certificate": lambda api, sandbox: api.get(
        f"/v1/sites/{first_site(api)}/ssl/certificates/{MISSING_UUID}"),
    "400 shop shield bad uri": lambda api, sandbox: api.post(
        f"/v1/sites/{first_site(api)}/shop_shield", json={"uri": "checkout"}),
    "400 protection without users": lambda api, sandbox: api.post(
        f"/v1/sites/{first_site(api)}/password_protection"),
    "400 activity insert while disabled": lambda api, sandbox: insert_while_disabled(api),
    "404 unknown site template": lambda api, sandbox: api.get(f"/v1/sites/templates/{MISSING_UUID}"),
    "400 template without site": lambda api, sandbox: api.post("/v1/site_templates", json={"name": "x"}),
}


@pytest.fixture(scope="module")
def shared_sandbox():
    with running_sandbox(seed=1, task_seconds=TASK_SECONDS) as running:
        yield running


@pytest.fixture
def sandbox(shared_sandbox):
    shared_sandbox.state.reset()
    return shared_sandbox


@pytest.fixture(scope="module")
def validator(shared_sandbox):
    served = copy.deepcopy(load_spec())
    served["servers"] = [{"url": shared_sandbox.url}]
    return OpenAPI.from_dict(served)


@pytest.mark.parametrize("case", sorted(CASES))
def test_error_matches_spec(case, api, sandbox, validator):
    response = CASES[case](api, sandbox)

    assert response.status_code == int(case.split()[0]), response.text
    assert response.json()["success"] is False
    validator.validate_response(RequestsOpenAPIRequest(response.request), RequestsOpenAPIResponse(response))
