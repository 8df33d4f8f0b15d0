"""Billing URLs, mounted at /billing/. Every page needs the admin role (billing.views.common)."""

from django.urls import path

from billing.views import addresses, invoices, payment_methods, paypal, plan, team

app_name = "billing"

CONNECTION = "connections/<int:connection_pk>/"

urlpatterns = [
    path("", team.overview, name="overview"),
    path("invoices.csv", team.export_csv, name="export_csv"),
    path(CONNECTION, plan.account_page, name="account"),
    path(CONNECTION + "invoices/", invoices.invoice_list, name="invoice_list"),
    path(CONNECTION + "invoices/<int:invoice_id>/", invoices.invoice_detail, name="invoice_detail"),
    path(CONNECTION + "invoices/<int:invoice_id>/pdf/", invoices.invoice_pdf, name="invoice_pdf"),
    path(CONNECTION + "invoices/<int:invoice_id>/pay/", invoices.invoice_pay, name="invoice_pay"),
    path(CONNECTION + "invoices/<int:invoice_id>/paypal/", paypal.paypal_start, name="invoice_paypal"),
    path(CONNECTION + "invoices/<int:invoice_id>/paypal/confirm/", paypal.paypal_confirm,
         name="invoice_paypal_confirm"),
    path(CONNECTION + "payment-methods/", payment_methods.payment_methods, name="payment_methods"),
    path(CONNECTION + "payment-methods/add/", payment_methods.card_add, name="card_add"),
    path(CONNECTION + "payment-methods/add/setup/", payment_methods.card_setup, name="card_setup"),
    path(CONNECTION + "payment-methods/add/card/", payment_methods.card_save, name="card_save"),
    path(CONNECTION + "payment-methods/<int:payment_method_id>/edit/", payment_methods.method_edit,
         name="method_edit"),
    path(CONNECTION + "payment-methods/<int:payment_method_id>/delete/", payment_methods.method_delete,
         name="method_delete"),
    path(CONNECTION + "addresses/", addresses.address_list, name="address_list"),
    path(CONNECTION + "addresses/add/", addresses.address_add, name="address_add"),
    path(CONNECTION + "addresses/<int:address_id>/edit/", addresses.address_edit, name="address_edit"),
    path(CONNECTION + "addresses/<int:address_id>/delete/", addresses.address_delete, name="address_delete"),
    path(CONNECTION + "emails/", addresses.email_list, name="email_list"),
    path(CONNECTION + "emails/<int:email_id>/", addresses.email_detail, name="email_detail"),
    path(CONNECTION + "plan/", plan.plan, name="plan"),
    path(CONNECTION + "plan/preview/", plan.plan_preview, name="plan_preview"),
    path(CONNECTION + "plan/change/", plan.plan_change, name="plan_change"),
    path(CONNECTION + "usage/", plan.usage, name="usage"),
]
