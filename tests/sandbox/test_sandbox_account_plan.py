"""Hosting plan changes, password change, cancellation request and billing SSO."""

import requests

from sandbox_testkit import AGENCY_ONE, AGENCY_TWO


def test_hosting_plan_matches_account(api):
    plan = api.get("/v1/account/hosting_plan").json()["result"]

    assert plan["current_plan"]["name"] == "Agency 25"
    assert plan["current_plan"]["type"] == "Agency"
    assert plan["current_plan"]["pricing"]["billing_cycle"] == "Monthly"
    assert plan["addons"][0]["status"] == "Active"


def test_plan_preview_changes_nothing(api):
    preview = api.put("/v1/account/hosting_plan", params={"preview": "true"},
                      json={"billing_product_id": 13, "billing_cycle": "Annual"}).json()["result"]

    assert preview["total"] == 3500.0
    assert api.get("/v1/account/hosting_plan").json()["result"]["current_plan"]["product_id"] == 12


def test_plan_change_adds_invoice(api):
    result = api.put("/v1/account/hosting_plan", json={"billing_product_id": 13}).json()["result"]
    invoice = api.get(f"/v1/billing/invoices/{result['invoice_id']}")
    me = api.get("/v1/account/me").json()["result"]

    assert result["total"] == 350.0
    assert invoice.status_code == 200, invoice.text
    assert api.get("/v1/account/hosting_plan").json()["result"]["current_plan"]["name"] == "Agency 50"
    assert me["package"]["plan"] == "Agency 50"
    assert me["limits"]["sites"] == 50


def test_plan_downgrade_below_site_count_is_412(api):
    response = api.put("/v1/account/hosting_plan", json={"billing_product_id": 1})

    assert response.status_code == 412
    assert "7" in response.json()["result"]["msg"]


def test_plan_change_validation(api):
    unknown = api.put("/v1/account/hosting_plan", json={"billing_product_id": 999})
    bad_cycle = api.put("/v1/account/hosting_plan", json={"billing_product_id": 12, "billing_cycle": "Weekly"})
    bad_payment = api.post("/v1/account/hosting_plan", json={
        "firstname": "A", "lastname": "B", "billing_product_id": 12, "billing_cycle": "Monthly",
        "payment_type": "cash"})

    assert unknown.status_code == 400
    assert "999" in unknown.json()["result"]["msg"]
    assert bad_cycle.status_code == 400
    assert bad_payment.status_code == 400
    assert "'cash'" in bad_payment.json()["result"]["msg"]


def test_password_change_applies_to_login(api, anonymous):
    response = api.post("/v1/account/password", json={"current_password": "sandbox-demo-password",
                                                      "new_password": "Brand-new-pass-2026",
                                                      "new_password_confirm": "Brand-new-pass-2026"})
    old = anonymous.post("/v1/login", json={"username": AGENCY_ONE, "password": "sandbox-demo-password"})
    new = anonymous.post("/v1/login", json={"username": AGENCY_ONE, "password": "Brand-new-pass-2026"})
    other = anonymous.post("/v1/login", json={"username": AGENCY_TWO, "password": "sandbox-demo-password"})

    assert response.json()["result"] == {"success": True}
    assert old.status_code == 401
    assert new.status_code == 200
    assert other.status_code == 200


def test_password_change_validation(api):
    wrong = api.post("/v1/account/password", json={"current_password": "nope", "new_password": "Abcdefgh12",
                                                   "new_password_confirm": "Abcdefgh12"})
    mismatch = api.post("/v1/account/password", json={"current_password": "sandbox-demo-password",
                                                      "new_password": "Abcdefgh12", "new_password_confirm": "x"})
    weak = api.post("/v1/account/password", json={"current_password": "sandbox-demo-password",
                                                  "new_password": "short", "new_password_confirm": "short"})

    assert wrong.status_code == 400
    assert "current_password" in wrong.json()["result"]["msg"]
    assert mismatch.status_code == 400
    assert "does not match" in mismatch.json()["result"]["msg"]
    assert weak.status_code == 400
    assert "10 characters" in weak.json()["result"]["msg"]


def test_cancellation_request_is_recorded(api, sandbox):
    response = api.post("/v1/account/cancel", json={"timeline": "end_of_billing_period",
                                                    "description": "Moving the client in-house"})
    bad = api.post("/v1/account/cancel", json={"timeline": "tomorrow", "description": "x"})

    assert response.json()["result"] == {"success": True}
    request = sandbox.state.accounts[AGENCY_ONE].extras["cancellation_request"]
    assert request["timeline"] == "end_of_billing_period"
    assert bad.status_code == 400
    assert "'tomorrow'" in bad.json()["result"]["msg"]


def test_billing_sso_link(api):
    link = api.post("/v1/account/billing_sso", json={"destination": "clientarea.php",
                                                     "params": "action=invoices"}).json()["result"]["link"]
    bad = api.post("/v1/account/billing_sso", json={"destination": "admin.php"})

    assert "/clientarea.php?sso_token=" in link
    assert link.endswith("&action=invoices")
    assert bad.status_code == 400


def test_billing_sso_page_served_locally(api, sandbox):
    link = api.post("/v1/account/billing_sso", json={"destination": "clientarea.php"}).json()["result"]["link"]

    page = requests.get(link, timeout=5)
    forged = requests.get(link.replace("sso_token=", "sso_token=x"), timeout=5)

    assert link.startswith(f"{sandbox.url}/_sandbox/billing/clientarea.php?sso_token=")
    assert page.status_code == 200
    assert "Simulated billing portal: clientarea.php" in page.text
    assert forged.status_code == 403
