"""Paying an invoice with a PayPal subscription, in two steps.

1. paypal_start (after a confirmation) requests a PayPal plan for the invoice from Rocket.net. The
   API returns only the plan id for PayPal's Subscribe button and no approval link, so the page
   shows the plan id.
2. paypal_confirm sends the order and subscription ids PayPal returns on approval, which pays the
   invoice. The plan id from step 1 is kept in the session only to show it again there.
"""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from billing import selectors, services
from billing.forms import ConfirmPayPalForm, StartPayPalForm, add_api_error
from billing.views.common import (
    API_ERRORS, billing_connection, invoice_step_page, load, render_load_error, render_tab,
)

logger = logging.getLogger(__name__)

# Session key of {"<connection pk>:<invoice id>": paypal_plan_id}.
PLANS_SESSION_KEY = "billing_paypal_plans"


def _plan_key(connection, invoice_id):
    return f"{connection.pk}:{invoice_id}"


def _load_invoice(request, connection, invoice_id):
    """Return (invoice, row, None), or (None, None, error page) when the API read fails."""
    invoice, error = load(connection, f"invoice {invoice_id}", lambda: selectors.get_invoice(connection, invoice_id))
    if error:
        return None, None, render_load_error(request, connection, "invoices", error)
    return invoice, selectors.invoice_row(connection, invoice), None


@login_required
@require_http_methods(["GET", "POST"])
def paypal_start(request, connection_pk, invoice_id):
    """GET: explain the PayPal payment. POST with the confirmation: create the PayPal plan."""
    connection = billing_connection(request, connection_pk)
    invoice, row, error_page = _load_invoice(request, connection, invoice_id)
    if error_page:
        return error_page

    form = StartPayPalForm(request.POST if request.method == "POST" else None)
    context = {"invoice": invoice, "row": row, "form": form}
    template = "billing/invoice_paypal.html"
    early = invoice_step_page(request, connection, template, context, row, form)
    if early is not None:
        return early

    try:
        result = services.create_paypal_subscription(request, connection, invoice)
    except API_ERRORS as error:
        logger.warning("Billing: PayPal plan for invoice %s of connection %s failed: %s", row.id, connection.pk, error)
        add_api_error(form, error)
        return render_tab(request, connection, "invoices", template, context, status=400)

    plans = request.session.get(PLANS_SESSION_KEY, {})
    plans[_plan_key(connection, row.id)] = (result or {}).get("paypal_plan_id")
    request.session[PLANS_SESSION_KEY] = plans
    messages.success(request, _("Rocket.net created a PayPal plan for invoice %(id)s.") % {"id": row.id})
    return redirect("billing:invoice_paypal_confirm", connection_pk=connection.pk, invoice_id=row.id)


@login_required
@require_http_methods(["GET", "POST"])
def paypal_confirm(request, connection_pk, invoice_id):
    """GET: show the plan id and ask for PayPal's ids. POST: send them, which pays the invoice."""
    connection = billing_connection(request, connection_pk)
    invoice, row, error_page = _load_invoice(request, connection, invoice_id)
    if error_page:
        return error_page

    plan_id = request.session.get(PLANS_SESSION_KEY, {}).get(_plan_key(connection, row.id))
    form = ConfirmPayPalForm(request.POST if request.method == "POST" else None, plan_id=plan_id)
    context = {"invoice": invoice, "row": row, "form": form, "plan_id": plan_id}
    template = "billing/invoice_paypal_confirm.html"
    early = invoice_step_page(request, connection, template, context, row, form)
    if early is not None:
        return early

    try:
        services.confirm_paypal_subscription(request, connection, invoice, **form.cleaned_data)
    except API_ERRORS as error:
        logger.warning("Billing: PayPal confirmation for invoice %s of connection %s failed: %s",
                       row.id, connection.pk, error)
        add_api_error(form, error)
        return render_tab(request, connection, "invoices", template, context, status=400)

    plans = request.session.get(PLANS_SESSION_KEY, {})
    plans.pop(_plan_key(connection, row.id), None)
    request.session[PLANS_SESSION_KEY] = plans
    messages.success(request, _("Invoice %(id)s was paid with PayPal subscription %(subscription)s.")
                     % {"id": row.id, "subscription": form.cleaned_data["paypal_subscription_id"]})
    return redirect("billing:invoice_detail", connection_pk=connection.pk, invoice_id=row.id)
