"""Billing: addresses, billing emails, invoices, payment methods and products.

Written by rocketnet/codegen/generate_services.py from the OpenAPI spec: change the tables in
that script and run it again rather than editing this file.
"""

from __future__ import annotations

from typing import Any

import requests

from rocketnet.client import Client
from rocketnet.pagination import Page
from rocketnet.registry import operation
from rocketnet.services._common import DIRECTIONS, body_of, check_choice, check_required, fetch_page, list_all


@operation("GET", "/v1/billing/addresses")
def list_billing_addresses(client: Client, *, per_page: int = 100) -> list[dict]:
    return list_all(client, "/v1/billing/addresses", per_page=per_page)


@operation("POST", "/v1/billing/addresses")
def create_billing_address(
    client: Client,
    *,
    first_name: str,
    last_name: str,
    address_line_1: str,
    email: str,
    city: str,
    state: str,
    country: str,
    postal_code: str,
    telephone: str,
    address_line_2: str | None = None,
    company_name: str | None = None,
    receive_invoice_emails: bool | None = None,
) -> Any:
    check_required("first_name", first_name)
    check_required("last_name", last_name)
    check_required("address_line_1", address_line_1)
    check_required("email", email)
    check_required("city", city)
    check_required("state", state)
    check_required("country", country)
    check_required("postal_code", postal_code)
    check_required("telephone", telephone)

    body = body_of(
        first_name=first_name,
        last_name=last_name,
        address_line_1=address_line_1,
        address_line_2=address_line_2,
        company_name=company_name,
        email=email,
        city=city,
        state=state,
        country=country,
        postal_code=postal_code,
        telephone=telephone,
        receive_invoice_emails=receive_invoice_emails,
    )
    return client.send("POST", "/v1/billing/addresses", body=body).result


@operation("GET", "/v1/billing/addresses/{address_id}")
def get_billing_address(client: Client, address_id: int) -> Any:
    return client.send(
        "GET",
        "/v1/billing/addresses/{address_id}",
        path_params={"address_id": address_id},
    ).result


@operation("PATCH", "/v1/billing/addresses/{address_id}", idempotent=True)
def update_billing_address(
    client: Client,
    address_id: int,
    *,
    first_name: str,
    last_name: str,
    address_line_1: str,
    email: str,
    city: str,
    state: str,
    country: str,
    postal_code: str,
    telephone: str,
    address_line_2: str | None = None,
    company_name: str | None = None,
    receive_invoice_emails: bool | None = None,
) -> Any:
    check_required("first_name", first_name)
    check_required("last_name", last_name)
    check_required("address_line_1", address_line_1)
    check_required("email", email)
    check_required("city", city)
    check_required("state", state)
    check_required("country", country)
    check_required("postal_code", postal_code)
    check_required("telephone", telephone)

    body = body_of(
        first_name=first_name,
        last_name=last_name,
        address_line_1=address_line_1,
        address_line_2=address_line_2,
        company_name=company_name,
        email=email,
        city=city,
        state=state,
        country=country,
        postal_code=postal_code,
        telephone=telephone,
        receive_invoice_emails=receive_invoice_emails,
    )
    return client.send(
        "PATCH",
        "/v1/billing/addresses/{address_id}",
        path_params={"address_id": address_id},
        body=body,
    ).result


@operation("DELETE", "/v1/billing/addresses/{address_id}")
def delete_billing_address(client: Client, address_id: int) -> Any:
    return client.send(
        "DELETE",
        "/v1/billing/addresses/{address_id}",
        path_params={"address_id": address_id},
    ).result


@operation("GET", "/v1/billing/emails")
def list_billing_emails(client: Client, *, per_page: int = 100) -> list[dict]:
    return list_all(client, "/v1/billing/emails", per_page=per_page)


@operation("GET", "/v1/billing/emails/{email_id}")
def get_billing_email(client: Client, email_id: int) -> Any:
    return client.send("GET", "/v1/billing/emails/{email_id}", path_params={"email_id": email_id}).result


@operation("GET", "/v1/billing/invoices")
def list_invoices(
    client: Client,
    *,
    search: str | None = None,
    sort: str | None = None,
    direction: str | None = None,
    status: str | None = None,
    page: int | None = None,
    per_page: int = 100,
) -> list[dict] | Page:
    """Return every invoice, optionally searched and filtered by status.

    With `page`, return only that page as a Page whose `total` counts every matching invoice.
    """
    check_choice("sort", sort, ("id", "date", "due_date", "dollar_amount", "status"))
    check_choice("direction", direction, DIRECTIONS)
    check_choice("status", status, ("Cancelled", "Collections", "Draft", "Payment Pending", "Paid", "Refunded", "Unpaid"))

    query = {"search": search, "sort": sort, "direction": direction, "status": status}
    if page is not None:
        return fetch_page(client, "/v1/billing/invoices", query=query, page=page, per_page=per_page)
    return list_all(client, "/v1/billing/invoices", query=query, per_page=per_page)


@operation("GET", "/v1/billing/invoices/{invoice_id}")
def get_invoice(client: Client, invoice_id: int) -> Any:
    return client.send(
        "GET",
        "/v1/billing/invoices/{invoice_id}",
        path_params={"invoice_id": invoice_id},
    ).result


