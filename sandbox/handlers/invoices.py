"""Billing invoices: list and detail, card and PayPal payments, and the PDF.

An invoice is overdue when it is unpaid past its due date; the spec has no such
status, so it stays ``Unpaid`` (or ``Collections``). The PDF link carries a per-invoice
``token`` and works without a login, as a link in a billing email would.
"""

import logging
import secrets

from werkzeug.wrappers import Response

from ..billing_state import (PAY_TO_ADDRESS, UNPAID_STATUSES, add_email, billing_of, day_text,
                             expiry_has_passed, invoice_total, moment_text, new_gateway_token,
                             transaction)
from ..pdf import text_pdf
from ..records import list_query, query_bool, record_by_int_id, text
from ..responses import ApiError, bad_request, envelope, list_envelope, parse_int
from ..router import route

logger = logging.getLogger(__name__)

# The spec lists no 404 for billing operations, so an unknown id is a 400.
BILLING_MISSING = 400

INVOICE_STATUSES = ("Cancelled", "Collections", "Draft", "Payment Pending", "Paid", "Refunded", "Unpaid")
INVOICE_SORT_KEYS = {
    "id": lambda item: item["id"],
    "date": lambda item: item["date"],
    "due_date": lambda item: item["due_date"],
    "dollar_amount": lambda item: item["total"],
    "status": lambda item: item["payment"]["status"],
}


def download_link(ctx, invoice):
    return f"{ctx.base_url}/v1/billing/invoices/{invoice['id']}/pdf?token={invoice['token']}"


def invoice_summary(ctx, invoice):
    return {
        "id": invoice["id"],
        "date": day_text(invoice["issued_at"]),
        "due_date": day_text(invoice["due_at"]),
        "payment": {"status": invoice["status"]},
        "total": invoice_total(invoice),
        "download_link": download_link(ctx, invoice),
    }


def invoice_detail(ctx, record, invoice):
    from .billing import method_api

    payment = {"status": invoice["status"]}
    for name in ("date_paid", "last_capture_attempt", "date_refunded", "date_cancelled"):
        if invoice[name]:
            payment[name] = invoice[name]
    method = record["payment_methods"].get(invoice["payment_method_id"])
    if method is not None:
        payment["payment_method"] = method_api(record, method)

    return {
        "id": invoice["id"],
        "date": day_text(invoice["issued_at"]),
        "due_date": day_text(invoice["due_at"]),
        "payment": payment,
        "subtotal": invoice["subtotal"],
        "total": invoice_total(invoice),
        "credit": invoice["credit"],
        "items": [dict(item) for item in invoice["items"]],
        "transactions": [dict(item) for item in invoice["transactions"]],
        "download_link": download_link(ctx, invoice),
        "pay_to_address": PAY_TO_ADDRESS,
    }


def _invoice(ctx, invoice_id):
    record = billing_of(ctx.state, ctx.account)
    return record, record_by_int_id(record["invoices"], invoice_id, "invoice", BILLING_MISSING)


def _payable(invoice):
    if invoice["status"] not in UNPAID_STATUSES:
        raise bad_request(f"invoice {invoice['id']} is {invoice['status']}: only unpaid invoices can be paid")


def _mark_paid(ctx, record, invoice, method, kind):
    now = ctx.state.now()
    invoice["status"] = "Paid"
    invoice["date_paid"] = invoice["last_capture_attempt"] = moment_text(now)
    invoice["payment_method_id"] = method["id"]
    invoice["transactions"].append(transaction(kind, now, invoice_total(invoice)))
    add_email(ctx.state, ctx.account, record, f"{kind} Payment Confirmation", now,
              f"We received ${invoice_total(invoice):.2f} for invoice #{invoice['id']}. Thank you.")
    logger.info("Invoice %s of account %s paid by %s", invoice["id"], ctx.account.id, kind)


@route("GET", "/v1/billing/invoices")
def list_invoices(ctx):
    record = billing_of(ctx.state, ctx.account)
    invoices = sorted(record["invoices"].values(), key=lambda invoice: invoice["issued_at"], reverse=True)

    status = ctx.query.get("status")
    if status:
        if status not in INVOICE_STATUSES:
            raise bad_request(f"status must be one of {', '.join(INVOICE_STATUSES)}, got {status!r}")
        invoices = [invoice for invoice in invoices if invoice["status"] == status]

    search = ctx.query.get("search", "").strip().lower()
    if search:
        invoices = [invoice for invoice in invoices
                    if search in str(invoice["id"])
                    or any(search in item["description"].lower() for item in invoice["items"])]

    items = [invoice_summary(ctx, invoice) for invoice in invoices]
    return list_envelope(items, list_query(ctx.query), default_per_page=25, sort_keys=INVOICE_SORT_KEYS)


