"""Payment methods of one connection: list, add a card through a setup intent, edit and delete.

Adding a card takes two steps, as the API requires: open a setup intent, then send the token the
payment provider's card form returned. No view or form here takes a card number.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from billing import selectors, services
from billing.forms import AddCardForm, PaymentMethodForm, add_api_error
from billing.views.common import API_ERRORS, billing_connection, load, render_load_error, render_tab
from sites.selectors import describe_error

TAB = "payment_methods"


def _setup_intent_id(result):
    # The setup intent's client secret ("seti_..._secret_...") is for the payment form only; show its id.
    intent = str((result or {}).get("setup_intent") or "")
    return intent.split("_secret_")[0]


@login_required
@require_GET
def payment_methods(request, connection_pk):
    connection = billing_connection(request, connection_pk)
    methods, error = load(connection, "payment methods", lambda: selectors.list_payment_methods(connection))
    if error:
        return render_load_error(request, connection, TAB, error)
    return render_tab(request, connection, TAB, "billing/payment_methods.html", {"methods": methods})


def _render_add(request, connection, *, form=None, setup_error=None, intent_id="", status=200):
    addresses, error = load(connection, "addresses", lambda: selectors.list_addresses(connection))
    if error:
        return render_load_error(request, connection, TAB, error)

    form = form or AddCardForm(addresses=addresses)
    form.fields["address_id"].choices = AddCardForm(addresses=addresses).fields["address_id"].choices
    context = {"form": form, "setup_error": setup_error, "intent_id": intent_id, "addresses": addresses}
    return render_tab(request, connection, TAB, "billing/card_add.html", context, status=status)


@login_required
@require_GET
def card_add(request, connection_pk):
    """Render the first step: how adding a card works, and a button that opens a setup intent."""
    connection = billing_connection(request, connection_pk)
    return _render_add(request, connection)


@login_required
@require_POST
def card_setup(request, connection_pk):
    """Open a setup intent, then show the form that takes the card token."""
    connection = billing_connection(request, connection_pk)
    try:
        result = services.start_card_setup(request, connection)
    except API_ERRORS as error:
        return _render_add(request, connection, setup_error=describe_error(error), status=400)
    return _render_add(request, connection, intent_id=_setup_intent_id(result) or "-")


@login_required
@require_POST
def card_save(request, connection_pk):
    connection = billing_connection(request, connection_pk)
    addresses, error = load(connection, "addresses", lambda: selectors.list_addresses(connection))
    if error:
        return render_load_error(request, connection, TAB, error)

    form = AddCardForm(request.POST, addresses=addresses)
    intent_id = request.POST.get("intent_id", "")[:100]
    if not form.is_valid():
        return _render_add(request, connection, form=form, intent_id=intent_id or "-", status=400)

    try:
        method = services.add_card(request, connection, **form.cleaned_data)
    except API_ERRORS as error:
        add_api_error(form, error)
        return _render_add(request, connection, form=form, intent_id=intent_id or "-", status=400)

    messages.success(request, _("%(brand)s card ending in %(last4)s added.")
                     % {"brand": method.get("card_type"), "last4": method.get("card_last_four")})
    return redirect("billing:payment_methods", connection_pk=connection.pk)


def _method_initial(method):
    return {"description": method.get("description") or "", "expiry_date": method.get("expiry_date") or "",
            "address_id": method.get("address_id"), "active": bool(method.get("active"))}


@login_required
@require_http_methods(["GET", "POST"])
def method_edit(request, connection_pk, payment_method_id):
    connection = billing_connection(request, connection_pk)
    method, error = load(connection, f"payment method {payment_method_id}",
                         lambda: selectors.get_payment_method(connection, payment_method_id))
    if error:
        return render_load_error(request, connection, TAB, error)
    addresses, error = load(connection, "addresses", lambda: selectors.list_addresses(connection))
    if error:
        return render_load_error(request, connection, TAB, error)

    initial = _method_initial(method)
    data = request.POST if request.method == "POST" else None
    form = PaymentMethodForm(data, initial=initial, addresses=addresses)
    context = {"method": method, "form": form}
    if request.method == "GET":
        return render_tab(request, connection, TAB, "billing/method_edit.html", context)
    if not form.is_valid():
        return render_tab(request, connection, TAB, "billing/method_edit.html", context, status=400)

    changes = form.changes()
    if changes.get("active") is False:
        # The API makes a card default by activating it; turning the default off would leave none.
        changes.pop("active")
    if changes:
        try:
            services.update_payment_method(request, connection, method["id"], changes)
        except API_ERRORS as error:
            add_api_error(form, error)
            return render_tab(request, connection, TAB, "billing/method_edit.html", context, status=400)

    messages.success(request, _("Payment method %(id)s saved.") % {"id": method["id"]})
    return redirect("billing:payment_methods", connection_pk=connection.pk)


@login_required
@require_http_methods(["GET", "POST"])
def method_delete(request, connection_pk, payment_method_id):
    """Render a confirmation page on GET and delete the payment method on POST."""
    connection = billing_connection(request, connection_pk)
    method, error = load(connection, f"payment method {payment_method_id}",
                         lambda: selectors.get_payment_method(connection, payment_method_id))
    if error:
        return render_load_error(request, connection, TAB, error)

    context = {"method": method, "delete_error": None}
    if request.method == "GET":
        return render_tab(request, connection, TAB, "billing/method_delete.html", context)

    try:
        services.delete_payment_method(request, connection, method["id"])
    except API_ERRORS as error:
        context["delete_error"] = describe_error(error)
        return render_tab(request, connection, TAB, "billing/method_delete.html", context, status=400)

    messages.success(request, _("Payment method %(id)s deleted.") % {"id": method["id"]})
    return redirect("billing:payment_methods", connection_pk=connection.pk)
