"""Account details, the hosting plan with a previewed and confirmed change, and usage of one connection."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from billing import selectors, services
from billing.forms import ConfirmPlanChangeForm, PlanChangeForm, UsageForm, add_api_error
from billing.views.common import API_ERRORS, billing_connection, load, render_load_error, render_tab
from sites.selectors import get_fleet


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
    confirm_form = ConfirmPlanChangeForm(initial=choice, products=products)
    return _render_preview(request, connection, form, choice, confirm_form)


def _render_preview(request, connection, plan_form, choice, confirm_form, *, status=200):
    """Price `choice` with the API (preview=true) and render it with `confirm_form`.

    When the API rejects the choice, the plan page shows its message next to `plan_form`.
    """
    try:
        preview = selectors.preview_plan_change(connection, **choice)
    except API_ERRORS as error:
        add_api_error(plan_form, error)
        return _render_plan(request, connection, form=plan_form, status=400)

    context = {"preview": preview, "product_name": plan_form.product_name(), "choice": choice,
               "form": confirm_form, "product": plan_form.products.get(choice["billing_product_id"])}
    return render_tab(request, connection, "plan", "billing/plan_preview.html", context, status=status)


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
        if not plan_form.is_valid():
            # The hidden plan fields were changed or the plan is no longer on sale: choose again.
            return _render_plan(request, connection, form=plan_form, status=400)
        # Only the box is missing: show the same confirmation again, with the error next to the box.
        choice = {name: plan_form.cleaned_data[name] for name in ("billing_product_id", "billing_cycle")}
        return _render_preview(request, connection, plan_form, choice, form, status=400)

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

    context = {"form": form, "usage": result, "site_rows": _usage_site_rows(request.team, connection, result),
               **dates}
    return render_tab(request, connection, "usage", "billing/usage.html", context)


def _usage_site_rows(team, connection, result):
    """Return the usage rows with a `label` for each site, taken from the team's cached site list.

    A site missing from that list (deleted since, or its connection failed to load) keeps label None.
    """
    labels = {row.site_id: row.label or row.domain for row in get_fleet(team).rows
              if row.connection_id == connection.pk}
    rows = (result or {}).get("usage") or []
    return [{**row, "label": labels.get(row.get("site_id"))} for row in rows]