@route("GET", "/v1/billing/invoices/{invoice_id}")
def get_invoice(ctx, invoice_id):
    record, invoice = _invoice(ctx, invoice_id)
    return envelope(invoice_detail(ctx, record, invoice))


@route("POST", "/v1/billing/invoices/{invoice_id}/credit_card_payment")
def pay_with_card(ctx, invoice_id):
    record, invoice = _invoice(ctx, invoice_id)
    _payable(invoice)

    card = next((method for method in record["payment_methods"].values()
                 if method["active"] and method["type"] == "Credit Card"), None)
    if card is None:
        raise ApiError(412, "the account has no active credit card: add one with POST /v1/billing/payment_methods "
                            "or activate an existing card")
    if expiry_has_passed(card["expiry_date"], ctx.state.now()):
        invoice["last_capture_attempt"] = moment_text(ctx.state.now())
        raise bad_request(f"card {card['id']} expired in {card['expiry_date']}: update its expiry_date or add a new card")

    _mark_paid(ctx, record, invoice, card, "Credit Card")
    return envelope({"success": True})


@route("POST", "/v1/billing/invoices/{invoice_id}/paypal_subscription")
def create_paypal_subscription(ctx, invoice_id):
    record, invoice = _invoice(ctx, invoice_id)
    _payable(invoice)
    plan_id = "P-" + secrets.token_hex(12).upper()
    record["paypal_plans"][invoice["id"]] = plan_id
    return envelope({"paypal_plan_id": plan_id})


@route("PATCH", "/v1/billing/invoices/{invoice_id}/paypal_subscription")
def confirm_paypal_subscription(ctx, invoice_id):
    record, invoice = _invoice(ctx, invoice_id)
    body = ctx.body()
    order_id = text(body, "paypal_order_id", max_length=100)
    subscription_id = text(body, "paypal_subscription_id", max_length=100)
    if invoice["id"] not in record["paypal_plans"]:
        raise ApiError(412, f"invoice {invoice['id']} has no PayPal plan yet: "
                            f"POST /v1/billing/invoices/{invoice['id']}/paypal_subscription first")
    _payable(invoice)

    method = {
        "id": ctx.state.next_id("payment_method", start=7701),
        "type": "PayPal",
        "active": True,
        "description": f"PayPal subscription {subscription_id}",
        "address_id": next(iter(record["addresses"]), 0),
        "last_updated": moment_text(ctx.state.now()).replace(" ", "T") + "Z",
        "gateway_token": new_gateway_token("paypal"),
        "_paypal_order_id": order_id,
    }
    record["payment_methods"][method["id"]] = method
    for other in record["payment_methods"].values():
        other["active"] = other["id"] == method["id"]
    del record["paypal_plans"][invoice["id"]]
    _mark_paid(ctx, record, invoice, method, "PayPal")
    return envelope({"success": True})


@route("GET", "/v1/billing/invoices/{invoice_id}/pdf", authenticated=False)
def invoice_pdf(ctx, invoice_id):
    number = parse_int(invoice_id, "invoice id", minimum=1)
    token = ctx.query.get("token", "").strip()
    if not token:
        raise bad_request("token is required: use the download_link of the invoice")
    inline = query_bool(ctx.query, "embed", default=False)

    for account in ctx.state.accounts.values():
        record = billing_of(ctx.state, account)
        invoice = record["invoices"].get(number)
        if invoice is not None and secrets.compare_digest(invoice["token"], token):
            return _pdf_response(account, invoice, inline)
    raise ApiError(403, f"token is not valid for invoice {number}: use the download_link of the invoice")


def _pdf_response(account, invoice, inline):
    lines = [
        f"Invoice #{invoice['id']}",
        "",
        f"Billed to: {account.company} ({account.email})",
        f"Invoice date: {day_text(invoice['issued_at'])}",
        f"Due date: {day_text(invoice['due_at'])}",
        f"Status: {invoice['status']}",
        "",
    ]
    lines += [f"{item['description']}    ${item['amount']:.2f}" for item in invoice["items"]]
    lines += ["", f"Subtotal: ${invoice['subtotal']:.2f}", f"Credit: ${invoice['credit']:.2f}",
              f"Total (USD): ${invoice_total(invoice):.2f}", "", f"Pay to: {PAY_TO_ADDRESS}"]
    body = text_pdf(lines, f"Invoice {invoice['id']}")
    disposition = "inline" if inline else "attachment"
    return Response(body, content_type="application/pdf",
                    headers={"Content-Disposition": f'{disposition}; filename="invoice-{invoice["id"]}.pdf"'})
