"""Invoices of one connection: list, detail, PDF download and payment with a stored card."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from billing import selectors, services
from billing.forms import OVERDUE, InvoiceFilterForm, PayInvoiceForm, add_api_error
from billing.views.common import (
    API_ERRORS, billing_connection, invoice_step_page, load, render_load_error, render_tab,
)

logger = logging.getLogger(__name__)

INVOICES_PER_PAGE = 10


@login_required
@require_GET
def invoice_list(request, connection_pk):
    """List one page of invoices, filtered by status; ?page= picks the page, INVOICES_PER_PAGE each.

    The API pages the list for each of its own statuses. "Overdue" is not an API status, so that filter
    reads every unpaid invoice and pages the overdue ones here.
    """
    connection = billing_connection(request, connection_pk)
    form = InvoiceFilterForm(request.GET)
    valid = form.is_valid()
    status = form.cleaned_data.get("status") or ""
    page_number = form.cleaned_data.get("page") or 1

    today = timezone.localdate()
    page, error = load(connection, "invoices", lambda: _invoice_page(connection, status, page_number, today))
    if error:
        return render_load_error(request, connection, "invoices", error)

    page_error = None
    if page.page > page.page_count:
        page_error = ngettext("Page %(page)s does not exist: this list has %(count)s page.",
                              "Page %(page)s does not exist: this list has %(count)s pages.",
                              page.page_count) % {"page": page.page, "count": page.page_count}

    context = {"form": form, "page": page, "status": status, "today": today,
               "status_error": bool(form.errors.get("status")), "page_error": page_error}
    response_status = 200
    if not valid:
        response_status = 400
    elif page_error:
        response_status = 404
    return render_tab(request, connection, "invoices", "billing/invoice_list.html", context, status=response_status)


def _invoice_page(connection, status, page_number, today):
    if status != OVERDUE:
        return selectors.list_invoice_page(connection, status=status or None, page=page_number,
                                           per_page=INVOICES_PER_PAGE)

    overdue = [row for row in selectors.list_invoices(connection) if row.is_overdue(today)]
    start = (page_number - 1) * INVOICES_PER_PAGE
    return selectors.InvoicePage(overdue[start:start + INVOICES_PER_PAGE], len(overdue), page_number,
                                 INVOICES_PER_PAGE)


@login_required
@require_GET
def invoice_detail(request, connection_pk, invoice_id):
    connection = billing_connection(request, connection_pk)
    invoice, error = load(connection, f"invoice {invoice_id}", lambda: selectors.get_invoice(connection, invoice_id))
    if error:
        return render_load_error(request, connection, "invoices", error)

    row = selectors.invoice_row(connection, invoice)
    context = {"invoice": invoice, "row": row, "overdue": row.is_overdue(timezone.localdate())}
    return render_tab(request, connection, "invoices", "billing/invoice_detail.html", context)


@login_required
@require_GET
def invoice_pdf(request, connection_pk, invoice_id):
    """Stream the API's PDF bytes to the browser as they arrive."""
    connection = billing_connection(request, connection_pk)
    try:
        filename, chunks = selectors.open_invoice_pdf(connection, invoice_id)
    except API_ERRORS as error:
        logger.warning("Billing: PDF of invoice %s of connection %s failed: %s", invoice_id, connection.pk, error)
        return render_load_error(request, connection, "invoices", str(error))

    response = StreamingHttpResponse(chunks, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def invoice_pay(request, connection_pk, invoice_id):
    """GET: show what will be charged to which card. POST with the confirmation: charge it."""
    connection = billing_connection(request, connection_pk)
    invoice, error = load(connection, f"invoice {invoice_id}", lambda: selectors.get_invoice(connection, invoice_id))
    if error:
        return render_load_error(request, connection, "invoices", error)
    methods, error = load(connection, "payment methods", lambda: selectors.list_payment_methods(connection))
    if error:
        return render_load_error(request, connection, "invoices", error)

    row = selectors.invoice_row(connection, invoice)
    cards = selectors.credit_cards(methods)
    form = PayInvoiceForm(request.POST if request.method == "POST" else None, cards=cards)
    context = {"invoice": invoice, "row": row, "cards": cards, "form": form}
    early = invoice_step_page(request, connection, "billing/invoice_pay.html", context, row, form)
    if early is not None:
        return early

    card = form.cards[form.cleaned_data["payment_method_id"]]
    try:
        services.pay_invoice(request, connection, invoice, card)
    except API_ERRORS as error:
        add_api_error(form, error)
        return render_tab(request, connection, "invoices", "billing/invoice_pay.html", context, status=400)

    messages.success(request, _("Invoice %(id)s was paid with the card ending in %(last4)s.")
                     % {"id": row.id, "last4": card.get("card_last_four")})
    return redirect("billing:invoice_detail", connection_pk=connection.pk, invoice_id=row.id)
