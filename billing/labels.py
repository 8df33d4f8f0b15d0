"""Translatable labels for the enum values the Rocket.net billing API returns.

The API sends English words such as "Unpaid" or "Annual". Pages show the label of a value listed in
the API's schemas here, and the value itself when the API sends one that is not listed.
"""

from django.utils.translation import gettext_lazy as _

# Invoice payment.status (the status filter of GET /v1/billing/invoices).
INVOICE_STATUS_LABELS = {
    "Cancelled": _("Cancelled"),
    "Collections": _("Collections"),
    "Draft": _("Draft"),
    "Payment Pending": _("Payment Pending"),
    "Paid": _("Paid"),
    "Refunded": _("Refunded"),
    "Unpaid": _("Unpaid"),
}

# pricing.billing_cycle of plans, add-ons and products.
BILLING_CYCLE_LABELS = {
    "Monthly": _("Monthly"),
    "Quarterly": _("Quarterly"),
    "Semi-Annually": _("Semi-annually"),
    "Annual": _("Annual"),
    "Bi-Annual": _("Every two years"),
    "Tri-Annual": _("Every three years"),
    "Free Account": _("Free account"),
}

# status of the hosting plan and of each add-on.
PLAN_STATUS_LABELS = {
    "Active": _("Active"),
    "Cancelled": _("Cancelled"),
    "Completed": _("Completed"),
    "Pending": _("Pending"),
    "Suspended": _("Suspended"),
    "Terminated": _("Terminated"),
}

# type of a hosting plan or product.
PLAN_TYPE_LABELS = {
    "Agency": _("Agency"),
    "Managed": _("Managed"),
    "Enterprise": _("Enterprise"),
}

# package.account_type of account/me.
ACCOUNT_TYPE_LABELS = {
    "managed": _("Managed hosting"),
    "reseller": _("Reseller hosting"),
}

# type of an invoice line item, and of a payment method or transaction.
INVOICE_ITEM_TYPE_LABELS = {
    "Hosting Plan": _("Hosting plan"),
    "Addon": _("Add-on"),
}
PAYMENT_TYPE_LABELS = {
    "Credit Card": _("Credit card"),
    "PayPal": _("PayPal"),
}

LABELS = {
    "invoice_status": INVOICE_STATUS_LABELS,
    "billing_cycle": BILLING_CYCLE_LABELS,
    "plan_status": PLAN_STATUS_LABELS,
    "plan_type": PLAN_TYPE_LABELS,
    "account_type": ACCOUNT_TYPE_LABELS,
    "invoice_item_type": INVOICE_ITEM_TYPE_LABELS,
    "payment_type": PAYMENT_TYPE_LABELS,
}


def api_label(kind, value):
    """Return the translated label of an API enum `value` of `kind` (a key of LABELS), or `value` itself."""
    if value in (None, ""):
        return ""
    return LABELS[kind].get(str(value), str(value))
