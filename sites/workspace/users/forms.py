from django import forms
from django.utils.translation import gettext_lazy as _


class InviteSiteUserForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100,
                           widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}))
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("Rocket.net emails an invitation to this address; the person chooses their own password."),
        widget=forms.EmailInput(attrs={"class": "form-control", "autocomplete": "off"}),
        error_messages={"invalid": _("Enter a valid email address, such as name@example.com.")},
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
