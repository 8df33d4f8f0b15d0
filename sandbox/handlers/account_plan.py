"""Account plan and profile actions: hosting plan, password change, cancellation, billing SSO.

A plan change adds an unpaid invoice to the account's billing record, so it shows up in
``GET /v1/billing/invoices``.
"""

import logging
import re
import secrets

from .. import billing_state
from ..responses import ApiError, bad_request, envelope, parse_int, require_fields
from ..router import route
from .wordpress import html_page

logger = logging.getLogger(__name__)

BILLING_CYCLES = ("Monthly", "Annual")
PAYMENT_TYPES = ("paypal", "stripe")
CANCEL_TIMELINES = ("immediate", "end_of_billing_period")
SSO_DESTINATIONS = ("clientarea.php", "index.php", "feature-requests.php", "registration.php", "upgrade.php",
                    "zendesk.php")
BILLING_SSO_SECONDS = 10 * 60
INSTALLS = re.compile(r"^(\d+) WordPress installs?", re.MULTILINE)


def _product(product_id):
    for product in billing_state.PRODUCTS:
        if product[0] == product_id:
            return product
    known = ", ".join(str(product[0]) for product in billing_state.PRODUCTS)
    raise bad_request(f"billing_product_id {product_id} does not exist; use one of {known} (GET /v1/billing/products)")


def _site_limit(product, current_limit):
    match = INSTALLS.search(product[5])
    return int(match.group(1)) if match else current_limit


def _cost(product, cycle):
    months = billing_state.ANNUAL_MONTHS if cycle == "Annual" else 1
    return round(product[4] * months, 2)


def _plan_api(product, cycle, created_at, next_billing_at):
    return {
        "name": product[1],
        "type": product[2],
        "product_id": product[0],
        "created_at": billing_state.day_text(created_at),
        "next_billing_date": billing_state.day_text(next_billing_at),
        "status": "Active",
        "pricing": {"billing_cycle_type": "recurring", "billing_cycle": cycle, "cost": _cost(product, cycle),
                    "currency": "USD"},
    }


def _plan_record(ctx):
    return billing_state.hosting_plan_of(ctx.state, ctx.account)


@route("GET", "/v1/account/hosting_plan")
def get_hosting_plan(ctx):
    record = _plan_record(ctx)
    next_billing_at = billing_state.next_billing_at(ctx.state, ctx.account)
    addon_id, addon_name, addon_price = billing_state.ADDON_EXTRA_SITES
    return envelope({
        "current_plan": _plan_api(_product(record["product_id"]), record["cycle"], record["created_at"],
                                  next_billing_at),
        "addons": [{
            "name": addon_name, "type": "Addon", "addon_id": addon_id,
            "created_at": billing_state.day_text(record["created_at"]),
            "next_billing_date": billing_state.day_text(billing_state.next_billing_at(ctx.state, ctx.account,
                                                                                      "Monthly")),
            "status": "Active",
            "pricing": {"billing_cycle_type": "recurring", "billing_cycle": "Monthly", "cost": addon_price * 2,
                        "currency": "USD"},
        }],
    })


@route("POST", "/v1/account/hosting_plan")
def set_hosting_plan(ctx):
    body = ctx.body()
    require_fields(body, "firstname", "lastname", "billing_product_id", "billing_cycle", "payment_type")
    if body["payment_type"] not in PAYMENT_TYPES:
        raise bad_request(f"payment_type must be 'paypal' or 'stripe', got {body['payment_type']!r}")

    # NOTE: both seeded accounts already have a plan, so setting one behaves like a change.
    return envelope(_apply_plan(ctx, body, preview=False))


@route("PUT", "/v1/account/hosting_plan")
def change_hosting_plan(ctx):
    body = ctx.body()
    require_fields(body, "billing_product_id")
    preview = ctx.query.get("preview", "false").lower() in ("true", "1")
    return envelope(_apply_plan(ctx, body, preview))


def _apply_plan(ctx, body, preview):
    """Switch the account to the requested product, or only price it when ``preview``."""
    product = _product(parse_int(body["billing_product_id"], "billing_product_id"))
    cycle = body.get("billing_cycle", "Monthly")
    if cycle not in BILLING_CYCLES:
        raise bad_request(f"billing_cycle must be 'Monthly' or 'Annual', got {cycle!r}")

    site_count = len(ctx.state.sites_of(ctx.account))
    new_limit = _site_limit(product, ctx.account.site_limit)
    if new_limit < site_count:
        raise ApiError(412, f"the {product[1]} plan allows {new_limit} sites but the account has {site_count}: "
                            "delete sites first or choose a larger plan")

    total = _cost(product, cycle)
    if preview:
        return {"order_id": 0, "invoice_id": 0, "total": total}

    invoice_id = _add_invoice(ctx, product, cycle, total)
    record = _plan_record(ctx)
    # The new plan's first period starts now and is paid by the invoice just added.
    record.update({"product_id": product[0], "cycle": cycle, "created_at": ctx.state.now(),
                   "period_start": ctx.state.now()})
    ctx.account.plan = product[1]
    ctx.account.site_limit = new_limit
    logger.info("Account %s moved to plan %s (%s), invoice %s", ctx.account.email, product[1], cycle, invoice_id)
    return {"order_id": invoice_id - 100_000, "invoice_id": invoice_id, "total": total}


