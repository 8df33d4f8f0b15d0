"""Billing: addresses, payment methods, billing emails and the product list.

Card numbers are never stored: a payment method keeps only brand, last4 and expiry.
Adding a card takes two steps, as with Stripe: create a setup intent, then post the card
token that the payment form returned. The sandbox accepts Stripe's test tokens
(``tok_visa``, ``tok_mastercard``, ``tok_amex``, ``tok_discover``); ``tok_chargeDeclined``
is declined. Invoices, payments and PDFs live in ``invoices.py``.
"""

import logging
import re
import secrets

from ..billing_state import (ANNUAL_MONTHS, PERIOD_DAYS, PRODUCTS, UNPAID_STATUSES, billing_of, card_expiry,
                             expiry_has_passed, new_gateway_token, next_renewal)
from ..clock import iso_timestamp
from ..records import email, optional_bool, query_bool, record_by_int_id, text
from ..responses import ApiError, bad_request, envelope, list_envelope, parse_int
from ..router import route
from . import invoices  # noqa: F401  (registers the invoice routes)

logger = logging.getLogger(__name__)

# The spec lists no 404 for billing operations, so an unknown id is a 400.
BILLING_MISSING = 400

ADDRESS_TEXT_FIELDS = ("first_name", "last_name", "address_line_1", "city", "state", "country",
                       "postal_code", "telephone")
ADDRESS_OPTIONAL_FIELDS = ("address_line_2", "company_name")
TEST_CARDS = {
    "tok_visa": ("Visa", "4242"),
    "tok_mastercard": ("MasterCard", "4444"),
    "tok_amex": ("American Express", "8431"),
    "tok_discover": ("Discover", "1117"),
}
DECLINED_TOKEN = "tok_chargeDeclined"
EXPIRY_PATTERN = re.compile(r"^(0[1-9]|1[0-2])/\d{2}$")
COUPONS = {"SANDBOX20": ("percentage", 20.0, True, 3), "WELCOME10": ("fixed amount", 10.0, False, 1)}
PRODUCT_TYPES = ("Managed", "Agency", "Enterprise")


# Addresses

def address_fields(body):
    """Return a complete address from a create or update body, or raise a 400."""
    fields = {name: text(body, name, max_length=200) for name in ADDRESS_TEXT_FIELDS}
    for name in ADDRESS_OPTIONAL_FIELDS:
        fields[name] = text(body, name, required=False, max_length=200) or ""
    fields["email"] = email(body)
    if len(fields["country"]) != 2 or not fields["country"].isalpha():
        raise bad_request(f"country must be a two-letter ISO 3166 code such as US or DE, got {fields['country']!r}")
    fields["country"] = fields["country"].upper()
    fields["receive_invoice_emails"] = optional_bool(body, "receive_invoice_emails", default=False)
    return fields


def _methods_of_address(record, address_id):
    return [method_api(record, method, with_address=False)
            for method in record["payment_methods"].values() if method["address_id"] == address_id]


def address_api(record, address, with_methods=True):
    item = dict(address)
    if with_methods:
        methods = _methods_of_address(record, address["id"])
        item["associated_payment_methods"] = [
            {key: method[key] for key in ("id", "type", "active", "description", "card_last_four",
                                          "card_type", "expiry_date", "last_updated") if key in method}
            for method in methods]
    return item


@route("GET", "/v1/billing/addresses")
def list_addresses(ctx):
    record = billing_of(ctx.state, ctx.account)
    items = [address_api(record, address) for address in record["addresses"].values()]
    return list_envelope(items, ctx.query, default_per_page=25)


@route("POST", "/v1/billing/addresses")
def create_address(ctx):
    record = billing_of(ctx.state, ctx.account)
    address = {"id": ctx.state.next_id("billing_address", start=4201), **address_fields(ctx.body())}
    record["addresses"][address["id"]] = address
    return envelope(address_api(record, address, with_methods=False))


@route("GET", "/v1/billing/addresses/{address_id}")
def get_address(ctx, address_id):
    record = billing_of(ctx.state, ctx.account)
    address = record_by_int_id(record["addresses"], address_id, "billing address", BILLING_MISSING)
    return envelope(address_api(record, address))


@route("PATCH", "/v1/billing/addresses/{address_id}")
def update_address(ctx, address_id):
    record = billing_of(ctx.state, ctx.account)
    address = record_by_int_id(record["addresses"], address_id, "billing address", BILLING_MISSING)
    # The update schema requires the same fields as create: it replaces the address.
    address.update(address_fields(ctx.body()))
    return envelope({"success": True})


