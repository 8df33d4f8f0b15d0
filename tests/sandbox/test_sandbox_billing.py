"""Billing over real HTTP: invoices and PDFs, cards, PayPal, addresses, emails, products."""

import re
from datetime import datetime, timezone

import pytest

ADDRESS = {
    "first_name": "Avery", "last_name": "Stone", "address_line_1": "1 Main St", "email": "billing@example.com",
    "city": "Springfield", "state": "IL", "country": "us", "postal_code": "62701", "telephone": "555-0100",
}


def invoices(api, **params):
    return api.get("/v1/billing/invoices", params={"per_page": 100, **params}).json()["result"]


def new_card(api, token="tok_mastercard", **fields):
    api.post("/v1/billing/payment_methods/credit_card_setup_intent")
    address_id = api.get("/v1/billing/addresses").json()["result"][0]["id"]
    return api.post("/v1/billing/payment_methods", json={"card_token": token, "address_id": address_id, **fields})


def test_seeded_invoices_cover_statuses(api):
    items = invoices(api)
    statuses = [item["payment"]["status"] for item in items]

    assert len(items) == 6
    assert statuses.count("Unpaid") == 2
    assert "Paid" in statuses
    assert "Refunded" in statuses
    assert all(item["total"] > 0 for item in items)


def test_overdue_invoice_is_unpaid_past_due(api):
    unpaid = invoices(api, status="Unpaid", sort="due_date")
    now = api.get("/_sandbox/clock").json()["result"]["now"]
    today = datetime.fromtimestamp(now, tz=timezone.utc).date().isoformat()

    assert len(unpaid) == 2
    assert unpaid[0]["due_date"] < today
    assert unpaid[1]["due_date"] > today


def test_second_account_has_collections_invoice(api_two):
    statuses = [item["payment"]["status"] for item in invoices(api_two)]

    assert "Collections" in statuses
    assert statuses.count("Unpaid") == 1


def test_invoice_detail_items_add_up(api):
    invoice_id = invoices(api, status="Paid")[0]["id"]

    detail = api.get(f"/v1/billing/invoices/{invoice_id}").json()["result"]

    assert detail["subtotal"] == round(sum(item["amount"] for item in detail["items"]), 2)
    assert detail["total"] == detail["subtotal"] - detail["credit"]
    assert detail["items"][0]["type"] == "Hosting Plan"
    assert detail["transactions"][0]["amount"] == detail["total"]
    assert detail["payment"]["payment_method"]["card_last_four"] == "4242"
    assert "gateway_token" not in detail["payment"]["payment_method"]


def test_invoice_list_filters_and_search(api):
    paid = invoices(api, status="Paid")
    by_id = invoices(api, search=str(paid[0]["id"]))

    assert {item["payment"]["status"] for item in paid} == {"Paid"}
    assert [item["id"] for item in by_id] == [paid[0]["id"]]
    bad = api.get("/v1/billing/invoices", params={"status": "Overdue"})
    assert bad.status_code == 400
    assert "Overdue" in bad.json()["result"]["msg"]


def test_invoice_sort_descending_by_amount(api):
    items = invoices(api, sort="dollar_amount", direction="DESC")

    totals = [item["total"] for item in items]
    assert totals == sorted(totals, reverse=True)


def test_invoice_of_other_account_not_found(api, api_two):
    foreign = invoices(api_two)[0]["id"]

    response = api.get(f"/v1/billing/invoices/{foreign}")

    assert response.status_code == 400
    assert f"invoice {foreign} not found" in response.json()["result"]["msg"]


def test_invoice_pdf_is_real_pdf(api, anonymous):
    invoice = invoices(api)[0]
    path = invoice["download_link"].split(api.base_url, 1)[1]

    response = anonymous.get(path)

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    body = response.content
    assert body.startswith(b"%PDF-1.4")
    assert body.rstrip().endswith(b"%%EOF")
    assert f"Invoice #{invoice['id']}".encode() in body
    assert f"{invoice['total']:.2f}".encode() in body


def test_invoice_pdf_xref_offsets_point_at_objects(api):
    path = invoices(api)[0]["download_link"].split(api.base_url, 1)[1]
    body = api.get(path).content

    start = int(re.search(rb"startxref\n(\d+)", body).group(1))
    assert body[start:start + 4] == b"xref"
    entries = re.findall(rb"(\d{10}) 00000 n", body[start:])
    for number, offset in enumerate(entries, start=1):
        assert body[int(offset):].startswith(f"{number} 0 obj".encode())


