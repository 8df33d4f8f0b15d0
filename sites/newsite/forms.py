import re

from django import forms
from django.utils.translation import gettext_lazy as _

from sites.workspace.overview.forms import SITE_LABEL_MAX_LENGTH

# NOTE: Rocket.net documents no format for a site's name. This accepts what is safe in a host name
# (letters, digits and inner hyphens, at most 63 characters); the API may accept more.
SITE_NAME = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
# WordPress user names: letters, digits, spaces and _ . - @ (sanitize_user in strict mode), at most 60.
WORDPRESS_USERNAME = re.compile(r"^[A-Za-z0-9 _.@-]{1,60}$")


class ConnectionChoiceForm(forms.Form):
    connection = forms.TypedChoiceField(label=_("Client account"), coerce=int,
                                        widget=forms.Select(attrs={"class": "form-select"}))

    def __init__(self, *args, connections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["connection"].choices = [
            (connection.pk, f"{connection.client_name or connection.label} ({connection.label})")
            for connection in connections
        ]


class NewSiteForm(forms.Form):
    name = forms.CharField(
        label=_("Site name"), max_length=63,
        widget=forms.TextInput(attrs={"class": "form-control", "placeholder": "client-shop"}),
        help_text=_("Lower-case letters, digits and hyphens, for example client-shop."),
    )
    label = forms.CharField(label=_("Label"), max_length=SITE_LABEL_MAX_LENGTH, required=False,
                            widget=forms.TextInput(attrs={"class": "form-control"}),
                            help_text=_("Shown in the fleet. Leave empty to use the site name."))
    location = forms.TypedChoiceField(label=_("Location"), coerce=int, empty_value=None,
                                      widget=forms.Select(attrs={"class": "form-select"}))
    admin_username = forms.CharField(label=_("WordPress admin username"), max_length=60,
                                     widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}))
    admin_email = forms.EmailField(label=_("WordPress admin email"),
                                   widget=forms.EmailInput(attrs={"class": "form-control"}))

    def __init__(self, *args, locations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].choices = [(location.id, location.name or str(location.id))
                                           for location in locations if location.id is not None]
        self.fields["location"].error_messages["invalid_choice"] = _(
            "Location %(value)s is not offered for this account. Pick one from the list."
        )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not SITE_NAME.match(name):
            raise forms.ValidationError(
                _("“%(value)s” is not a valid site name. Use lower-case letters, digits and hyphens, "
                  "starting and ending with a letter or digit, for example client-shop.") % {"value": name},
                code="invalid_name",
            )
        return name

    def clean_admin_username(self):
        username = self.cleaned_data["admin_username"].strip()
        if not WORDPRESS_USERNAME.match(username):
            raise forms.ValidationError(
                _("“%(value)s” is not a valid WordPress username. Use letters, digits, spaces and _ . - @ only.")
                % {"value": username},
                code="invalid_username",
            )
        return username

    def location_name(self):
        """Return the display name of the chosen location, for the job page."""
        return dict(self.fields["location"].choices).get(self.cleaned_data.get("location"), "")
