"""Account details, the hosting plan with a previewed and confirmed change, and usage of one connection."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from billing import selectors, services
from billing.forms import ConfirmPlanChangeForm, PlanChangeForm, UsageForm, add_api_error
from billing.views.common import API_ERRORS, billing_connection, load, render_load_error, render_tab


@login_required
@require_GET
def account_page(request, connection_pk):
    """Account details (account/me); changing them happens on the connection's settings page."""
    connection = billing_connection(request, connection_pk)
    me, error = load(connection, "account", lambda: selectors.get_me(connection))
    if error:
        return render_load_error(request, connection, "account", error)

    package = me.raw.get("package") or {}
    return render_tab(request, connection, "account", "billing/account.html", {"me": me, "package": package})


def _plan_context(connection):
    """Return the plan page's data, or raise an API error."""
    return {"plan": selectors.get_hosting_plan(connection), "products": selectors.list_products(connection)}


def _render_plan(request, connection, *, form=None, status=200):
    context, error = load(connection, "hosting plan", lambda: _plan_context(connection))
    if error:
        return render_load_error(request, connection, "plan", error)

    context["form"] = form or PlanChangeForm(products=context["products"])
    return render_tab(request, connection, "plan", "billing/plan.html", context, status=status)


@login_required
@require_GET
def plan(request, connection_pk):
    connection = billing_connection(request, connection_pk)
    return _render_plan(request, connection)


@login_required
@require_POST
def plan_preview(request, connection_pk):
    """Ask the API what the change would cost (preview=true) and show it with a confirmation form."""
    connection = billing_connection(request, connection_pk)
    products, error = load(connection, "products", lambda: selectors.list_products(connection))
    if error:
        return render_load_error(request, connection, "plan", error)

    form = PlanChangeForm(request.POST, products=products)
    if not form.is_valid():
        return _render_plan(request, connection, form=form, status=400)

    choice = {"billing_product_id": form.cleaned_data["billing_product_id"],
              "billing_cycle": form.cleaned_data["billing_cycle"]}
    try:
        preview = selectors.preview_plan_change(connection, **choice)
    except API_ERRORS as error:
        add_api_error(form, error)
        return _render_plan(request, connection, form=form, status=400)

    confirm_form = ConfirmPlanChangeForm(initial=choice, products=products)
    context = {"preview": preview, "product_name": form.product_name(), "choice": choice, "form": confirm_form,
               "product": form.products.get(choice["billing_product_id"])}
    return render_tab(request, connection, "plan", "billing/plan_preview.html", context)


@login_required
@require_POST
def plan_change(request, connection_pk):
    """Change the plan for real, once the confirmation box of the preview page is ticked."""
    connection = billing_connection(request, connection_pk)
    products, error = load(connection, "products", lambda: selectors.list_products(connection))
    if error:
        return render_load_error(request, connection, "plan", error)

    form = ConfirmPlanChangeForm(request.POST, products=products)
    if not form.is_valid():
        plan_form = PlanChangeForm(request.POST, products=products)
        plan_form.is_valid()
        for message in form.errors.get("confirm", []):
            plan_form.add_error(None, message)
        return _render_plan(request, connection, form=plan_form, status=400)

    try:
        result = services.change_plan(request, connection, billing_product_id=form.cleaned_data["billing_product_id"],
                                      billing_cycle=form.cleaned_data["billing_cycle"],
                                      product_name=form.product_name())
    except API_ERRORS as error:
        plan_form = PlanChangeForm(request.POST, products=products)
        plan_form.is_valid()
        add_api_error(plan_form, error)
        return _render_plan(request, connection, form=plan_form, status=400)

    messages.success(request, _("The plan is now %(plan)s. Invoice %(invoice)s for %(total)s USD was created.")
                     % {"plan": form.product_name(), "invoice": result.get("invoice_id"),
                        "total": selectors.to_decimal(result.get("total"))})
    return redirect("billing:plan", connection_pk=connection.pk)


@login_required
@require_GET
def usage(request, connection_pk):
    connection = billing_connection(request, connection_pk)
    form = UsageForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "usage": None}
        return render_tab(request, connection, "usage", "billing/usage.html", context, status=400)

    dates = {"date_from": form.cleaned_data["date_from"], "date_to": form.cleaned_data["date_to"]}
    try:
        result = selectors.get_usage(connection, **dates)
    except API_ERRORS as error:
        add_api_error(form, error)
        context = {"form": form, "usage": None}
        return render_tab(request, connection, "usage", "billing/usage.html", context, status=400)
    return render_tab(request, connection, "usage", "billing/usage.html", {"form": form, "usage": result, **dates})
