"""Billing writes on one connection's Rocket.net account; each one writes an audit row.

Card numbers never reach this module: a card arrives as the payment provider's token, and only
brand, last four digits and expiry come back from the API. Audit details hold ids and amounts only.
"""

import logging

from accounts.audit import record_action
from accounts.crypto import DecryptionError
from accounts.models import AuditResult
from accounts.services import client_for
from rocketnet.errors import RocketNetError
from rocketnet.services import account, billing

logger = logging.getLogger(__name__)


def run_audited(request, connection, *, action, target, call, detail=None, result_detail=None):
    """Run `call` and write its audit row, succeeded or failed; API errors are re-raised.

    `result_detail`, given the call's result, returns more detail for a successful call's row.
    """
    try:
        result = call()
    except (RocketNetError, DecryptionError) as error:
        record_action(team=request.team, user=request.user, action=action, result=AuditResult.FAILED,
                      connection=connection, target=target, detail={**(detail or {}), "error": str(error)})
        raise

    if result_detail is not None:
        detail = {**(detail or {}), **result_detail(result)}
    record_action(team=request.team, user=request.user, action=action, result=AuditResult.SUCCEEDED,
                  connection=connection, target=target, detail=detail)
    return result


def pay_invoice(request, connection, invoice, method):
    """Charge the stored credit card `method` for `invoice` (both as the API returns them).

    The API charges the account's active card, so a card that is not active is made the active one
    first. That switch is audited on its own row.
    """
    invoice_id = invoice["id"]
    with client_for(connection) as client:
        if not method.get("active"):
            run_audited(request, connection, action="billing.update_payment_method", target=method["id"],
                        detail={"payment_method_id": method["id"], "active": True},
                        call=lambda: billing.update_payment_method(client, method["id"], active=True))

        detail = {"invoice_id": invoice_id, "amount": str(invoice.get("total")), "payment_method_id": method["id"],
                  "brand": method.get("card_type"), "last4": method.get("card_last_four")}
        return run_audited(request, connection, action="billing.pay_invoice", target=f"invoice {invoice_id}",
                           detail=detail, call=lambda: billing.pay_invoice_by_credit_card(client, invoice_id))


def start_card_setup(request, connection):
    """Open a setup intent, the first step of adding a card; return the API's result."""
    with client_for(connection) as client:
        return run_audited(request, connection, action="billing.start_card_setup", target="setup intent",
                           call=lambda: billing.create_credit_card_setup_intent(client))


def add_card(request, connection, *, card_token, address_id, description, active):
    """Add a card from the payment provider's token; return the new payment method (no number in it)."""
    with client_for(connection) as client:
        method = run_audited(
            request, connection, action="billing.add_payment_method", target=f"address {address_id}",
            detail={"address_id": address_id, "make_default": active},
            call=lambda: billing.add_credit_card(client, card_token=card_token, address_id=address_id,
                                                 description=description or None, active=active),
        )
    logger.info("Card %s added to connection %s", (method or {}).get("id"), connection.pk)
    return method


def update_payment_method(request, connection, payment_method_id, changes):
    """PATCH the changed fields (`active`, `address_id`, `description`, `expiry_date`) of a payment method."""
    with client_for(connection) as client:
        return run_audited(request, connection, action="billing.update_payment_method", target=payment_method_id,
                           detail={"payment_method_id": payment_method_id, **changes},
                           call=lambda: billing.update_payment_method(client, payment_method_id, **changes))


def delete_payment_method(request, connection, payment_method_id):
    with client_for(connection) as client:
        return run_audited(request, connection, action="billing.delete_payment_method", target=payment_method_id,
                           detail={"payment_method_id": payment_method_id},
                           call=lambda: billing.delete_payment_method(client, payment_method_id))


def create_address(request, connection, fields):
    with client_for(connection) as client:
        return run_audited(request, connection, action="billing.create_address", target=fields["email"],
                           call=lambda: billing.create_billing_address(client, **fields))


def update_address(request, connection, address_id, fields):
    """Replace the address: the API's update takes every field, like create."""
    with client_for(connection) as client:
        return run_audited(request, connection, action="billing.update_address", target=address_id,
                           detail={"address_id": address_id},
                           call=lambda: billing.update_billing_address(client, address_id, **fields))


def delete_address(request, connection, address_id):
    with client_for(connection) as client:
        return run_audited(request, connection, action="billing.delete_address", target=address_id,
                           detail={"address_id": address_id},
                           call=lambda: billing.delete_billing_address(client, address_id))


def change_plan(request, connection, *, billing_product_id, billing_cycle, product_name):
    """Change the hosting plan for real; return the API's {"invoice_id", "total", ...}."""
    detail = {"billing_product_id": billing_product_id, "billing_cycle": billing_cycle}
    with client_for(connection) as client:
        result = run_audited(
            request, connection, action="billing.change_plan", target=product_name or billing_product_id,
            detail=detail,
            result_detail=lambda result: {"invoice_id": (result or {}).get("invoice_id"),
                                          "total": str((result or {}).get("total"))},
            call=lambda: account.change_hosting_plan(client, billing_product_id=billing_product_id,
                                                     billing_cycle=billing_cycle, preview=False),
        )
    logger.info("Plan of connection %s changed to product %s (%s)", connection.pk, billing_product_id, billing_cycle)
    return result


def create_paypal_subscription(request, connection, invoice):
    """Create the PayPal plan that pays `invoice`, and return the API's {"paypal_plan_id"}.

    Nothing is charged yet: the plan id is for PayPal's Subscribe button, and the invoice is paid
    only when confirm_paypal_subscription sends the ids PayPal returns on approval.
    """
    invoice_id = invoice["id"]
    with client_for(connection) as client:
        return run_audited(
            request, connection, action="billing.create_paypal_subscription", target=f"invoice {invoice_id}",
            detail={"invoice_id": invoice_id, "amount": str(invoice.get("total"))},
            result_detail=lambda result: {"paypal_plan_id": (result or {}).get("paypal_plan_id")},
            call=lambda: billing.create_paypal_subscription(client, invoice_id),
        )


def confirm_paypal_subscription(request, connection, invoice, *, paypal_order_id, paypal_subscription_id):
    """Send the PayPal order and subscription ids of an approved subscription, which pays `invoice`."""
    invoice_id = invoice["id"]
    detail = {"invoice_id": invoice_id, "amount": str(invoice.get("total")),
              "paypal_order_id": paypal_order_id, "paypal_subscription_id": paypal_subscription_id}
    with client_for(connection) as client:
        result = run_audited(
            request, connection, action="billing.update_paypal_subscription", target=f"invoice {invoice_id}",
            detail=detail,
            call=lambda: billing.update_paypal_subscription(client, invoice_id, paypal_order_id=paypal_order_id,
                                                            paypal_subscription_id=paypal_subscription_id),
        )
    logger.info("Invoice %s of connection %s paid by PayPal subscription %s",
                invoice_id, connection.pk, paypal_subscription_id)
    return result