def test_invoice_pdf_embed_inline(api):
    path = invoices(api)[0]["download_link"].split(api.base_url, 1)[1]

    response = api.get(path + "&embed=true")

    assert response.headers["Content-Disposition"].startswith("inline;")


def test_invoice_pdf_requires_valid_token(api, anonymous):
    invoice_id = invoices(api)[0]["id"]

    missing = anonymous.get(f"/v1/billing/invoices/{invoice_id}/pdf")
    wrong = anonymous.get(f"/v1/billing/invoices/{invoice_id}/pdf", params={"token": "guess"})

    assert missing.status_code == 400
    assert "token is required" in missing.json()["result"]["msg"]
    assert wrong.status_code == 403


def test_pay_invoice_with_card(api):
    invoice_id = invoices(api, status="Unpaid")[0]["id"]
    emails_before = api.get("/v1/billing/emails").json()["metadata"]["total"]

    response = api.post(f"/v1/billing/invoices/{invoice_id}/credit_card_payment")

    assert response.json()["result"] == {"success": True}
    detail = api.get(f"/v1/billing/invoices/{invoice_id}").json()["result"]
    assert detail["payment"]["status"] == "Paid"
    assert detail["transactions"][-1]["type"] == "Credit Card"
    assert api.get("/v1/billing/emails").json()["metadata"]["total"] == emails_before + 1
    again = api.post(f"/v1/billing/invoices/{invoice_id}/credit_card_payment")
    assert again.status_code == 400
    assert "Paid" in again.json()["result"]["msg"]


def test_pay_without_active_card_is_precondition_failed(api):
    card = api.get("/v1/billing/payment_methods").json()["result"][0]
    api.patch(f"/v1/billing/payment_methods/{card['id']}", json={"active": False})
    invoice_id = invoices(api, status="Unpaid")[0]["id"]

    response = api.post(f"/v1/billing/invoices/{invoice_id}/credit_card_payment")

    assert response.status_code == 412
    assert "no active credit card" in response.json()["result"]["msg"]


def test_paypal_subscription_flow(api):
    invoice_id = invoices(api, status="Unpaid")[0]["id"]
    confirm = {"paypal_order_id": "5O190127TN364715T", "paypal_subscription_id": "I-BW452GLLEP1G"}

    early = api.patch(f"/v1/billing/invoices/{invoice_id}/paypal_subscription", json=confirm)
    plan = api.post(f"/v1/billing/invoices/{invoice_id}/paypal_subscription").json()["result"]
    done = api.patch(f"/v1/billing/invoices/{invoice_id}/paypal_subscription", json=confirm)

    assert early.status_code == 412
    assert plan["paypal_plan_id"].startswith("P-")
    assert done.json()["result"] == {"success": True}
    methods = api.get("/v1/billing/payment_methods", params={"active": "true"}).json()["result"]
    assert [method["type"] for method in methods] == ["PayPal"]
    detail = api.get(f"/v1/billing/invoices/{invoice_id}").json()["result"]
    assert detail["payment"]["status"] == "Paid"
    assert detail["transactions"][-1]["type"] == "PayPal"


def test_paypal_confirm_requires_ids(api):
    invoice_id = invoices(api, status="Unpaid")[0]["id"]
    api.post(f"/v1/billing/invoices/{invoice_id}/paypal_subscription")

    response = api.patch(f"/v1/billing/invoices/{invoice_id}/paypal_subscription", json={"paypal_order_id": "X"})

    assert response.status_code == 400
    assert "paypal_subscription_id" in response.json()["result"]["msg"]


def test_add_card_needs_setup_intent(api):
    address_id = api.get("/v1/billing/addresses").json()["result"][0]["id"]

    response = api.post("/v1/billing/payment_methods", json={"card_token": "tok_visa", "address_id": address_id})

    assert response.status_code == 400
    assert "setup intent" in response.json()["result"]["msg"]


