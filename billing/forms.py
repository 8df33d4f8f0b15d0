"""Billing forms. Field names match the API's parameter names, so the API's own validation
messages can be shown next to the field they name (see add_api_error)."""

import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.dates import limit_date_inputs, validate_end_date_not_future
from billing.labels import BILLING_CYCLE_LABELS, api_label
from billing.selectors import INVOICE_STATUSES

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}
CHECK = {"class": "form-check-input"}

CARD_TOKEN_PATTERN = re.compile(r"^(tok|pm)_[A-Za-z0-9_]{2,200}$")
EXPIRY_PATTERN = re.compile(r"^(0[1-9]|1[0-2])/(\d{2})$")
PAYPAL_ID_PATTERN = re.compile(r"^[A-Za-z0-9-]+$")
# The spec types telephone and postal_code as free strings, so these patterns only reject values that
# cannot be a phone number or a postal code anywhere.
TELEPHONE_PATTERN = re.compile(r"^[0-9 +()\-]+$")
POSTAL_CODE_PATTERN = re.compile(r"^[^\W_](?:[^\W_]|[ -])*$")
OVERDUE = "overdue"
MAX_USAGE_DAYS = 366


def add_api_error(form, error):
    """Show a Rocket.net error on `form`: each message next to the field it names, the rest on top.

    The API names the field at the start of its message ("country must be a two-letter ISO code"),
    or in `field_errors`. A message naming no field of the form, or several, goes to the top.
    """
    field_errors = dict(getattr(error, "field_errors", {}) or {})
    for message in getattr(error, "messages", None) or [str(error)]:
        named = [name for name in form.fields if re.search(rf"\b{re.escape(name)}\b", message)]
        if len(named) == 1:
            field_errors.setdefault(named[0], []).append(message)
        else:
            form.add_error(None, message)

    for name, messages in field_errors.items():
        target = name if name in form.fields else None
        for message in messages:
            form.add_error(target, message)


def _expiry_month(text):
    match = EXPIRY_PATTERN.match(text)
    return (2000 + int(match.group(2)), int(match.group(1))) if match else None


class InvoiceFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, widget=forms.Select(attrs=SELECT),
        choices=[("", _("All")), (OVERDUE, _("Overdue (unpaid past due date)"))]
        + [(status, api_label("invoice_status", status)) for status in INVOICE_STATUSES],
        error_messages={"invalid_choice": _("Status %(value)s does not exist; choose one from the list.")},
    )
    page = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_page(self):
        """Return the requested page number, 1 when none was given."""
        text = self.cleaned_data["page"].strip()
        if not text:
            return 1
        if not text.isdigit() or int(text) < 1:
            raise forms.ValidationError(_("Page %(value)s does not exist; pages are numbered from 1.")
                                        % {"value": text[:20]})
        return int(text)


class PayInvoiceForm(forms.Form):
    payment_method_id = forms.TypedChoiceField(
        label=_("Card to charge"), coerce=int, widget=forms.RadioSelect(attrs=CHECK),
        error_messages={"required": _("Choose the card to charge."),
                        "invalid_choice": _("Card %(value)s is not stored on this account; choose a listed card.")},
    )
    confirm = forms.BooleanField(
        label=_("I confirm this payment"),
        widget=forms.CheckboxInput(attrs=CHECK),
        error_messages={"required": _("Tick the box to confirm the payment; nothing was charged.")},
    )

    def __init__(self, *args, cards=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.cards = {card["id"]: card for card in cards}
        self.fields["payment_method_id"].choices = [
            (card["id"], f"{card.get('card_type') or ''} •••• {card.get('card_last_four') or ''} "
                         f"({card.get('expiry_date') or ''})")
            for card in cards
        ]
        active = next((card["id"] for card in cards if card.get("active")), None)
        if active is not None:
            self.fields["payment_method_id"].initial = active


class StartPayPalForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I want to pay this invoice with a PayPal subscription"), widget=forms.CheckboxInput(attrs=CHECK),
        error_messages={"required": _("Tick the box to start the PayPal payment; nothing was sent to Rocket.net.")},
    )


