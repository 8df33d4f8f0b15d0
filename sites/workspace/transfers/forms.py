import re
import uuid

from django import forms
from django.utils.translation import gettext_lazy as _


class StartTransferForm(forms.Form):
    email = forms.EmailField(
        label=_("Email of the receiving Rocket.net account"),
        help_text=_("Rocket.net emails that account a transfer ID; the site moves once they accept."),
        widget=forms.EmailInput(attrs={"class": "form-control", "autocomplete": "off"}),
        error_messages={"invalid": _("Enter a valid email address, such as client@example.com.")},
    )
    confirm = forms.BooleanField(
        label=_("I understand that the receiving account will own this site once it accepts."),
        error_messages={"required": _("Tick the box to confirm that this site should move to another account.")},
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, own_email="", **kwargs):
        kwargs.setdefault("auto_id", "transfer_%s")
        super().__init__(*args, **kwargs)
        self.own_email = (own_email or "").lower()

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if email == self.own_email:
            raise forms.ValidationError(
                _("%(email)s is this site's own account; enter the email of the account that should receive it.")
                % {"email": email},
                code="own_account",
            )
        return email


# The spec types transfer IDs as plain strings, so any ID of letters, digits, dashes and underscores
# passes; other characters would change the request path.
TRANSFER_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,100}$")


def clean_transfer_id(value):
    """Return the trimmed transfer ID (a UUID in its canonical lower-case form), or raise an error naming it."""
    value = (value or "").strip()
    if not TRANSFER_ID_PATTERN.match(value):
        raise forms.ValidationError(
            _("“%(value)s” is not a transfer ID. Copy the ID from the transfer email; it looks like "
              "3f2b8c1e-4a5d-4e6f-8a7b-9c0d1e2f3a4b.") % {"value": value},
            code="invalid_transfer_id",
        )
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return value


class TransferIdForm(forms.Form):
    transfer_id = forms.CharField(
        label=_("Transfer ID"), max_length=100,
        widget=forms.TextInput(attrs={"class": "form-control font-monospace", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "cancel_%s")
        super().__init__(*args, **kwargs)

    def clean_transfer_id(self):
        return clean_transfer_id(self.cleaned_data["transfer_id"])