@route("DELETE", "/v1/billing/addresses/{address_id}")
def delete_address(ctx, address_id):
    record = billing_of(ctx.state, ctx.account)
    address = record_by_int_id(record["addresses"], address_id, "billing address", BILLING_MISSING)
    users = [method["id"] for method in record["payment_methods"].values() if method["address_id"] == address["id"]]
    if users:
        raise bad_request(f"billing address {address['id']} is used by payment method(s) {users}: "
                          "move or delete those first")
    del record["addresses"][address["id"]]
    return envelope({"success": True})


# Payment methods

def method_api(record, method, with_address=True, include_token=False):
    item = {key: value for key, value in method.items() if key != "gateway_token" and not key.startswith("_")}
    if include_token:
        item["gateway_token"] = method["gateway_token"]
    if with_address and method["address_id"] in record["addresses"]:
        item["address"] = dict(record["addresses"][method["address_id"]])
    return item


def _make_only_active(record, method):
    for other in record["payment_methods"].values():
        other["active"] = other["id"] == method["id"]


@route("GET", "/v1/billing/payment_methods")
def list_payment_methods(ctx):
    record = billing_of(ctx.state, ctx.account)
    include_token = query_bool(ctx.query, "include_token", default=False)
    methods = list(record["payment_methods"].values())
    active = query_bool(ctx.query, "active")
    if active is not None:
        methods = [method for method in methods if method["active"] == active]
    items = [method_api(record, method, include_token=include_token) for method in methods]
    return list_envelope(items, ctx.query, default_per_page=25)


@route("POST", "/v1/billing/payment_methods/credit_card_setup_intent")
def create_setup_intent(ctx):
    record = billing_of(ctx.state, ctx.account)
    intent = f"seti_{secrets.token_hex(12)}_secret_{secrets.token_hex(12)}"
    record["setup_intents"].append(intent)
    return envelope({"setup_intent": intent})


@route("POST", "/v1/billing/payment_methods")
def add_credit_card(ctx):
    record = billing_of(ctx.state, ctx.account)
    body = ctx.body()
    card_token = text(body, "card_token", max_length=200)
    if body.get("address_id") is None or isinstance(body["address_id"], bool):
        raise bad_request("address_id is required: pass the id of a billing address (GET /v1/billing/addresses)")
    address_id = parse_int(body["address_id"], "address_id")
    address = record_by_int_id(record["addresses"], address_id, "billing address", BILLING_MISSING)
    active = optional_bool(body, "active", default=False)
    description = text(body, "description", required=False, max_length=100)

    if not record["setup_intents"]:
        raise bad_request("no open setup intent: create one with "
                          "POST /v1/billing/payment_methods/credit_card_setup_intent, then add the card")
    if card_token == DECLINED_TOKEN:
        raise bad_request("the card was declined by the issuer: use another card")
    if card_token not in TEST_CARDS:
        raise bad_request(f"card_token {card_token!r} is not a card token the sandbox knows; "
                          f"use one of {', '.join(TEST_CARDS)}")

    record["setup_intents"].pop(0)
    brand, last_four = TEST_CARDS[card_token]
    method = {
        "id": ctx.state.next_id("payment_method", start=7701),
        "type": "Credit Card",
        "active": active or not record["payment_methods"],
        "description": description or f"{brand} ending in {last_four}",
        "address_id": address["id"],
        "card_last_four": last_four,
        "card_type": brand,
        "expiry_date": card_expiry(ctx.state.now(), 3),
        "last_updated": iso_timestamp(ctx.state.now()),
        "gateway_token": new_gateway_token(),
    }
    record["payment_methods"][method["id"]] = method
    if method["active"]:
        _make_only_active(record, method)
    logger.info("Card %s added to account %s", method["id"], ctx.account.id)
    return envelope(method_api(record, method))


@route("GET", "/v1/billing/payment_methods/{payment_method_id}")
def get_payment_method(ctx, payment_method_id):
    record = billing_of(ctx.state, ctx.account)
    method = record_by_int_id(record["payment_methods"], payment_method_id, "payment method", BILLING_MISSING)
    include_token = query_bool(ctx.query, "include_token", default=False)
    return envelope(method_api(record, method, include_token=include_token))