class ConfirmPayPalForm(forms.Form):
    """The ids PayPal returns when the customer approves the subscription."""

    # The API documents no length limit, so this cap only bounds the input and Rocket.net checks
    # its own limit (the sandbox's is 100 characters).
    paypal_order_id = forms.CharField(
        label=_("PayPal order ID"), max_length=255,
        help_text=_("The order ID PayPal returns when the subscription is approved, such as 5O190127TN364715T."),
        widget=forms.TextInput(attrs={**TEXT, "autocomplete": "off", "spellcheck": "false"}),
    )
    paypal_subscription_id = forms.CharField(
        label=_("PayPal subscription ID"), max_length=255,
        help_text=_("The subscription ID PayPal returns when the subscription is approved, such as I-BW452GLLEP1G."),
        widget=forms.TextInput(attrs={**TEXT, "autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, plan_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan_id = plan_id

    def clean_paypal_order_id(self):
        return self._clean_paypal_id("paypal_order_id")

    def clean_paypal_subscription_id(self):
        value = self._clean_paypal_id("paypal_subscription_id")
        if self.plan_id and value == self.plan_id:
            raise forms.ValidationError(
                _("%(value)s is the plan ID Rocket.net created, not a subscription ID. Enter the subscription ID "
                  "PayPal returned when the subscription was approved.") % {"value": value})
        return value

    def _clean_paypal_id(self, name):
        value = self.cleaned_data[name].strip()
        if not PAYPAL_ID_PATTERN.match(value):
            raise forms.ValidationError(
                _("%(value)s is not a PayPal ID; use only the letters, digits and hyphens PayPal returned.")
                % {"value": value[:40]})
        return value


class StartCardSetupForm(forms.Form):
    """The empty first step: opening the setup intent."""


def looks_like_card_number(text):
    return bool(text) and re.sub(r"[\s-]", "", text).isdigit()


class TokenInput(forms.TextInput):
    """A text input that never writes back a value that looks like a card number."""

    def format_value(self, value):
        return "" if looks_like_card_number(str(value or "")) else super().format_value(value)


class AddCardForm(forms.Form):
    card_token = forms.CharField(
        label=_("Card token"), max_length=200,
        help_text=_("The token the payment provider's card form returns after the setup intent, such as "
                    "tok_visa in the sandbox. Never enter a card number here."),
        widget=TokenInput(attrs={**TEXT, "autocomplete": "off", "spellcheck": "false"}),
    )
    address_id = forms.TypedChoiceField(
        label=_("Billing address"), coerce=int, widget=forms.Select(attrs=SELECT),
        error_messages={"required": _("Choose a billing address; add one on the Addresses tab first."),
                        "invalid_choice": _("Address %(value)s does not exist on this account; choose a listed one.")},
    )
    description = forms.CharField(label=_("Description"), max_length=100, required=False,
                                  widget=forms.TextInput(attrs=TEXT))
    active = forms.BooleanField(label=_("Make this the default card"), required=False,
                                widget=forms.CheckboxInput(attrs=CHECK))

    def __init__(self, *args, addresses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["address_id"].choices = [("", "")] + [(item["id"], address_label(item)) for item in addresses]

    def clean_card_token(self):
        token = self.cleaned_data["card_token"].strip()
        if looks_like_card_number(token):
            raise forms.ValidationError(_(
                "This looks like a card number. The dashboard never takes card numbers: enter the token that "
                "the payment provider's card form returned, such as tok_visa."))
        if not CARD_TOKEN_PATTERN.match(token):
            raise forms.ValidationError(
                _("%(value)s is not a card token. Enter the token that starts with tok_ or pm_, such as tok_visa.")
                % {"value": token[:40]})
        return token


class PaymentMethodForm(forms.Form):
    description = forms.CharField(label=_("Description"), max_length=100, widget=forms.TextInput(attrs=TEXT))
    expiry_date = forms.CharField(
        label=_("Expiry date"), max_length=5, help_text=_("Month and year as MM/YY, for example 04/29."),
        widget=forms.TextInput(attrs={**TEXT, "placeholder": "MM/YY"}),
    )
    address_id = forms.TypedChoiceField(
        label=_("Billing address"), coerce=int, widget=forms.Select(attrs=SELECT),
        error_messages={"invalid_choice": _("Address %(value)s does not exist on this account; choose a listed one.")},
    )
    active = forms.BooleanField(label=_("Default card (charged for invoices)"), required=False,
                                widget=forms.CheckboxInput(attrs=CHECK))

    def __init__(self, *args, addresses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["address_id"].choices = [(item["id"], address_label(item)) for item in addresses]

    def clean_expiry_date(self):
        text = self.cleaned_data["expiry_date"].strip()
        month = _expiry_month(text)
        if month is None:
            raise forms.ValidationError(_("%(value)s is not a valid expiry date; use MM/YY, for example 04/29.")
                                        % {"value": text})
        today = timezone.localdate()
        if month < (today.year, today.month):
            raise forms.ValidationError(_("%(value)s is in the past; enter the expiry date printed on the card.")
                                        % {"value": text})
        return text

    def changes(self):
        """Return the fields whose value differs from the initial one, for a PATCH."""
        return {name: value for name, value in self.cleaned_data.items() if value != self.initial.get(name)}


def address_label(address):
    parts = [f"{address.get('first_name', '')} {address.get('last_name', '')}".strip(),
             address.get("address_line_1"), address.get("city"), address.get("country")]
    return ", ".join(str(part) for part in parts if part)


class AddressForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=200, widget=forms.TextInput(attrs=TEXT))
    last_name = forms.CharField(label=_("Last name"), max_length=200, widget=forms.TextInput(attrs=TEXT))
    company_name = forms.CharField(label=_("Company"), max_length=200, required=False,
                                   widget=forms.TextInput(attrs=TEXT))
    email = forms.EmailField(label=_("Invoice email"), widget=forms.EmailInput(attrs=TEXT),
                             error_messages={"invalid": _("Enter a valid email address, such as name@example.com.")})
    address_line_1 = forms.CharField(label=_("Address line 1"), max_length=200, widget=forms.TextInput(attrs=TEXT))
    address_line_2 = forms.CharField(label=_("Address line 2"), max_length=200, required=False,
                                     widget=forms.TextInput(attrs=TEXT))
    city = forms.CharField(label=_("City"), max_length=200, widget=forms.TextInput(attrs=TEXT))
    state = forms.CharField(label=_("State or region"), max_length=200, widget=forms.TextInput(attrs=TEXT))
    postal_code = forms.CharField(label=_("Postal code"), max_length=200, widget=forms.TextInput(attrs=TEXT))
    country = forms.CharField(label=_("Country"), max_length=2, min_length=2,
                              help_text=_("Two-letter ISO 3166 code, such as US or DE."),
                              widget=forms.TextInput(attrs=TEXT))
    telephone = forms.CharField(label=_("Telephone"), max_length=200, widget=forms.TextInput(attrs=TEXT))
    receive_invoice_emails = forms.BooleanField(label=_("Send invoices to this email"), required=False,
                                                widget=forms.CheckboxInput(attrs=CHECK))

    def clean_country(self):
        country = self.cleaned_data["country"].strip()
        if not country.isalpha():
            raise forms.ValidationError(_("%(value)s is not a country code; use two letters such as US or DE.")
                                        % {"value": country})
        return country.upper()

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_telephone(self):
        telephone = self.cleaned_data["telephone"].strip()
        if not TELEPHONE_PATTERN.match(telephone) or not re.search(r"\d", telephone):
            raise forms.ValidationError(
                _("%(value)s is not a telephone number; use digits, spaces, +, - and brackets, "
                  "such as +1 877-374-0764.") % {"value": telephone[:40]})
        return telephone

    def clean_postal_code(self):
        postal_code = self.cleaned_data["postal_code"].strip()
        if not POSTAL_CODE_PATTERN.match(postal_code):
            raise forms.ValidationError(
                _("%(value)s is not a postal code; use letters, digits, spaces and hyphens, starting with a "
                  "letter or digit, such as 33469 or SW1A 1AA.") % {"value": postal_code[:40]})
        return postal_code


class PlanChangeForm(forms.Form):
    billing_product_id = forms.TypedChoiceField(
        label=_("New plan"), coerce=int, widget=forms.Select(attrs=SELECT),
        error_messages={"required": _("Choose the new plan."),
                        "invalid_choice": _("Plan %(value)s is not on sale; choose one from the list.")},
    )
    billing_cycle = forms.ChoiceField(
        label=_("Billing cycle"), choices=[(cycle, BILLING_CYCLE_LABELS[cycle]) for cycle in ("Monthly", "Annual")],
        widget=forms.Select(attrs=SELECT),
        error_messages={"invalid_choice": _("Billing cycle %(value)s does not exist; choose Monthly or Annual.")},
    )

    def __init__(self, *args, products=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.products = {int(product["id"]): product for product in products}
        self.fields["billing_product_id"].choices = [("", "")] + [
            (int(product["id"]), f"{product.get('name')} ({api_label('plan_type', product.get('type'))})")
            for product in products if product.get("purchase_method") != "Contact"
        ]

    def product_name(self):
        product = self.products.get(self.cleaned_data["billing_product_id"]) or {}
        return product.get("name") or str(self.cleaned_data["billing_product_id"])


class ConfirmPlanChangeForm(PlanChangeForm):
    billing_product_id = forms.TypedChoiceField(coerce=int, widget=forms.HiddenInput)
    billing_cycle = forms.ChoiceField(choices=PlanChangeForm.base_fields["billing_cycle"].choices,
                                      widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=_("I confirm the plan change and the invoice it creates"), widget=forms.CheckboxInput(attrs=CHECK),
        error_messages={"required": _("Tick the box to confirm the plan change; nothing was changed.")},
    )


class UsageForm(forms.Form):
    """The days of an account usage query; the end defaults to today, the start to 30 days before the end."""

    date_from = forms.DateField(label=_("From"), required=False,
                                widget=forms.DateInput(attrs={**TEXT, "type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False,
                              widget=forms.DateInput(attrs={**TEXT, "type": "date"}))

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        limit_date_inputs(self, self.today)

    def clean_date_to(self):
        date_to = self.cleaned_data["date_to"]
        if date_to is not None:
            validate_end_date_not_future(date_to, self.today)
        return date_to

    def clean(self):
        cleaned = super().clean()
        if self.has_error("date_from") or self.has_error("date_to"):
            return cleaned

        date_to = cleaned.get("date_to") or self.today
        date_from = cleaned.get("date_from") or date_to - datetime.timedelta(days=29)
        if date_from > date_to:
            self.add_error("date_from", _("The start date %(start)s is after the end date %(end)s; swap them.")
                           % {"start": date_from, "end": date_to})
        elif (date_to - date_from).days >= MAX_USAGE_DAYS:
            self.add_error("date_from", _("Choose a range of at most %(days)s days.") % {"days": MAX_USAGE_DAYS})
        cleaned["date_from"], cleaned["date_to"] = date_from, date_to
        return cleaned
