"""Billing records of one account, seeded on first use, and the product catalogue.

Each account starts with one billing address, one Visa card and six monthly invoices.
The card is never a real number, because only brand, last four digits and expiry are
kept. The newest invoice is unpaid and not yet due. The one before is unpaid and overdue
(``Collections`` for the second account), one was refunded and the rest are paid.
Amounts follow the account's plan in the product list below.
"""

import secrets
from datetime import datetime, timedelta, timezone

from .records import stored

DAY = 24 * 3600
INVOICE_COUNT = 6
DUE_DAYS = 14
ADDON_EXTRA_SITES = (101, "Extra site slots", 10.0)
UNPAID_STATUSES = ("Unpaid", "Collections", "Payment Pending")
PAY_TO_ADDRESS = "Rocket.net Sandbox Billing, 100 Example Way, Example City, FL 00000, US"

# (id, name, type, purchase method, monthly USD, description)
PRODUCTS = [
    (1, "Starter", "Managed", "Self-Service", 30.0, "1 WordPress install\n250,000 visits\n10GB storage"),
    (2, "Pro", "Managed", "Self-Service", 60.0, "3 WordPress installs\n1,000,000 visits\n20GB storage"),
    (3, "Business", "Managed", "Self-Service", 100.0, "10 WordPress installs\n2,500,000 visits\n40GB storage"),
    (11, "Agency 10", "Agency", "Self-Service", 100.0, "10 WordPress installs\n2,500,000 visits\n100GB storage"),
    (12, "Agency 25", "Agency", "Self-Service", 200.0, "25 WordPress installs\n5,000,000 visits\n250GB storage"),
    (13, "Agency 50", "Agency", "Self-Service", 350.0, "50 WordPress installs\n10,000,000 visits\n500GB storage"),
    (21, "Enterprise", "Enterprise", "Contact", 1500.0, "Custom limits and dedicated support"),
]
ANNUAL_MONTHS = 10  # An annual plan costs ten months.
# Length of one billing period. The seeded monthly invoices are 30 days apart.
PERIOD_DAYS = {"Monthly": 30, "Annual": 365}


def product_for_plan(plan):
    return next((product for product in PRODUCTS if product[1] == plan), PRODUCTS[0])


def billing_of(state, account):
    """Return the account's billing record, seeding it on first use."""
    return stored(account, "billing", lambda: _seed(state, account))


def day_text(epoch_seconds):
    return datetime.fromtimestamp(epoch_seconds, tz=timezone.utc).strftime("%Y-%m-%d")


