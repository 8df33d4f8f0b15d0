"""Reads of one connection's billing and account data from Rocket.net.

Every function takes a Connection, opens its own client and returns parsed rows or the API's dicts.
Errors are the client's RocketNetError subclasses (or DecryptionError for a broken stored password);
views turn them into messages.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from urllib.parse import parse_qs, urlsplit

from accounts.services import client_for
from rocketnet.errors import ValidationError
from rocketnet.services import account, billing

# Statuses of an invoice that still waits for money. An overdue invoice is one of these past its due date.
UNPAID_STATUSES = ("Unpaid", "Collections", "Payment Pending")
INVOICE_STATUSES = ("Cancelled", "Collections", "Draft", "Payment Pending", "Paid", "Refunded", "Unpaid")


def to_decimal(value):
    """Return an API amount as a Decimal with cents; a missing or malformed amount counts as 0."""
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError, TypeError):
        return Decimal("0.00")


def parse_day(text):
    try:
        return datetime.date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class InvoiceRow:
    """One invoice of the list, with the connection it belongs to."""

    connection_id: int
    connection_label: str
    client_name: str
    id: int
    date: datetime.date | None
    due_date: datetime.date | None
    status: str
    total: Decimal

    @property
    def is_unpaid(self):
        return self.status in UNPAID_STATUSES

    def is_overdue(self, today):
        return self.is_unpaid and self.due_date is not None and self.due_date < today

    @property
    def month(self):
        return self.date.strftime("%Y-%m") if self.date else ""


def invoice_row(connection, item):
    return InvoiceRow(
        connection_id=connection.pk,
        connection_label=connection.label,
        client_name=connection.client_name,
        id=int(item.get("id") or 0),
        date=parse_day(item.get("date")),
        due_date=parse_day(item.get("due_date")),
        status=str((item.get("payment") or {}).get("status") or ""),
        total=to_decimal(item.get("total")),
    )


def fetch_invoice_rows(client, connection, *, status=None):
    """Return the connection's invoices, newest first, through an already open client."""
    items = billing.list_invoices(client, status=status, sort="date", direction="desc")
    return [invoice_row(connection, item) for item in items]


@dataclass(frozen=True)
class InvoicePage:
    """One page of a connection's invoices and the total count the API reported for the filter."""

    rows: list
    total: int
    page: int
    per_page: int

    @property
    def page_count(self):
        return max(1, -(-self.total // self.per_page))


def list_invoice_page(connection, *, page, per_page, status=None):
    """Return one page of the connection's invoices, newest first, as the API pages them."""
    with client_for(connection) as client:
        api_page = billing.list_invoices(client, status=status, sort="date", direction="desc",
                                         page=page, per_page=per_page)

    rows = [invoice_row(connection, item) for item in api_page.items]
    return InvoicePage(rows, api_page.total, page, per_page)


def list_invoices(connection, *, status=None):
    with client_for(connection) as client:
        return fetch_invoice_rows(client, connection, status=status)


def get_invoice(connection, invoice_id):
    """Return the invoice with its items, transactions and payment as the API returns it."""
    with client_for(connection) as client:
        return billing.get_invoice(client, invoice_id)


def pdf_token(invoice):
    """Return the download token from the invoice's download_link; ValidationError when it has none."""
    query = parse_qs(urlsplit(str(invoice.get("download_link") or "")).query)
    token = (query.get("token") or [""])[0]
    if not token:
        raise ValidationError(None, [f"invoice {invoice.get('id')} has no download link with a token; download it in Rocket.net's billing area"])
    return token


def open_invoice_pdf(connection, invoice_id, *, chunk_size=64 * 1024):
    """Open the invoice PDF and return (filename, chunk iterator).

    The iterator yields the API's bytes as they arrive and closes the upstream response and the
    client when it is exhausted or closed, so the file is never held in memory whole. Errors that
    happen before the first byte (unknown invoice, bad token) are raised here, not by the iterator.
    """
    client = client_for(connection)
    try:
        token = pdf_token(billing.get_invoice(client, invoice_id))
        response = billing.download_invoice_pdf(client, invoice_id, token=token)
    except BaseException:
        client.close()
        raise

    def chunks():
        try:
            yield from response.iter_content(chunk_size=chunk_size)
        finally:
            response.close()
            client.close()

    return f"invoice-{int(invoice_id)}.pdf", chunks()


def list_payment_methods(connection):
    with client_for(connection) as client:
        return billing.list_payment_methods(client)


def get_payment_method(connection, payment_method_id):
    with client_for(connection) as client:
        return billing.get_payment_method(client, payment_method_id)


def list_addresses(connection):
    with client_for(connection) as client:
        return billing.list_billing_addresses(client)


def get_address(connection, address_id):
    with client_for(connection) as client:
        return billing.get_billing_address(client, address_id)


def list_emails(connection):
    with client_for(connection) as client:
        return billing.list_billing_emails(client)


def get_email(connection, email_id):
    with client_for(connection) as client:
        return billing.get_billing_email(client, email_id)


def list_products(connection):
    with client_for(connection) as client:
        return billing.list_products(client)


def get_hosting_plan(connection):
    with client_for(connection) as client:
        return account.get_hosting_plan(client)


def preview_plan_change(connection, *, billing_product_id, billing_cycle):
    """Return the API's price for a plan change ({"total", "invoice_id", ...}) without making it."""
    with client_for(connection) as client:
        return account.change_hosting_plan(client, billing_product_id=billing_product_id,
                                           billing_cycle=billing_cycle, preview=True)


def get_usage(connection, *, date_from, date_to):
    with client_for(connection) as client:
        return account.get_account_usage(client, date_from=date_from, date_to=date_to)


def get_me(connection):
    with client_for(connection) as client:
        return account.get_me(client)


def credit_cards(methods):
    return [method for method in methods if method.get("type") == "Credit Card"]
