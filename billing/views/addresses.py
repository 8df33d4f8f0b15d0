"""Billing addresses (list, create, edit, delete) and billing emails (list, view) of one connection."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from billing import selectors, services
from billing.forms import AddressForm, add_api_error
from billing.views.common import API_ERRORS, billing_connection, load, load_record, render_load_error, render_tab
from sites.selectors import describe_error


@login_required
@require_GET
def address_list(request, connection_pk):
    connection = billing_connection(request, connection_pk)
    addresses, error = load(connection, "addresses", lambda: selectors.list_addresses(connection))
    if error:
        return render_load_error(request, connection, "addresses", error)
    return render_tab(request, connection, "addresses", "billing/address_list.html", {"addresses": addresses})


def _address_initial(address):
    return {name: address.get(name) for name in AddressForm.base_fields}


def _save_address(request, connection, form, context, save):
    if request.method == "GET":
        return render_tab(request, connection, "addresses", "billing/address_form.html", context)
    if not form.is_valid():
        return render_tab(request, connection, "addresses", "billing/address_form.html", context, status=400)

    try:
        save(form.cleaned_data)
    except API_ERRORS as error:
        add_api_error(form, error)
        return render_tab(request, connection, "addresses", "billing/address_form.html", context, status=400)

    messages.success(request, _("Billing address of %(email)s saved.") % {"email": form.cleaned_data["email"]})
    return redirect("billing:address_list", connection_pk=connection.pk)


@login_required
@require_http_methods(["GET", "POST"])
def address_add(request, connection_pk):
    connection = billing_connection(request, connection_pk)
    form = AddressForm(request.POST if request.method == "POST" else None,
                       initial={"receive_invoice_emails": True})
    context = {"form": form, "address": None}
    return _save_address(request, connection, form, context,
                         lambda fields: services.create_address(request, connection, fields))


def _load_address(connection, address_id):
    """Read one billing address; return (address, error message, HTTP status) as load_record does."""
    return load_record(
        connection, _("Billing address %(id)s") % {"id": address_id}, address_id,
        lambda: selectors.get_address(connection, address_id), lambda: selectors.list_addresses(connection),
    )


@login_required
@require_http_methods(["GET", "POST"])
def address_edit(request, connection_pk, address_id):
    connection = billing_connection(request, connection_pk)
    address, error, status = _load_address(connection, address_id)
    if error:
        return render_load_error(request, connection, "addresses", error, status=status)

    form = AddressForm(request.POST if request.method == "POST" else None, initial=_address_initial(address))
    context = {"form": form, "address": address}
    return _save_address(request, connection, form, context,
                         lambda fields: services.update_address(request, connection, address["id"], fields))


@login_required
@require_http_methods(["GET", "POST"])
def address_delete(request, connection_pk, address_id):
    """Render a confirmation page on GET and delete the address on POST."""
    connection = billing_connection(request, connection_pk)
    address, error, status = _load_address(connection, address_id)
    if error:
        return render_load_error(request, connection, "addresses", error, status=status)

    context = {"address": address, "delete_error": None}
    if request.method == "GET":
        return render_tab(request, connection, "addresses", "billing/address_delete.html", context)

    try:
        services.delete_address(request, connection, address["id"])
    except API_ERRORS as error:
        context["delete_error"] = describe_error(error)
        return render_tab(request, connection, "addresses", "billing/address_delete.html", context, status=400)

    messages.success(request, _("Billing address %(id)s deleted.") % {"id": address["id"]})
    return redirect("billing:address_list", connection_pk=connection.pk)


@login_required
@require_GET
def email_list(request, connection_pk):
    connection = billing_connection(request, connection_pk)
    emails, error = load(connection, "billing emails", lambda: selectors.list_emails(connection))
    if error:
        return render_load_error(request, connection, "emails", error)
    return render_tab(request, connection, "emails", "billing/email_list.html", {"emails": emails})


@login_required
@require_GET
def email_detail(request, connection_pk, email_id):
    connection = billing_connection(request, connection_pk)
    email, error, status = load_record(
        connection, _("Billing email %(id)s") % {"id": email_id}, email_id,
        lambda: selectors.get_email(connection, email_id), lambda: selectors.list_emails(connection),
    )
    if error:
        return render_load_error(request, connection, "emails", error, status=status)
    return render_tab(request, connection, "emails", "billing/email_detail.html", {"email": email})