def moment_text(epoch_seconds):
    return datetime.fromtimestamp(epoch_seconds, tz=timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def card_expiry(epoch_seconds, years_ahead):
    moment = datetime.fromtimestamp(epoch_seconds, tz=timezone.utc)
    return f"{moment.month:02d}/{(moment.year + years_ahead) % 100:02d}"


def expiry_has_passed(expiry, epoch_seconds):
    """Return True when a ``MM/YY`` expiry lies before the month of ``epoch_seconds``."""
    month, year = int(expiry[:2]), 2000 + int(expiry[3:])
    now = datetime.fromtimestamp(epoch_seconds, tz=timezone.utc)
    return (year, month) < (now.year, now.month)


def new_gateway_token(prefix="pm"):
    return f"{prefix}_{secrets.token_hex(12)}"


def _seed(state, account):
    rng = state.rng("billing", account.id)
    now = state.now()
    record = {"addresses": {}, "payment_methods": {}, "setup_intents": [], "invoices": {},
              "emails": {}, "paypal_plans": {}}

    address_id = state.next_id("billing_address", start=4201)
    record["addresses"][address_id] = {
        "id": address_id,
        "first_name": account.firstname,
        "last_name": account.lastname,
        "address_line_1": f"{rng.randint(10, 999)} Market Street",
        "address_line_2": "",
        "company_name": account.company,
        "email": account.email,
        "city": "Springfield",
        "state": "IL",
        "country": "US",
        "postal_code": f"62{rng.randint(100, 999)}",
        "telephone": f"555-01{rng.randint(10, 99)}",
        "receive_invoice_emails": True,
    }

    card_id = state.next_id("payment_method", start=7701)
    record["payment_methods"][card_id] = {
        "id": card_id,
        "type": "Credit Card",
        "active": True,
        "description": "Company Visa",
        "address_id": address_id,
        "card_last_four": "4242",
        "card_type": "Visa",
        "expiry_date": card_expiry(now, 2),
        "last_updated": datetime.fromtimestamp(now - 200 * DAY, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "gateway_token": new_gateway_token(),
    }

    product = product_for_plan(account.plan)
    for age in range(INVOICE_COUNT):
        _seed_invoice(state, account, record, rng, product, card_id, now - age * 30 * DAY, age)
    return record


def _seed_invoice(state, account, record, rng, product, card_id, issued_at, age):
    invoice_id = 880000 + account.id * 1000 + (INVOICE_COUNT - age)
    items = [{"id": invoice_id * 10 + 1, "type": "Hosting Plan", "product_or_addon_id": product[0],
              "description": f"{product[1]} ({day_text(issued_at)} - {day_text(issued_at + 29 * DAY)})",
              "amount": product[4]}]
    if age % 2 == 0:
        addon_id, addon_name, addon_price = ADDON_EXTRA_SITES
        items.append({"id": invoice_id * 10 + 2, "type": "Addon", "product_or_addon_id": addon_id,
                      "description": f"{addon_name} x2", "amount": addon_price * 2})

    if age == 0:
        status = "Unpaid"
    elif age == 1:
        # Overdue: unpaid past its due date; the second account's went to collections.
        status = "Collections" if account.id == 2 else "Unpaid"
    elif age == 3:
        status = "Refunded"
    else:
        status = "Paid"

    subtotal = round(sum(item["amount"] for item in items), 2)
    invoice = {
        "id": invoice_id,
        "issued_at": issued_at,
        "due_at": issued_at + DUE_DAYS * DAY,
        "status": status,
        "date_paid": None,
        "last_capture_attempt": None,
        "date_refunded": None,
        "date_cancelled": None,
        "payment_method_id": card_id,
        "subtotal": subtotal,
        "credit": 0.0,
        "items": items,
        "transactions": [],
        "token": secrets.token_urlsafe(18),
    }
    if status in ("Paid", "Refunded"):
        paid_at = issued_at + rng.randint(0, 3) * DAY + rng.randint(0, DAY)
        invoice["date_paid"] = invoice["last_capture_attempt"] = moment_text(paid_at)
        invoice["transactions"].append(transaction("Credit Card", paid_at, subtotal))
    if status == "Refunded":
        invoice["date_refunded"] = moment_text(issued_at + 5 * DAY)
    if status in ("Unpaid", "Collections") and age > 0:
        invoice["last_capture_attempt"] = moment_text(invoice["due_at"] + DAY)
    record["invoices"][invoice_id] = invoice

    add_email(state, account, record, f"Invoice #{invoice_id} Created", issued_at,
              f"Your invoice #{invoice_id} for ${subtotal:.2f} is ready.")
    if invoice["date_paid"]:
        add_email(state, account, record, "Credit Card Payment Confirmation", issued_at + DAY,
                  f"We received ${subtotal:.2f} for invoice #{invoice_id}. Thank you.")


def transaction(kind, paid_at, amount):
    return {"id": new_gateway_token("txn"), "type": kind, "date": moment_text(paid_at), "amount": amount}


def add_email(state, account, record, subject, sent_at, text):
    email_id = state.next_id("billing_email", start=990001)
    address = next(iter(record["addresses"].values()), None)
    record["emails"][email_id] = {
        "id": email_id,
        "subject": subject,
        "message": f"<!DOCTYPE html><html><body><p>{text}</p></body></html>",
        "date": moment_text(sent_at),
        "to": account.email,
        "cc": address["email"] if address and address["email"] != account.email else "",
        "bcc": "",
        "_sent_at": sent_at,
    }


def invoice_total(invoice):
    return round(invoice["subtotal"] - invoice["credit"], 2)


def next_renewal(now, days=30):
    return day_text(now + timedelta(days=days).total_seconds())


def hosting_plan_of(state, account):
    """Return the account's plan record, seeded from its plan name on first use.

    The record contains product_id, cycle, created_at and period_start. The current billing period
    starts with the newest seeded invoice, so that invoice and the next billing date agree.
    """
    if "hosting_plan" not in account.extras:
        invoices = billing_of(state, account)["invoices"].values()
        product = product_for_plan(account.plan)
        account.extras["hosting_plan"] = {
            "product_id": product[0], "cycle": "Monthly", "created_at": state.now() - 400 * DAY,
            "period_start": max((invoice["issued_at"] for invoice in invoices), default=state.now()),
        }
    return account.extras["hosting_plan"]


def next_billing_at(state, account, cycle=None):
    """Return the epoch second the account's next billing period starts.

    Periods of `cycle` (the plan's own cycle by default) follow one another from the plan's
    period_start. The account's next_due_date and the plan's next_billing_date both use this.
    """
    plan = hosting_plan_of(state, account)
    period = PERIOD_DAYS.get(cycle or plan["cycle"], PERIOD_DAYS["Monthly"]) * DAY
    periods_passed = max(0, int((state.now() - plan["period_start"]) // period))
    return plan["period_start"] + (periods_passed + 1) * period