def test_card_lifecycle(api):
    card = new_card(api, description="Backup card").json()["result"]

    assert card["card_type"] == "MasterCard"
    assert card["card_last_four"] == "4444"
    assert card["active"] is False
    assert re.fullmatch(r"\d{2}/\d{2}", card["expiry_date"])
    assert "gateway_token" not in card
    listed = api.get("/v1/billing/payment_methods").json()["result"]
    assert card["id"] in [item["id"] for item in listed]

    updated = api.patch(f"/v1/billing/payment_methods/{card['id']}", json={"expiry_date": "09/39", "active": True})
    assert updated.json()["result"]["expiry_date"] == "09/39"
    active = api.get("/v1/billing/payment_methods", params={"active": "true"}).json()["result"]
    assert [item["id"] for item in active] == [card["id"]]

    with_token = api.get(f"/v1/billing/payment_methods/{card['id']}", params={"include_token": "true"})
    assert with_token.json()["result"]["gateway_token"].startswith("pm_")

    deleted = api.delete(f"/v1/billing/payment_methods/{card['id']}")
    assert deleted.status_code == 412
    seeded = listed[0]["id"]
    api.patch(f"/v1/billing/payment_methods/{seeded}", json={"active": True})
    assert api.delete(f"/v1/billing/payment_methods/{card['id']}").json()["result"] == {"success": True}
    # The spec lists no 404 for billing, so an unknown id is a 400.
    assert api.get(f"/v1/billing/payment_methods/{card['id']}").status_code == 400


@pytest.mark.parametrize(("token", "message"), [
    ("tok_chargeDeclined", "declined"),
    ("4242424242424242", "not a card token"),
])
def test_add_card_rejects_bad_tokens(api, token, message):
    response = new_card(api, token=token)

    assert response.status_code == 400
    assert message in response.json()["result"]["msg"]


@pytest.mark.parametrize("expiry", ["13/30", "2030-01", "01/20"])
def test_card_expiry_validation(api, expiry):
    card = api.get("/v1/billing/payment_methods").json()["result"][0]

    response = api.patch(f"/v1/billing/payment_methods/{card['id']}", json={"expiry_date": expiry})

    assert response.status_code == 400
    assert expiry in response.json()["result"]["msg"]


def test_address_lifecycle(api):
    created = api.post("/v1/billing/addresses", json=ADDRESS).json()["result"]

    assert created["country"] == "US"
    fetched = api.get(f"/v1/billing/addresses/{created['id']}").json()["result"]
    assert fetched["associated_payment_methods"] == []

    changed = api.patch(f"/v1/billing/addresses/{created['id']}", json={**ADDRESS, "city": "Chicago"})
    assert changed.json()["result"] == {"success": True}
    assert api.get(f"/v1/billing/addresses/{created['id']}").json()["result"]["city"] == "Chicago"

    assert api.delete(f"/v1/billing/addresses/{created['id']}").json()["result"] == {"success": True}
    assert api.get(f"/v1/billing/addresses/{created['id']}").status_code == 400


def test_address_in_use_cannot_be_deleted(api):
    address = api.get("/v1/billing/addresses").json()["result"][0]

    response = api.delete(f"/v1/billing/addresses/{address['id']}")

    assert address["associated_payment_methods"][0]["card_last_four"] == "4242"
    assert response.status_code == 400
    assert "payment method" in response.json()["result"]["msg"]


def test_address_validation_names_fields(api):
    missing = api.post("/v1/billing/addresses", json={**ADDRESS, "city": ""})
    country = api.post("/v1/billing/addresses", json={**ADDRESS, "country": "United States"})

    assert missing.status_code == 400
    assert "city" in missing.json()["result"]["msg"]
    assert country.status_code == 400
    assert "two-letter" in country.json()["result"]["msg"]


def test_billing_emails(api):
    listed = api.get("/v1/billing/emails").json()
    first = listed["result"][0]

    assert listed["metadata"]["total"] >= 6
    assert first["date"] >= listed["result"][-1]["date"]
    assert api.get(f"/v1/billing/emails/{first['id']}").json()["result"] == first
    missing = api.get("/v1/billing/emails/1")
    assert missing.status_code == 400
    assert "billing email 1 not found" in missing.json()["result"]["msg"]


def test_products_filters_and_coupon(api):
    agency = api.get("/v1/billing/products", params={"type": "Agency"}).json()["result"]
    discounted = api.get("/v1/billing/products", params={"product_id": 12, "coupon": "sandbox20"}).json()["result"]

    assert {product["type"] for product in agency} == {"Agency"}
    option = discounted[0]["pricing"]["billing_cycle_options"][0]
    assert option["coupon"]["cost"] == round(option["cost"] * 0.8, 2)
    invalid = api.get("/v1/billing/products", params={"coupon": "FREE"})
    assert invalid.status_code == 400
    assert "FREE" in invalid.json()["result"]["msg"]