@route("PATCH", "/v1/billing/payment_methods/{payment_method_id}")
def update_payment_method(ctx, payment_method_id):
    record = billing_of(ctx.state, ctx.account)
    method = record_by_int_id(record["payment_methods"], payment_method_id, "payment method", BILLING_MISSING)
    if method["type"] != "Credit Card":
        raise bad_request(f"payment method {method['id']} is a PayPal subscription: cancel it at PayPal "
                          "and pay an open invoice with a new subscription instead")

    body = ctx.body()
    unknown = sorted(set(body) - {"active", "address_id", "expiry_date", "description"})
    if unknown:
        raise bad_request(f"unknown field(s): {', '.join(unknown)}; allowed: active, address_id, expiry_date, description")

    if "address_id" in body:
        address = record_by_int_id(record["addresses"], body["address_id"], "billing address", BILLING_MISSING)
        method["address_id"] = address["id"]
    if "expiry_date" in body:
        expiry = body["expiry_date"]
        if not isinstance(expiry, str) or not EXPIRY_PATTERN.match(expiry):
            raise bad_request(f"expiry_date must look like MM/YY, for example 04/29, got {expiry!r}")
        if expiry_has_passed(expiry, ctx.state.now()):
            raise bad_request(f"expiry_date {expiry} is in the past")
        method["expiry_date"] = expiry
    if "description" in body:
        method["description"] = text(body, "description", max_length=100)
    if optional_bool(body, "active"):
        _make_only_active(record, method)
    elif body.get("active") is False:
        method["active"] = False

    method["last_updated"] = iso_timestamp(ctx.state.now())
    return envelope(method_api(record, method))


@route("DELETE", "/v1/billing/payment_methods/{payment_method_id}")
def delete_payment_method(ctx, payment_method_id):
    record = billing_of(ctx.state, ctx.account)
    method = record_by_int_id(record["payment_methods"], payment_method_id, "payment method", BILLING_MISSING)
    open_invoices = [invoice["id"] for invoice in record["invoices"].values() if invoice["status"] in UNPAID_STATUSES]
    if method["active"] and open_invoices:
        raise ApiError(412, f"payment method {method['id']} is the active one and invoice(s) {open_invoices} "
                            "are unpaid: activate another payment method first")
    del record["payment_methods"][method["id"]]
    return envelope({"success": True})


# Emails and products

def _email_api(item):
    return {key: value for key, value in item.items() if not key.startswith("_")}


@route("GET", "/v1/billing/emails")
def list_emails(ctx):
    record = billing_of(ctx.state, ctx.account)
    items = sorted(record["emails"].values(), key=lambda item: item["_sent_at"], reverse=True)
    return list_envelope([_email_api(item) for item in items], ctx.query, default_per_page=25)


@route("GET", "/v1/billing/emails/{email_id}")
def get_email(ctx, email_id):
    record = billing_of(ctx.state, ctx.account)
    item = record_by_int_id(record["emails"], email_id, "billing email", BILLING_MISSING)
    return envelope(_email_api(item))


def _cycle(name, cost, renewal, coupon):
    option = {"billing_cycle": name, "cost": cost, "currency": "USD", "next_renewal_date": renewal}
    if coupon is not None:
        kind, value, recurring, times = coupon
        discounted = cost * (1 - value / 100) if kind == "percentage" else max(0.0, cost - value)
        option["coupon"] = {"cost": round(discounted, 2), "type": kind, "discount_value": value,
                            "recurring": recurring, "recurring_times": times}
    return option


@route("GET", "/v1/billing/products")
def list_products(ctx):
    coupon_code = ctx.query.get("coupon", "").strip().upper()
    if coupon_code and coupon_code not in COUPONS:
        raise bad_request(f"coupon {coupon_code!r} is not valid; the sandbox knows {', '.join(COUPONS)}")
    coupon = COUPONS.get(coupon_code)

    products = PRODUCTS
    if ctx.query.get("product_id"):
        product_id = parse_int(ctx.query["product_id"], "product_id", minimum=1)
        products = [product for product in products if product[0] == product_id]
    if ctx.query.get("type"):
        if ctx.query["type"] not in PRODUCT_TYPES:
            raise bad_request(f"type must be one of {', '.join(PRODUCT_TYPES)}, got {ctx.query['type']!r}")
        products = [product for product in products if product[2] == ctx.query["type"]]

    now = ctx.state.now()
    items = [{
        "id": product_id,
        "name": name,
        "description": description,
        "type": kind,
        "purchase_method": method,
        "pricing": {"billing_cycle_type": "recurring", "billing_cycle_options": [
            _cycle("Monthly", monthly, next_renewal(now, PERIOD_DAYS["Monthly"]), coupon),
            _cycle("Annual", monthly * ANNUAL_MONTHS, next_renewal(now, PERIOD_DAYS["Annual"]), coupon),
        ]},
    } for product_id, name, kind, method, monthly, description in products]
    return list_envelope(items, ctx.query, default_per_page=100)
