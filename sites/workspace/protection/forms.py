from django import forms
from django.utils.translation import gettext_lazy as _

# Basic auth sends "username:password", so a colon cannot be part of the username.
FORBIDDEN_USERNAME_CHARACTERS = (":", " ")
USERNAME_MAX_LENGTH = 64


class ProtectionUserForm(forms.Form):
    username = forms.CharField(
        label=_("Username"), max_length=USERNAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )
    # render_value=False (the default) keeps the password out of the page when the form is shown again.
    password = forms.CharField(
        label=_("Password"), strip=False,
        help_text=_("Visitors type this to see the site. It is sent to Rocket.net and never shown again."),
        widget=forms.PasswordInput(attrs={"class": "form-control", "autocomplete": "new-password"}),
    )

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        for character in FORBIDDEN_USERNAME_CHARACTERS:
            if character in username:
                raise forms.ValidationError(
                    _("Username “%(username)s” contains a colon or a space; use letters, digits, dots or dashes.")
                    % {"username": username},
                    code="invalid_character",
                )
        return username


class ProtectionToggleForm(forms.Form):
    """No fields: it carries an API error to the button or row that caused it."""