def _add_invoice(ctx, product, cycle, total):
    """Add an unpaid invoice for the new plan, shaped like the seeded billing invoices."""
    billing = billing_state.billing_of(ctx.state, ctx.account)
    now = ctx.state.now()
    invoice_id = max(billing["invoices"], default=880000) + 1
    billing["invoices"][invoice_id] = {
        "id": invoice_id,
        "issued_at": now,
        "due_at": now + billing_state.DUE_DAYS * billing_state.DAY,
        "status": "Unpaid",
        "date_paid": None,
        "last_capture_attempt": None,
        "date_refunded": None,
        "date_cancelled": None,
        "payment_method_id": next(iter(billing["payment_methods"]), None),
        "subtotal": total,
        "credit": 0.0,
        "items": [{"id": invoice_id * 10 + 1, "type": "Hosting Plan", "product_or_addon_id": product[0],
                   "description": f"{product[1]} ({cycle})", "amount": total}],
        "transactions": [],
        "token": secrets.token_urlsafe(18),
    }
    return invoice_id


@route("POST", "/v1/account/password")
def change_password(ctx):
    body = ctx.body()
    require_fields(body, "current_password", "new_password", "new_password_confirm")
    if body["current_password"] != ctx.account.password:
        raise bad_request("current_password is wrong")
    if body["new_password"] != body["new_password_confirm"]:
        raise bad_request("new_password_confirm does not match new_password")

    new_password = body["new_password"]
    if not isinstance(new_password, str) or len(new_password) < 10 or not re.search(r"[A-Za-z]", new_password) \
            or not re.search(r"\d", new_password):
        raise bad_request("new_password must have at least 10 characters with letters and digits")

    ctx.account.password = new_password
    logger.info("Password changed for %s", ctx.account.email)
    return envelope({"success": True})


@route("POST", "/v1/account/cancel")
def request_cancellation(ctx):
    body = ctx.body()
    require_fields(body, "timeline", "description")
    if body["timeline"] not in CANCEL_TIMELINES:
        raise bad_request(f"timeline must be 'immediate' or 'end_of_billing_period', got {body['timeline']!r}")

    ctx.account.extras["cancellation_request"] = {"timeline": body["timeline"], "description": str(body["description"]),
                                                  "requested_at": ctx.state.now()}
    logger.info("Cancellation requested for %s (%s)", ctx.account.email, body["timeline"])
    return envelope({"success": True})


@route("POST", "/v1/account/billing_sso")
def billing_sso(ctx):
    body = ctx.body()
    destination = body.get("destination")
    if destination not in SSO_DESTINATIONS:
        raise bad_request(f"destination must be one of {', '.join(SSO_DESTINATIONS)}, got {destination!r}")

    params = body.get("params") or ""
    if not isinstance(params, str):
        raise bad_request(f"params must be a query string, got {params!r}")

    # The link points at a page this sandbox serves, so following it in a demo never leaves the machine.
    token = secrets.token_urlsafe(24)
    ctx.account.extras.setdefault("billing_sso_tokens", {})[token] = {
        "destination": destination, "expires_at": ctx.state.now() + BILLING_SSO_SECONDS,
    }
    link = f"{ctx.base_url}/_sandbox/billing/{destination}?sso_token={token}"
    if params:
        link += "&" + params.lstrip("?&")
    return envelope({"link": link})


@route("GET", "/_sandbox/billing/{destination}", authenticated=False)
def simulated_billing_page(ctx, destination):
    """Serve a placeholder billing portal page for a link from billing_sso; a bad or expired token gets 403."""
    token = ctx.query.get("sso_token", "")
    for account in ctx.state.accounts.values():
        grant = account.extras.get("billing_sso_tokens", {}).get(token)
        if grant is not None and grant["destination"] == destination and grant["expires_at"] >= ctx.state.now():
            title = f"Simulated billing portal: {destination}"
            return html_page(200, title, f"This page stands in for the billing portal page {destination} of "
                                         f"{account.email}. The Rocket.net sandbox serves it so that billing "
                                         "sign-on links never leave this machine.")
    logger.info("Rejected a billing sign-on for %s: unknown or expired token", destination)
    return html_page(403, "Sign-on link not valid",
                     "This sign-on link is unknown or has expired. Open it again from the dashboard.")
