from urllib.parse import urlsplit

from django import forms
from django.utils.translation import gettext_lazy as _

URI_MAX_LENGTH = 2048


class EnableShopShieldForm(forms.Form):
    uri = forms.CharField(
        label=_("Path to protect"), max_length=URI_MAX_LENGTH,
        help_text=_("A path on this site, starting with /, for example /checkout/ or /my-account/."),
        widget=forms.TextInput(attrs={"class": "form-control font-monospace", "placeholder": "/checkout/"}),
    )
    notify_site_owner = forms.BooleanField(
        label=_("Email the account owner that ShopShield now protects this path"), required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def clean_uri(self):
        """Return the path, or raise an error that names the value and shows the expected form."""
        value = self.cleaned_data["uri"].strip()
        parts = urlsplit(value)
        if parts.scheme or parts.netloc:
            raise forms.ValidationError(
                _("“%(value)s” is a full URL; enter only its path, for example %(path)s.")
                % {"value": value, "path": parts.path or "/"},
                code="full_url",
            )
        if not value.startswith("/") or value.startswith("//"):
            raise forms.ValidationError(
                _("“%(value)s” is not a path: start it with a single /, for example /checkout/.") % {"value": value},
                code="not_a_path",
            )
        if any(character.isspace() for character in value) or "#" in value:
            raise forms.ValidationError(
                _("“%(value)s” contains a space or a #; enter the path exactly as it appears in the address bar.")
                % {"value": value},
                code="invalid_character",
            )
        return value
