"""Samples for the hosting plan, password change, cancellation and billing SSO."""

SAMPLES = {
    ("GET", "/v1/account/hosting_plan"): lambda api: api.get("/v1/account/hosting_plan"),
    ("POST", "/v1/account/hosting_plan"): lambda api: api.post("/v1/account/hosting_plan", json={
        "firstname": "A", "lastname": "B", "billing_product_id": 12, "billing_cycle": "Monthly",
        "payment_type": "stripe"}),
    ("PUT", "/v1/account/hosting_plan"): lambda api: api.put(
        "/v1/account/hosting_plan", json={"billing_product_id": 13, "billing_cycle": "Annual"}),
    ("POST", "/v1/account/password"): lambda api: api.post("/v1/account/password", json={
        "current_password": "sandbox-demo-password", "new_password": "Brand-new-pass-2026",
        "new_password_confirm": "Brand-new-pass-2026"}),
    ("POST", "/v1/account/cancel"): lambda api: api.post(
        "/v1/account/cancel", json={"timeline": "immediate", "description": "Closing the agency"}),
    ("POST", "/v1/account/billing_sso"): lambda api: api.post(
        "/v1/account/billing_sso", json={"destination": "upgrade.php"}),
}