@operation("POST", "/v1/billing/invoices/{invoice_id}/credit_card_payment")
def pay_invoice_by_credit_card(client: Client, invoice_id: int) -> Any:
    """Charge the account's credit card for an invoice."""
    return client.send(
        "POST",
        "/v1/billing/invoices/{invoice_id}/credit_card_payment",
        path_params={"invoice_id": invoice_id},
    ).result


@operation("POST", "/v1/billing/invoices/{invoice_id}/paypal_subscription")
def create_paypal_subscription(client: Client, invoice_id: int) -> Any:
    """Start a PayPal subscription for an invoice."""
    return client.send(
        "POST",
        "/v1/billing/invoices/{invoice_id}/paypal_subscription",
        path_params={"invoice_id": invoice_id},
    ).result


@operation("PATCH", "/v1/billing/invoices/{invoice_id}/paypal_subscription")
def update_paypal_subscription(
    client: Client,
    invoice_id: int,
    *,
    paypal_order_id: str,
    paypal_subscription_id: str,
) -> Any:
    """Record the PayPal order and subscription ids of an invoice."""
    check_required("paypal_order_id", paypal_order_id)
    check_required("paypal_subscription_id", paypal_subscription_id)

    body = body_of(paypal_order_id=paypal_order_id, paypal_subscription_id=paypal_subscription_id)
    return client.send(
        "PATCH",
        "/v1/billing/invoices/{invoice_id}/paypal_subscription",
        path_params={"invoice_id": invoice_id},
        body=body,
    ).result


@operation("GET", "/v1/billing/invoices/{invoice_id}/pdf")
def download_invoice_pdf(
    client: Client,
    invoice_id: int,
    *,
    token: str,
    embed: bool | None = None,
) -> requests.Response:
    """Open an invoice as PDF; `token` is the download token the API requires.

    Returns the open streaming response. Read it with iter_content() and close it, so the
    file never sits in memory whole.
    """
    check_required("token", token)

    query = {"token": token, "embed": embed}
    return client.stream(
        "GET",
        "/v1/billing/invoices/{invoice_id}/pdf",
        path_params={"invoice_id": invoice_id},
        query=query,
    )


@operation("GET", "/v1/billing/payment_methods")
def list_payment_methods(
    client: Client,
    *,
    include_token: bool | None = None,
    active: bool | None = None,
    per_page: int = 100,
) -> list[dict]:
    """Return every payment method; `include_token` adds card tokens, which are secrets."""
    query = {"include_token": include_token, "active": active}
    return list_all(client, "/v1/billing/payment_methods", query=query, per_page=per_page)


@operation("POST", "/v1/billing/payment_methods")
def add_credit_card(
    client: Client,
    *,
    card_token: str,
    address_id: int,
    active: bool | None = None,
    description: str | None = None,
) -> Any:
    """Add a credit card from the payment provider's `card_token`."""
    check_required("card_token", card_token)
    check_required("address_id", address_id)

    body = body_of(active=active, card_token=card_token, description=description, address_id=address_id)
    return client.send("POST", "/v1/billing/payment_methods", body=body).result


@operation("POST", "/v1/billing/payment_methods/credit_card_setup_intent")
def create_credit_card_setup_intent(client: Client) -> Any:
    """Start adding a credit card and return the payment provider's setup intent."""
    return client.send("POST", "/v1/billing/payment_methods/credit_card_setup_intent").result


@operation("GET", "/v1/billing/payment_methods/{payment_method_id}")
def get_payment_method(client: Client, payment_method_id: int, *, include_token: bool | None = None) -> Any:
    query = {"include_token": include_token}
    return client.send(
        "GET",
        "/v1/billing/payment_methods/{payment_method_id}",
        path_params={"payment_method_id": payment_method_id},
        query=query,
    ).result


@operation("PATCH", "/v1/billing/payment_methods/{payment_method_id}", idempotent=True)
def update_payment_method(
    client: Client,
    payment_method_id: int,
    *,
    active: bool | None = None,
    address_id: int | None = None,
    description: str | None = None,
    expiry_date: str | None = None,
) -> Any:
    body = body_of(active=active, address_id=address_id, description=description, expiry_date=expiry_date)
    if not body:
        raise ValueError("update_payment_method needs at least one of: active, address_id, description, expiry_date")
    return client.send(
        "PATCH",
        "/v1/billing/payment_methods/{payment_method_id}",
        path_params={"payment_method_id": payment_method_id},
        body=body,
    ).result


@operation("DELETE", "/v1/billing/payment_methods/{payment_method_id}")
def delete_payment_method(client: Client, payment_method_id: int) -> Any:
    return client.send(
        "DELETE",
        "/v1/billing/payment_methods/{payment_method_id}",
        path_params={"payment_method_id": payment_method_id},
    ).result


@operation("GET", "/v1/billing/products")
def list_products(
    client: Client,
    *,
    coupon: str | None = None,
    product_id: int | None = None,
    product_type: str | None = None,
) -> Any:
    """Return the hosting products on sale, priced for an optional coupon."""
    check_choice("product_type", product_type, ("Managed", "Agency", "Enterprise"))

    query = {"coupon": coupon, "product_id": product_id, "type": product_type}
    return client.send("GET", "/v1/billing/products", query=query).result
