"""Samples for billing: addresses, payment methods, emails, products and invoices."""

ADDRESS = {
    "first_name": "Avery", "last_name": "Stone", "address_line_1": "1 Main St", "email": "billing@example.com",
    "city": "Springfield", "state": "IL", "country": "US", "postal_code": "62701", "telephone": "555-0100",
}


def first(api, path, **params):
    return api.get(path, params=params).json()["result"][0]


def unpaid_invoice(api):
    return first(api, "/v1/billing/invoices", status="Unpaid")["id"]


def new_card(api, token="tok_mastercard"):
    api.post("/v1/billing/payment_methods/credit_card_setup_intent")
    address_id = first(api, "/v1/billing/addresses")["id"]
    return api.post("/v1/billing/payment_methods", json={"card_token": token, "address_id": address_id})


def new_address(api):
    return api.post("/v1/billing/addresses", json=ADDRESS).json()["result"]["id"]


def paypal_confirm(api):
    invoice_id = unpaid_invoice(api)
    api.post(f"/v1/billing/invoices/{invoice_id}/paypal_subscription")
    return api.patch(f"/v1/billing/invoices/{invoice_id}/paypal_subscription",
                     json={"paypal_order_id": "5O190127TN364715T", "paypal_subscription_id": "I-BW452GLLEP1G"})


def pdf(api):
    link = first(api, "/v1/billing/invoices")["download_link"]
    return api.get(link.split(api.base_url, 1)[1])


SAMPLES = {
    ("GET", "/v1/billing/addresses"): lambda api: api.get("/v1/billing/addresses"),
    ("POST", "/v1/billing/addresses"): lambda api: api.post("/v1/billing/addresses", json=ADDRESS),
    ("GET", "/v1/billing/addresses/{address_id}"): lambda api: api.get(f"/v1/billing/addresses/{new_address(api)}"),
    ("PATCH", "/v1/billing/addresses/{address_id}"): lambda api: api.patch(
        f"/v1/billing/addresses/{new_address(api)}", json={**ADDRESS, "city": "Chicago"}),
    ("DELETE", "/v1/billing/addresses/{address_id}"): lambda api: api.delete(
        f"/v1/billing/addresses/{new_address(api)}"),
    ("GET", "/v1/billing/emails"): lambda api: api.get("/v1/billing/emails", params={"per_page": 3}),
    ("GET", "/v1/billing/emails/{email_id}"): lambda api: api.get(
        f"/v1/billing/emails/{first(api, '/v1/billing/emails')['id']}"),
    ("GET", "/v1/billing/invoices"): lambda api: api.get("/v1/billing/invoices", params={"sort": "due_date"}),
    ("GET", "/v1/billing/invoices/{invoice_id}"): lambda api: api.get(
        f"/v1/billing/invoices/{first(api, '/v1/billing/invoices', status='Paid')['id']}"),
    ("POST", "/v1/billing/invoices/{invoice_id}/credit_card_payment"): lambda api: api.post(
        f"/v1/billing/invoices/{unpaid_invoice(api)}/credit_card_payment"),
    ("POST", "/v1/billing/invoices/{invoice_id}/paypal_subscription"): lambda api: api.post(
        f"/v1/billing/invoices/{unpaid_invoice(api)}/paypal_subscription"),
    ("PATCH", "/v1/billing/invoices/{invoice_id}/paypal_subscription"): paypal_confirm,
    ("GET", "/v1/billing/invoices/{invoice_id}/pdf"): pdf,
    ("GET", "/v1/billing/payment_methods"): lambda api: api.get(
        "/v1/billing/payment_methods", params={"include_token": "true"}),
    ("POST", "/v1/billing/payment_methods/credit_card_setup_intent"): lambda api: api.post(
        "/v1/billing/payment_methods/credit_card_setup_intent"),
    ("POST", "/v1/billing/payment_methods"): new_card,
    ("GET", "/v1/billing/payment_methods/{payment_method_id}"): lambda api: api.get(
        f"/v1/billing/payment_methods/{new_card(api).json()['result']['id']}"),
    ("PATCH", "/v1/billing/payment_methods/{payment_method_id}"): lambda api: api.patch(
        f"/v1/billing/payment_methods/{new_card(api).json()['result']['id']}", json={"expiry_date": "04/39"}),
    ("DELETE", "/v1/billing/payment_methods/{payment_method_id}"): lambda api: api.delete(
        f"/v1/billing/payment_methods/{new_card(api).json()['result']['id']}"),
    ("GET", "/v1/billing/products"): lambda api: api.get("/v1/billing/products", params={"coupon": "SANDBOX20"}),
}
